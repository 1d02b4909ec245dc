package dev.provenance.core.internal.crypto;

import dev.provenance.api.signing.SignatureAlgorithm;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 signing (RFC 8032 section 5.1.6) with Bouncy Castle; stateless and thread-safe. */
final class BcEd25519Signer extends AbstractSigner {
  private final Ed25519PrivateKeyParameters key;

  BcEd25519Signer(PrivateKeyMaterial key) {
    super(key.publicKey(), SignatureAlgorithm.ED25519);
    this.key = key.ed25519();
  }

  @Override
  byte[] signRaw(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    return signature;
  }
}
