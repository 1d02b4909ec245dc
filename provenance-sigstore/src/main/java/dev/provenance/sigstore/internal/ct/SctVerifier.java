package dev.provenance.sigstore.internal.ct;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.x509.Asn1Nesting;
import dev.provenance.sigstore.internal.x509.Signatures;
import dev.provenance.sigstore.internal.x509.ValidatedPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * Verifies the signed certificate timestamps embedded in a leaf certificate (RFC 6962 section
 * 3.3): each SCT must be signed by a trusted log over the precertificate, that is the leaf's
 * TBSCertificate without the SCT list extension, bound to the issuer's key hash.
 *
 * <p>An SCT counts when its log is trusted, its timestamp lies in the log's validity window and
 * its signature verifies; several SCTs from one log count once. SCT extensions are signed over but
 * not interpreted, so static-CT SCTs with extensions verify (H73). When fewer logs than the
 * threshold verify, the failure carries one finding per SCT that did not count (an unknown log is
 * {@code UNTRUSTED_ANCHOR}, H73) followed by {@code THRESHOLD_NOT_MET}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SctVerifier {
  /** X.509 extension holding the SCT list (RFC 6962 section 3.3). */
  public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";

  /** Most SCTs examined in one certificate. */
  static final int MAX_SCTS = 32;

  private static final int LOG_ID_LENGTH = 32;
  private static final int HASH_SHA256 = 4;
  private static final int SIGNATURE_RSA = 1;
  private static final int SIGNATURE_ECDSA = 3;
  private static final int PRECERT_ENTRY = 1;

  private SctVerifier() {}

  /**
   * Verifies the embedded SCTs of a validated leaf.
   *
   * @param path the validated path; its issuer's key is bound into the signed data
   * @param logs the trusted CT logs
   * @param threshold how many distinct logs must have verified SCTs; 0 disables the requirement
   * @return the number of distinct logs whose SCTs verified
   * @throws VerificationException {@code THRESHOLD_NOT_MET} (after per-SCT findings such as {@code
   *     UNTRUSTED_ANCHOR}, {@code SIGNATURE_INVALID}, {@code TIME_INVALID}), {@code
   *     MALFORMED_INPUT} for an undecodable SCT list, or {@code RESOURCE_LIMIT_EXCEEDED} for more
   *     than {@value #MAX_SCTS} SCTs or too deep nesting
   * @throws IllegalArgumentException if the threshold is negative
   */
  public static int verifyEmbedded(ValidatedPath path, List<CtLog> logs, int threshold)
      throws VerificationException {
    Objects.requireNonNull(path, "path");
    List<CtLog> trusted = List.copyOf(logs);
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must not be negative");
    }
    X509Certificate leaf = path.leaf();
    List<byte[]> scts = embeddedScts(leaf);
    List<Finding> findings = new ArrayList<>();
    List<CtLog> verified = new ArrayList<>();
    byte[] signedPrefixTail = null;
    for (int i = 0; i < scts.size(); i++) {
      String location = "certificate/sct/" + i;
      Sct sct;
      try {
        sct = Sct.parse(scts.get(i), location);
      } catch (VerificationException e) {
        findings.addAll(e.findings());
        continue;
      }
      CtLog log = find(trusted, sct.logId());
      if (log == null) {
        findings.add(
            Finding.of(ErrorCode.UNTRUSTED_ANCHOR, location, "SCT from a log not in the trusted root"));
        continue;
      }
      if (verified.contains(log)) {
        continue;
      }
      if (!log.isValidAt(sct.timestamp())) {
        findings.add(
            Finding.of(
                ErrorCode.TIME_INVALID,
                location,
                "SCT time " + sct.timestamp() + " is outside the log's validity window"));
        continue;
      }
      if (signedPrefixTail == null) {
        signedPrefixTail = precertEntry(leaf, path.issuer());
      }
      try {
        Signatures.verify(
            log.key(),
            sct.scheme(),
            null,
            sct.signedData(signedPrefixTail),
            sct.signature(),
            true,
            location);
        verified.add(log);
      } catch (VerificationException e) {
        findings.addAll(e.findings());
      }
    }
    if (verified.size() >= threshold) {
      return verified.size();
    }
    findings.add(
        Finding.of(
            ErrorCode.THRESHOLD_NOT_MET,
            "certificate",
            verified.size() + " CT logs verified, " + threshold + " required"));
    throw VerificationException.of(findings);
  }

  private static CtLog find(List<CtLog> logs, byte[] logId) {
    for (CtLog log : logs) {
      if (log.logId().contentEquals(logId)) {
        return log;
      }
    }
    return null;
  }

  /** Returns the serialized SCTs of the leaf's SCT list extension; empty when there is none. */
  static List<byte[]> embeddedScts(X509Certificate leaf) throws VerificationException {
    byte[] extension = leaf.getExtensionValue(SCT_LIST_OID);
    if (extension == null) {
      return List.of();
    }
    byte[] list;
    try {
      Asn1Nesting.check(extension, "certificate");
      byte[] value = ASN1OctetString.getInstance(extension).getOctets();
      // The extnValue's content is parsed again: bound its nesting too.
      Asn1Nesting.check(value, "certificate");
      list = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(value)).getOctets();
    } catch (IOException | RuntimeException e) {
      throw malformed("certificate", "SCT list extension is not an OCTET STRING");
    }
    ByteBuffer in = ByteBuffer.wrap(list);
    int total = Tls.u16(in, "certificate");
    if (total != in.remaining() || total == 0) {
      throw malformed("certificate", "SCT list length does not match its content");
    }
    List<byte[]> out = new ArrayList<>();
    while (in.hasRemaining()) {
      if (out.size() == MAX_SCTS) {
        throw new VerificationException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED, "certificate", "more than " + MAX_SCTS + " SCTs");
      }
      out.add(Tls.opaque16(in, "certificate"));
    }
    return out;
  }

  /**
   * Returns the part of the signed data that is the same for every SCT of a certificate: entry
   * type, issuer key hash and the length-prefixed precertificate TBS (RFC 6962 section 3.2).
   */
  static byte[] precertEntry(X509Certificate leaf, X509Certificate issuer)
      throws VerificationException {
    byte[] tbs = precertTbs(leaf);
    if (tbs.length > 0xFFFFFF) {
      throw malformed("certificate", "TBSCertificate too long for a CT entry");
    }
    byte[] issuerKeyHash = Signatures.digest("SHA-256", issuer.getPublicKey().getEncoded());
    ByteArrayOutputStream out = new ByteArrayOutputStream(tbs.length + 40);
    out.write(PRECERT_ENTRY >> 8);
    out.write(PRECERT_ENTRY);
    out.write(issuerKeyHash, 0, issuerKeyHash.length);
    out.write(tbs.length >> 16);
    out.write(tbs.length >> 8);
    out.write(tbs.length);
    out.write(tbs, 0, tbs.length);
    return out.toByteArray();
  }

  /** The leaf's TBSCertificate with the SCT list extension removed, re-encoded in DER. */
  static byte[] precertTbs(X509Certificate leaf) throws VerificationException {
    try {
      byte[] encoded = leaf.getTBSCertificate();
      Asn1Nesting.check(encoded, "certificate");
      ASN1Sequence tbs = ASN1Sequence.getInstance(encoded);
      ASN1EncodableVector rebuilt = new ASN1EncodableVector(tbs.size());
      ASN1ObjectIdentifier sctList = new ASN1ObjectIdentifier(SCT_LIST_OID);
      for (ASN1Encodable element : tbs) {
        if (element instanceof ASN1TaggedObject
            && ((ASN1TaggedObject) element).hasContextTag(3)) {
          ASN1Sequence extensions =
              ASN1Sequence.getInstance(((ASN1TaggedObject) element).getExplicitBaseObject());
          ASN1EncodableVector kept = new ASN1EncodableVector(extensions.size());
          for (ASN1Encodable extension : extensions) {
            // Each extension is kept as parsed, so its bytes are those the log signed.
            if (!sctList.equals(ASN1Sequence.getInstance(extension).getObjectAt(0))) {
              kept.add(extension);
            }
          }
          if (kept.size() > 0) {
            rebuilt.add(new DERTaggedObject(true, BERTags.CONTEXT_SPECIFIC, 3, new DERSequence(kept)));
          }
        } else {
          rebuilt.add(element);
        }
      }
      return new DERSequence(rebuilt).getEncoded(ASN1Encoding.DER);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw malformed("certificate", "TBSCertificate cannot be rebuilt without the SCT list");
    }
  }

  static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }

  /** One parsed SCT (RFC 6962 section 3.2, v1). */
  private record Sct(
      byte[] logId, Instant timestamp, long millis, byte[] extensions, Signatures.Scheme scheme,
      byte[] signature) {

    static Sct parse(byte[] sct, String location) throws VerificationException {
      ByteBuffer in = ByteBuffer.wrap(sct);
      int version = Tls.u8(in, location);
      if (version != 0) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT, location, "SCT version " + version + " is not v1");
      }
      byte[] logId = Tls.bytes(in, LOG_ID_LENGTH, location);
      long millis = Tls.u64(in, location);
      if (millis < 0) {
        throw malformed(location, "SCT timestamp out of range");
      }
      byte[] extensions = Tls.opaque16(in, location);
      int hash = Tls.u8(in, location);
      int signatureAlgorithm = Tls.u8(in, location);
      byte[] signature = Tls.opaque16(in, location);
      if (in.hasRemaining()) {
        throw malformed(location, "trailing bytes after the SCT");
      }
      Signatures.Scheme scheme;
      if (hash == HASH_SHA256 && signatureAlgorithm == SIGNATURE_ECDSA) {
        scheme = Signatures.Scheme.ECDSA_SHA256;
      } else if (hash == HASH_SHA256 && signatureAlgorithm == SIGNATURE_RSA) {
        scheme = Signatures.Scheme.RSA_PKCS1_SHA256;
      } else {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            location,
            "SCT signature algorithm " + hash + "/" + signatureAlgorithm + " not supported");
      }
      return new Sct(
          logId, Instant.ofEpochMilli(millis), millis, extensions, scheme, signature);
    }

    /** RFC 6962 digitally-signed struct for a precert entry. */
    byte[] signedData(byte[] entry) {
      ByteBuffer out = ByteBuffer.allocate(1 + 1 + 8 + entry.length + 2 + extensions.length);
      out.put((byte) 0); // sct_version v1
      out.put((byte) 0); // signature_type certificate_timestamp
      out.putLong(millis);
      out.put(entry);
      out.putShort((short) extensions.length);
      out.put(extensions);
      return out.array();
    }
  }
}
