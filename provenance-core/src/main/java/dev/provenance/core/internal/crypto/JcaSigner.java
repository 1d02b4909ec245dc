package dev.provenance.core.internal.crypto;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * Signing through the JCA: RSA keys (the JDK is as fast as the alternatives) and keys whose
 * secret cannot be read (PKCS#11 tokens, keystores backed by hardware), whose provider is chosen
 * by the JCA from the key object. A new {@code Signature} per call keeps it thread-safe.
 */
final class JcaSigner extends AbstractSigner {
  private final PrivateKey key;

  JcaSigner(PrivateKey key, PublicKeyMaterial publicKey, SignatureAlgorithm algorithm) {
    super(publicKey, algorithm);
    this.key = key;
  }

  @Override
  byte[] signRaw(byte[] message) throws GeneralSecurityException {
    Signature signature = newSignature(algorithm());
    signature.initSign(key);
    signature.update(message);
    return signature.sign();
  }

  /** ECDSA names produce DER signatures, which is what our signers emit. */
  static Signature newSignature(SignatureAlgorithm algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case ED25519:
        return Signature.getInstance("Ed25519");
      case ECDSA_P256_SHA256:
        return Signature.getInstance("SHA256withECDSA");
      case ECDSA_P384_SHA384:
        return Signature.getInstance("SHA384withECDSA");
      case ECDSA_P521_SHA512:
        return Signature.getInstance("SHA512withECDSA");
      default:
        return RsaSignatures.newSignature(algorithm);
    }
  }
}
