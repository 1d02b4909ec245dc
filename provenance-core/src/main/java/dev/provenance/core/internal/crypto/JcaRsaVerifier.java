package dev.provenance.core.internal.crypto;

import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.api.signing.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;

/**
 * RSASSA-PSS and RSASSA-PKCS1-v1_5 with SHA-256 on the JDK's provider (as fast as the
 * alternatives here). A new {@code Signature} per call keeps the verifier immutable and
 * thread-safe.
 */
final class JcaRsaVerifier extends AbstractVerifier {
  private final PublicKey key;
  private final int modulusBytes;

  JcaRsaVerifier(PublicKeyMaterial material, SignatureAlgorithm algorithm) {
    super(material, algorithm);
    try {
      this.key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(material.modulus(), material.exponent()));
    } catch (GeneralSecurityException e) {
      throw new ProvenanceBugException("the JDK refused a validated RSA key", e);
    }
    this.modulusBytes = (material.modulus().bitLength() + 7) / 8;
  }

  @Override
  boolean check(byte[] message, byte[] signature) {
    // RFC 8017 sections 8.1.2 and 8.2.2 step 1: the signature is exactly k bytes
    if (signature.length != modulusBytes) {
      return false;
    }
    try {
      Signature verifier = RsaSignatures.newSignature(algorithm());
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
