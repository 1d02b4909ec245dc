package dev.provenance.sigstore.internal.x509;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Reads the identity a Fulcio certificate vouches for: its subject alternative name (URI, email
 * or the Sigstore otherName {@code 1.3.6.1.4.1.57264.1.7}) and its Fulcio extensions.
 *
 * <p>Stateless; thread-safe.
 */
public final class FulcioCertificates {
  /** Arc of the Fulcio extensions. */
  public static final String ARC = "1.3.6.1.4.1.57264.1.";

  /** OIDC issuer, DER {@code UTF8String}. */
  public static final String ISSUER_V2 = ARC + "8";

  /** OIDC issuer, legacy raw bytes. */
  public static final String ISSUER_V1 = ARC + "1";

  /** otherName type of a Sigstore username SAN. */
  public static final String OTHER_NAME_USERNAME = ARC + "7";

  private FulcioCertificates() {}

  /**
   * Returns the identities of the subject alternative name extension that Sigstore recognises:
   * URIs, email addresses and Sigstore otherNames, in certificate order. DNS names, IP addresses
   * and other kinds are not identities here.
   *
   * @param cert the certificate
   * @return the identities; empty when there is no SAN extension
   * @throws VerificationException {@code MALFORMED_INPUT} if the extension cannot be decoded
   */
  public static List<String> subjectAlternativeNames(X509Certificate cert)
      throws VerificationException {
    byte[] value = extensionOctets(cert, CertificatePaths.SUBJECT_ALT_NAME);
    if (value == null) {
      return List.of();
    }
    Asn1Nesting.check(value, "certificate/subjectAlternativeName");
    List<String> out = new ArrayList<>();
    try {
      for (GeneralName name : GeneralNames.getInstance(ASN1Primitive.fromByteArray(value)).getNames()) {
        switch (name.getTagNo()) {
          case GeneralName.uniformResourceIdentifier:
          case GeneralName.rfc822Name:
            out.add(ASN1IA5String.getInstance(name.getName()).getString());
            break;
          case GeneralName.otherName:
            OtherName other = OtherName.getInstance(name.getName());
            if (new ASN1ObjectIdentifier(OTHER_NAME_USERNAME).equals(other.getTypeID())) {
              ASN1Encodable inner = other.getValue();
              if (!(inner instanceof ASN1UTF8String)) {
                throw malformed("certificate/subjectAlternativeName", "otherName is not UTF8String");
              }
              out.add(((ASN1UTF8String) inner).getString());
            }
            break;
          default:
            break;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw malformed("certificate/subjectAlternativeName", "SAN extension cannot be decoded");
    }
    return out;
  }

  /**
   * Returns the value of a Fulcio extension.
   *
   * @param cert the certificate
   * @param oid the extension OID
   * @param derEncoded whether the value is a DER {@code UTF8String} (from {@code .1.8} on) or raw
   *     UTF-8 bytes (legacy {@code .1.1} to {@code .1.6})
   * @return the value, or empty when the extension is absent
   * @throws VerificationException {@code MALFORMED_INPUT} if the value is not of that form or not
   *     valid UTF-8
   */
  public static Optional<String> extension(X509Certificate cert, String oid, boolean derEncoded)
      throws VerificationException {
    byte[] value = extensionOctets(cert, oid);
    if (value == null) {
      return Optional.empty();
    }
    String location = "certificate/extensions/" + oid;
    byte[] text = derEncoded ? utf8StringContent(value, location) : value;
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(text))
              .toString());
    } catch (CharacterCodingException e) {
      throw malformed(location, "extension value is not UTF-8");
    }
  }

  /**
   * Returns the OIDC issuer: extension {@code .1.8} if present, else the legacy {@code .1.1}.
   *
   * @param cert the certificate
   * @return the issuer, or empty when neither extension is present
   * @throws VerificationException {@code MALFORMED_INPUT} if the value cannot be decoded
   */
  public static Optional<String> issuer(X509Certificate cert) throws VerificationException {
    Optional<String> v2 = extension(cert, ISSUER_V2, true);
    return v2.isPresent() ? v2 : extension(cert, ISSUER_V1, false);
  }

  /** The extnValue octets of an extension, or null when absent. */
  private static byte[] extensionOctets(X509Certificate cert, String oid)
      throws VerificationException {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return null;
    }
    Asn1Nesting.check(wrapped, "certificate/extensions/" + oid);
    try {
      return ASN1OctetString.getInstance(wrapped).getOctets();
    } catch (RuntimeException e) {
      throw malformed("certificate/extensions/" + oid, "extension cannot be decoded");
    }
  }

  /** The content of exactly one DER UTF8String (tag 12, minimal definite length). */
  private static byte[] utf8StringContent(byte[] der, String location)
      throws VerificationException {
    if (der.length < 2 || der[0] != 0x0C) {
      throw malformed(location, "extension value is not a DER UTF8String");
    }
    int first = der[1] & 0xFF;
    int length;
    int offset;
    if (first < 0x80) {
      length = first;
      offset = 2;
    } else if (first == 0x81 && der.length > 2 && (der[2] & 0xFF) >= 0x80) {
      length = der[2] & 0xFF;
      offset = 3;
    } else if (first == 0x82 && der.length > 3 && (der[2] & 0xFF) != 0) {
      length = ((der[2] & 0xFF) << 8) | (der[3] & 0xFF);
      offset = 4;
    } else {
      throw malformed(location, "extension value is not a DER UTF8String");
    }
    if (offset + length != der.length) {
      throw malformed(location, "extension value length does not match");
    }
    return Arrays.copyOfRange(der, offset, der.length);
  }

  private static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
