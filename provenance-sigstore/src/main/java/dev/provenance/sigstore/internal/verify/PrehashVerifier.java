package dev.provenance.sigstore.internal.verify;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.signing.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Verifies an ECDSA signature over a given message digest, for message signature bundles checked
 * against an artifact's digest instead of its bytes (ECDSA signs the digest, so this is the same
 * check). The digest algorithm must be the one the key's curve uses; the signature must be
 * strict DER with {@code 0 < r, s < n}. Stateless and thread-safe.
 */
final class PrehashVerifier {
  private PrehashVerifier() {}

  /**
   * Returns the digest algorithm an ECDSA signature algorithm signs with.
   *
   * @param algorithm the signature algorithm
   * @return the digest algorithm, or null if the algorithm cannot be checked over a digest
   */
  static DigestAlgorithm digestAlgorithm(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return DigestAlgorithm.SHA256;
      case ECDSA_P384_SHA384:
        return DigestAlgorithm.SHA384;
      case ECDSA_P521_SHA512:
        return DigestAlgorithm.SHA512;
      default:
        return null;
    }
  }

  /**
   * Verifies a DER ECDSA signature over a digest.
   *
   * @param key the EC public key
   * @param digest the message digest, in the curve's algorithm
   * @param signature the DER signature
   * @param location where the signature is, for errors
   * @throws VerificationException {@code SIGNATURE_INVALID} if the signature is malformed or does
   *     not verify
   */
  static void verify(PublicKey key, byte[] digest, byte[] signature, String location)
      throws VerificationException {
    ECPublicKeyParameters params;
    try {
      AsymmetricKeyParameter p = PublicKeyFactory.createKey(key.getEncoded());
      if (!(p instanceof ECPublicKeyParameters)) {
        throw invalid(location, "not an EC key");
      }
      params = (ECPublicKeyParameters) p;
    } catch (IOException | RuntimeException e) {
      throw invalid(location, "unusable EC key");
    }
    BigInteger n = params.getParameters().getN();
    BigInteger r;
    BigInteger s;
    try {
      ASN1Primitive prim = ASN1Primitive.fromByteArray(signature);
      if (!(prim instanceof ASN1Sequence)
          || !MessageDigest.isEqual(prim.getEncoded(ASN1Encoding.DER), signature)) {
        throw invalid(location, "signature is not DER");
      }
      ASN1Sequence seq = (ASN1Sequence) prim;
      if (seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer)
          || !(seq.getObjectAt(1) instanceof ASN1Integer)) {
        throw invalid(location, "signature is not two integers");
      }
      r = ((ASN1Integer) seq.getObjectAt(0)).getValue();
      s = ((ASN1Integer) seq.getObjectAt(1)).getValue();
    } catch (IOException | RuntimeException e) {
      throw invalid(location, "signature is not DER");
    }
    if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      throw invalid(location, "signature values out of range");
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, params);
    if (!signer.verifySignature(digest, r, s)) {
      throw invalid(location, "signature does not verify over the artifact digest");
    }
  }

  private static VerificationException invalid(String location, String message) {
    return new VerificationException(ErrorCode.SIGNATURE_INVALID, location, message);
  }
}
