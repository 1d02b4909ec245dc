package dev.provenance.core.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA signing with Bouncy Castle and deterministic nonces (RFC 6979): no dependence on the
 * quality of a random source at signing time. Output is ASN.1 DER. A fresh {@code ECDSASigner}
 * per call keeps it thread-safe.
 */
final class BcEcdsaSigner extends AbstractSigner {
  private final EcCurve curve;
  private final ECPrivateKeyParameters key;

  BcEcdsaSigner(PrivateKeyMaterial key) {
    super(key.publicKey(), key.publicKey().curve().orElseThrow().algorithm());
    this.curve = key.publicKey().curve().orElseThrow();
    this.key = key.ec();
  }

  @Override
  byte[] signRaw(byte[] message) {
    byte[] hash = BcEcdsaVerifier.digest(curve, message);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(nonceDigest()));
    signer.init(true, key);
    BigInteger[] rs = signer.generateSignature(hash);
    return EcdsaSignatures.toDer(rs[0], rs[1]);
  }

  private Digest nonceDigest() {
    switch (curve) {
      case P256:
        return new SHA256Digest();
      case P384:
        return new SHA384Digest();
      default:
        return new SHA512Digest();
    }
  }
}
