package dev.provenance.core.internal.crypto;

import dev.provenance.api.signing.SignatureAlgorithm;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032 section 5.1.7) with Bouncy Castle's low-level implementation over the key's
 * decoded, precomputed point. Stateless per call; thread-safe.
 */
final class BcEd25519Verifier extends AbstractVerifier {
  private final Ed25519.PublicPoint point;

  BcEd25519Verifier(PublicKeyMaterial key) {
    super(key, SignatureAlgorithm.ED25519);
    this.point = key.edPoint();
  }

  @Override
  boolean check(byte[] message, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }
}
