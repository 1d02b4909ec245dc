package dev.provenance.sigstore.internal.tsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.x509.Asn1Nesting;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.Signatures;
import dev.provenance.sigstore.internal.x509.ValidityWindows;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Verifies an RFC 3161 time-stamp response as Sigstore bundles carry it ({@code
 * rfc3161Timestamps[].signedTimestamp}: a DER {@code TimeStampResp}, client specification section
 * 4.2.1).
 *
 * <p>The CMS structure must be the one RFC 5652 and RFC 3161 fix, also where no signature covers
 * it: a granted status, a SignedData of the version section 5.1 gives, exactly one signer whose
 * digest algorithm is the only one listed, an id-ct-TSTInfo encapsulated content, a SignerInfo of
 * the version its identifier calls for, and well-formed unsigned attributes ({@code
 * MALFORMED_INPUT}).
 *
 * <p>Order (verify, then parse): the signer must be the signing certificate (first certificate) of
 * a trusted TSA, matched by the CMS signer identifier; certificates embedded in the token are
 * ignored. The CMS signature over the signed attributes must verify with that certificate's key
 * ({@code SIGNATURE_INVALID}, H65), the content-type and message-digest attributes must bind the
 * TSTInfo, and the ESS signing-certificate attribute (v1 or v2) must name that certificate ({@code
 * BINDING_MISMATCH}). Only then is the TSTInfo read: the TSA chain and the trusted root's window
 * must contain {@code genTime} ({@code TIME_INVALID}), the signing certificate must carry the
 * critical timeStamping extended key usage (RFC 3161 section 2.3), and the message imprint must be
 * the hash of exactly the given bytes ({@code BINDING_MISMATCH}, H63).
 *
 * <p>Stateless; thread-safe.
 */
public final class Rfc3161 {
  /** Largest time-stamp response accepted; real ones are 1 to 6 KiB. */
  public static final int MAX_TIMESTAMP_BYTES = 128 * 1024;

  static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final Set<String> KNOWN_CRITICAL =
      Set.of("2.5.29.15", "2.5.29.19", EXTENDED_KEY_USAGE);
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_CERT_SIGN = 5;

  private static final Map<String, String> DIGESTS =
      Map.of(
          "2.16.840.1.101.3.4.2.1", "SHA-256",
          "2.16.840.1.101.3.4.2.2", "SHA-384",
          "2.16.840.1.101.3.4.2.3", "SHA-512");
  private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  private static final String LOCATION = "timestamp";
  // CertificateChoices and RevocationInfoChoice tags (RFC 5652 section 10.2.2, 10.2.1).
  private static final int ATTRIBUTE_CERTIFICATE_V2 = 2;
  private static final int OTHER_CERTIFICATE_FORMAT = 3;
  private static final int OTHER_REVOCATION_FORMAT = 1;

  private Rfc3161() {}

  /**
   * Verifies a time-stamp response over the given bytes against trusted TSAs.
   *
   * @param signedTimestampDer the DER {@code TimeStampResp}
   * @param signedBytes the bytes that were time-stamped (the artifact signature)
   * @param tsas the trusted time-stamping authorities
   * @return the verified time and the authority that vouches for it
   * @throws VerificationException {@code MALFORMED_INPUT}, {@code RESOURCE_LIMIT_EXCEEDED}, {@code
   *     UNSUPPORTED_FORMAT}, {@code UNTRUSTED_ANCHOR}, {@code SIGNATURE_INVALID}, {@code
   *     BINDING_MISMATCH} or {@code TIME_INVALID}
   */
  public static VerifiedTimestamp verify(
      byte[] signedTimestampDer, byte[] signedBytes, List<TimestampAuthority> tsas)
      throws VerificationException {
    Objects.requireNonNull(signedTimestampDer, "signedTimestampDer");
    Objects.requireNonNull(signedBytes, "signedBytes");
    List<TimestampAuthority> trusted = List.copyOf(tsas);
    Token token = Token.parse(signedTimestampDer);
    VerificationException first = null;
    for (TimestampAuthority tsa : trusted) {
      X509Certificate signer = tsa.chain().get(0);
      if (!token.isSignedBy(signer)) {
        continue;
      }
      try {
        return verifyWith(token, signedBytes, tsa, signer);
      } catch (VerificationException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    throw new VerificationException(
        ErrorCode.UNTRUSTED_ANCHOR,
        LOCATION,
        "time-stamp is not signed by a trusted time-stamping authority");
  }

  private static VerifiedTimestamp verifyWith(
      Token token, byte[] signedBytes, TimestampAuthority tsa, X509Certificate signer)
      throws VerificationException {
    token.verifySignature(signer);
    token.verifySigningCertificate(signer);
    TSTInfo info = token.tstInfo();
    Instant genTime;
    try {
      genTime = info.getGenTime().getDate().toInstant();
    } catch (ParseException | RuntimeException e) {
      throw malformed("genTime cannot be decoded");
    }
    checkAuthority(tsa, genTime);
    checkImprint(info.getMessageImprint(), signedBytes);
    return new VerifiedTimestamp(genTime, tsa);
  }

  /** The TSA chain must be usable for time-stamping and valid at {@code genTime}. */
  private static void checkAuthority(TimestampAuthority tsa, Instant genTime)
      throws VerificationException {
    List<X509Certificate> chain = tsa.chain();
    X509Certificate signer = chain.get(0);
    Set<String> critical = signer.getCriticalExtensionOIDs();
    List<String> eku = CertificatePaths.extendedKeyUsage(signer, LOCATION);
    if (eku == null
        || critical == null
        || !critical.contains(EXTENDED_KEY_USAGE)
        || !eku.equals(List.of(TIME_STAMPING))) {
      throw untrusted("TSA certificate lacks the sole, critical timeStamping extended key usage");
    }
    boolean[] keyUsage = signer.getKeyUsage();
    if (keyUsage != null
        && !(keyUsage.length > DIGITAL_SIGNATURE && keyUsage[DIGITAL_SIGNATURE])
        && !(keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION])) {
      throw untrusted("TSA certificate key usage does not allow signing");
    }
    CertificatePaths.checkCriticalExtensions(signer, KNOWN_CRITICAL, LOCATION);
    for (int i = 1; i < chain.size(); i++) {
      X509Certificate ca = chain.get(i);
      boolean[] caUsage = ca.getKeyUsage();
      if (ca.getBasicConstraints() < 0
          || (caUsage != null && (caUsage.length <= KEY_CERT_SIGN || !caUsage[KEY_CERT_SIGN]))) {
        throw untrusted("TSA chain certificate " + i + " is not a CA");
      }
      List<String> caEku = CertificatePaths.extendedKeyUsage(ca, LOCATION);
      if (caEku != null && !caEku.contains(TIME_STAMPING) && !caEku.contains("2.5.29.37.0")) {
        throw untrusted("TSA chain certificate " + i + " does not allow time-stamping");
      }
      CertificatePaths.checkCriticalExtensions(ca, KNOWN_CRITICAL, LOCATION);
    }
    CertificatePaths.verifyTrustedChain(chain, LOCATION);
    if (!tsa.isValidAt(genTime)) {
      throw new VerificationException(
          ErrorCode.TIME_INVALID,
          LOCATION,
          "genTime " + genTime + " is outside the TSA's validity window in the trusted root");
    }
    for (X509Certificate cert : chain) {
      if (!ValidityWindows.contains(cert, genTime)) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID,
            LOCATION,
            "TSA certificate valid "
                + cert.getNotBefore().toInstant()
                + ".."
                + cert.getNotAfter().toInstant()
                + " does not cover genTime "
                + genTime);
      }
    }
  }

  private static void checkImprint(MessageImprint imprint, byte[] signedBytes)
      throws VerificationException {
    String oid = imprint.getHashAlgorithm().getAlgorithm().getId();
    String digest = DIGESTS.get(oid);
    if (digest == null) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, LOCATION, "message imprint hash " + oid + " not supported");
    }
    if (!MessageDigest.isEqual(
        imprint.getHashedMessage(), Signatures.digest(digest, signedBytes))) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH,
          LOCATION,
          "message imprint is not the " + digest + " of the signature");
    }
  }

  static VerificationException malformed(String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, LOCATION, message);
  }

  private static VerificationException untrusted(String message) {
    return new VerificationException(ErrorCode.UNTRUSTED_ANCHOR, LOCATION, message);
  }

  /** A decoded time-stamp token: one signer, signed attributes, the TSTInfo bytes. */
  private static final class Token {
    private final SignerInfo signerInfo;
    private final byte[] tstInfoDer;
    private final ASN1Set signedAttributes;

    private Token(SignerInfo signerInfo, byte[] tstInfoDer, ASN1Set signedAttributes) {
      this.signerInfo = signerInfo;
      this.tstInfoDer = tstInfoDer;
      this.signedAttributes = signedAttributes;
    }

    static Token parse(byte[] der) throws VerificationException {
      if (der.length > MAX_TIMESTAMP_BYTES) {
        throw new VerificationException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            LOCATION,
            "time-stamp of " + der.length + " bytes exceeds " + MAX_TIMESTAMP_BYTES);
      }
      Asn1Nesting.check(der, LOCATION);
      try {
        TimeStampResp response = TimeStampResp.getInstance(ASN1Primitive.fromByteArray(der));
        BigInteger status = response.getStatus().getStatus();
        // PKIStatus granted (0) or grantedWithMods (1); anything else carries no token.
        if (status.signum() < 0 || status.compareTo(BigInteger.ONE) > 0) {
          throw malformed("time-stamp response status " + status + " is not granted");
        }
        ContentInfo token = response.getTimeStampToken();
        if (token == null || !CMSObjectIdentifiers.signedData.equals(token.getContentType())) {
          throw malformed("time-stamp response carries no signed token");
        }
        SignedData signedData = SignedData.getInstance(token.getContent());
        ContentInfo content = signedData.getEncapContentInfo();
        if (!PKCSObjectIdentifiers.id_ct_TSTInfo.equals(content.getContentType())
            || content.getContent() == null) {
          throw malformed("signed content is not a TSTInfo");
        }
        byte[] tstInfo = ASN1OctetString.getInstance(content.getContent()).getOctets();
        if (signedData.getSignerInfos().size() != 1) {
          throw malformed("a time-stamp token has exactly one signer");
        }
        SignerInfo signerInfo = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
        ASN1Set attributes = signerInfo.getAuthenticatedAttributes();
        if (attributes == null) {
          throw malformed("time-stamp signer has no signed attributes");
        }
        checkUnsignedStructure(signedData, signerInfo);
        return new Token(signerInfo, tstInfo, attributes);
      } catch (IOException | RuntimeException e) {
        throw new VerificationException(
            ErrorCode.MALFORMED_INPUT, LOCATION, "not a DER time-stamp response", e);
      }
    }

    /**
     * The fields of a token that no signature covers must still be the ones RFC 5652 fixes, so
     * that a token altered after signing is refused rather than silently read: the SignedData
     * version (section 5.1: 3 for a TSTInfo, 4 or 5 only with the certificate and CRL formats that
     * call for them), the digestAlgorithms set (exactly the signer's digest algorithm, the only one
     * a single signer uses), the SignerInfo version (section 5.3: 1 with an issuer and serial
     * number, 3 with a subject key identifier) and the unsigned attributes (section 5.3: when
     * present, a non-empty set of attributes with at least one value each). Their contents are
     * not authenticated and nothing is read from them.
     */
    private static void checkUnsignedStructure(SignedData signedData, SignerInfo signerInfo)
        throws VerificationException {
      int expected = signedDataVersion(signedData);
      BigInteger version = signedData.getVersion().getValue();
      if (!version.equals(BigInteger.valueOf(expected))) {
        throw malformed(
            "SignedData version " + version + " is not " + expected + " (RFC 5652 section 5.1)");
      }
      ASN1ObjectIdentifier digest = signerInfo.getDigestAlgorithm().getAlgorithm();
      ASN1Set digests = signedData.getDigestAlgorithms();
      if (digests.size() != 1
          || !AlgorithmIdentifier.getInstance(digests.getObjectAt(0)).getAlgorithm().equals(digest)) {
        throw malformed("digestAlgorithms must name exactly the signer's digest algorithm " + digest);
      }
      BigInteger signerVersion = signerInfo.getVersion().getValue();
      int expectedSigner = signerInfo.getSID().isTagged() ? 3 : 1;
      if (!signerVersion.equals(BigInteger.valueOf(expectedSigner))) {
        throw malformed(
            "SignerInfo version "
                + signerVersion
                + " is not "
                + expectedSigner
                + " for its signer identifier (RFC 5652 section 5.3)");
      }
      ASN1Set unsigned = signerInfo.getUnauthenticatedAttributes();
      if (unsigned != null) {
        if (unsigned.size() == 0) {
          throw malformed("unsigned attributes, when present, must not be empty");
        }
        for (ASN1Encodable element : unsigned) {
          if (Attribute.getInstance(element).getAttrValues().size() == 0) {
            throw malformed("an unsigned attribute has no value");
          }
        }
      }
    }

    /** RFC 5652 section 5.1, for an encapsulated content type other than id-data. */
    private static int signedDataVersion(SignedData signedData) {
      boolean otherFormat = false;
      boolean attributeCertificateV2 = false;
      if (signedData.getCertificates() != null) {
        for (ASN1Encodable c : signedData.getCertificates()) {
          if (c instanceof ASN1TaggedObject) {
            int tag = ((ASN1TaggedObject) c).getTagNo();
            otherFormat |= tag == OTHER_CERTIFICATE_FORMAT;
            attributeCertificateV2 |= tag == ATTRIBUTE_CERTIFICATE_V2;
          }
        }
      }
      if (signedData.getCRLs() != null) {
        for (ASN1Encodable c : signedData.getCRLs()) {
          otherFormat |=
              c instanceof ASN1TaggedObject
                  && ((ASN1TaggedObject) c).getTagNo() == OTHER_REVOCATION_FORMAT;
        }
      }
      return otherFormat ? 5 : attributeCertificateV2 ? 4 : 3;
    }

    /** Whether the CMS signer identifier names this certificate (RFC 5652 section 5.3). */
    boolean isSignedBy(X509Certificate cert) {
      try {
        SignerIdentifier sid = signerInfo.getSID();
        ASN1Encodable id = sid.getId();
        if (sid.isTagged()) {
          byte[] expected = ASN1OctetString.getInstance(id).getOctets();
          byte[] ski = cert.getExtensionValue("2.5.29.14");
          if (ski == null) {
            return false;
          }
          byte[] value = ASN1OctetString.getInstance(ski).getOctets();
          Asn1Nesting.check(value, LOCATION);
          byte[] actual =
              SubjectKeyIdentifier.getInstance(ASN1Primitive.fromByteArray(value))
                  .getKeyIdentifier();
          return MessageDigest.isEqual(expected, actual);
        }
        IssuerAndSerialNumber issuerSerial = IssuerAndSerialNumber.getInstance(id);
        return issuerSerial.getSerialNumber().getValue().equals(cert.getSerialNumber())
            && issuerSerial
                .getName()
                .equals(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()));
      } catch (IOException | VerificationException | RuntimeException e) {
        return false;
      }
    }

    /** The signature over the DER signed attributes, which bind the TSTInfo by digest. */
    void verifySignature(X509Certificate signer) throws VerificationException {
      String digestOid = signerInfo.getDigestAlgorithm().getAlgorithm().getId();
      String digest = DIGESTS.get(digestOid);
      if (digest == null) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT, LOCATION, "signer digest " + digestOid + " not supported");
      }
      ASN1Encodable contentType = single(CMSAttributes.contentType);
      if (!PKCSObjectIdentifiers.id_ct_TSTInfo.equals(contentType)) {
        throw malformed("content-type attribute is not TSTInfo");
      }
      ASN1Encodable messageDigest = single(CMSAttributes.messageDigest);
      if (!(messageDigest instanceof ASN1OctetString)
          || !MessageDigest.isEqual(
              ((ASN1OctetString) messageDigest).getOctets(),
              Signatures.digest(digest, tstInfoDer))) {
        throw new VerificationException(
            ErrorCode.SIGNATURE_INVALID, LOCATION, "message-digest attribute does not match TSTInfo");
      }
      AlgorithmIdentifier algorithm = signerInfo.getDigestEncryptionAlgorithm();
      Signatures.Scheme scheme = scheme(algorithm.getAlgorithm().getId(), digest);
      byte[] parameters = null;
      byte[] signedData;
      try {
        if (scheme == Signatures.Scheme.RSA_PSS && algorithm.getParameters() != null) {
          parameters = algorithm.getParameters().toASN1Primitive().getEncoded(ASN1Encoding.DER);
        }
        // RFC 5652 section 5.4: the signature covers the DER SET OF, not the [0] IMPLICIT form.
        signedData = signedAttributes.getEncoded(ASN1Encoding.DER);
      } catch (IOException e) {
        throw malformed("signed attributes cannot be encoded");
      }
      Signatures.verify(
          signer.getPublicKey(),
          scheme,
          parameters,
          signedData,
          signerInfo.getEncryptedDigest().getOctets(),
          true,
          LOCATION);
    }

    /** The ESS signing-certificate attribute must name the signer (RFC 3161 2.4.1, RFC 5816). */
    void verifySigningCertificate(X509Certificate signer) throws VerificationException {
      byte[] encoded;
      try {
        encoded = signer.getEncoded();
      } catch (CertificateEncodingException e) {
        throw untrusted("TSA certificate cannot be encoded");
      }
      Optional<ASN1Encodable> v2 = optional(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
      Optional<ASN1Encodable> v1 = optional(PKCSObjectIdentifiers.id_aa_signingCertificate);
      byte[] expectedHash;
      String hash;
      IssuerSerial issuerSerial;
      try {
        if (v2.isPresent()) {
          ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.get()).getCerts()[0];
          String oid = id.getHashAlgorithm().getAlgorithm().getId();
          hash = DIGESTS.get(oid);
          if (hash == null) {
            throw new VerificationException(
                ErrorCode.UNSUPPORTED_FORMAT, LOCATION, "ESSCertIDv2 hash " + oid + " not supported");
          }
          expectedHash = id.getCertHash();
          issuerSerial = id.getIssuerSerial();
        } else if (v1.isPresent()) {
          ESSCertID id = SigningCertificate.getInstance(v1.get()).getCerts()[0];
          hash = "SHA-1";
          expectedHash = id.getCertHash();
          issuerSerial = id.getIssuerSerial();
        } else {
          throw malformed("no ESS signing-certificate attribute");
        }
      } catch (RuntimeException e) {
        throw malformed("ESS signing-certificate attribute cannot be decoded");
      }
      if (!MessageDigest.isEqual(expectedHash, Signatures.digest(hash, encoded))) {
        throw new VerificationException(
            ErrorCode.BINDING_MISMATCH, LOCATION, "ESS certificate hash does not name the TSA");
      }
      if (issuerSerial != null && !names(issuerSerial, signer)) {
        throw new VerificationException(
            ErrorCode.BINDING_MISMATCH, LOCATION, "ESS issuer and serial do not name the TSA");
      }
    }

    private static boolean names(IssuerSerial issuerSerial, X509Certificate cert) {
      if (!issuerSerial.getSerial().getValue().equals(cert.getSerialNumber())) {
        return false;
      }
      X500Name issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
      for (GeneralName name : issuerSerial.getIssuer().getNames()) {
        if (name.getTagNo() == GeneralName.directoryName
            && X500Name.getInstance(name.getName()).equals(issuer)) {
          return true;
        }
      }
      return false;
    }

    TSTInfo tstInfo() throws VerificationException {
      Asn1Nesting.check(tstInfoDer, LOCATION);
      try {
        return TSTInfo.getInstance(ASN1Primitive.fromByteArray(tstInfoDer));
      } catch (IOException | RuntimeException e) {
        throw malformed("TSTInfo cannot be decoded");
      }
    }

    private ASN1Encodable single(ASN1ObjectIdentifier type) throws VerificationException {
      return optional(type).orElseThrow(() -> malformed("missing signed attribute " + type));
    }

    /** The single value of an attribute; duplicates are refused (RFC 5652 section 5.3). */
    private Optional<ASN1Encodable> optional(ASN1ObjectIdentifier type)
        throws VerificationException {
      ASN1Encodable found = null;
      for (ASN1Encodable element : signedAttributes) {
        Attribute attribute;
        try {
          attribute = Attribute.getInstance(element);
        } catch (RuntimeException e) {
          throw malformed("signed attribute cannot be decoded");
        }
        if (attribute.getAttrType().equals(type)) {
          if (found != null || attribute.getAttrValues().size() != 1) {
            throw malformed("signed attribute " + type + " must have exactly one value");
          }
          found = attribute.getAttrValues().getObjectAt(0);
        }
      }
      return Optional.ofNullable(found);
    }

    private static Signatures.Scheme scheme(String oid, String digest)
        throws VerificationException {
      Optional<Signatures.Scheme> named = Signatures.forOid(oid);
      if (named.isPresent()) {
        return named.get();
      }
      // CMS also allows the bare key algorithm, with the hash taken from digestAlgorithm.
      if (EC_PUBLIC_KEY.equals(oid)) {
        return Signatures.Scheme.valueOf("ECDSA_" + digest.replace("-", ""));
      }
      if (RSA_ENCRYPTION.equals(oid)) {
        return Signatures.Scheme.valueOf("RSA_PKCS1_" + digest.replace("-", ""));
      }
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, LOCATION, "signature algorithm " + oid + " not supported");
    }
  }
}
