package dev.provenance.core.internal.crypto;

import dev.provenance.api.internal.ProvenanceBugException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA with Bouncy Castle's lightweight {@code ECDSASigner} on its custom curve arithmetic; the
 * message is hashed with the JDK's {@code MessageDigest}, which uses SHA-NI where present.
 * Decoding and the {@code [1, n-1]} range check happen in {@link EcdsaSignatures} first.
 *
 * <p>A P-256 key verified more than once goes through {@link P256}, which keeps the key's comb
 * table here and allocates no object per field operation; building the table costs about two
 * verifications, so a key's first verification (often its only one, as for a short-lived
 * certificate) uses Bouncy Castle's {@code ECDSASigner} like the other curves: a fresh one per
 * call (it only holds the key reference); BC caches the precomputed multiples of the key's point
 * on the point itself, under its own lock. Thread-safe.
 */
final class BcEcdsaVerifier extends AbstractVerifier {
  private final EcCurve curve;
  private final ECPublicKeyParameters key;
  private final boolean p1363;
  private volatile P256.Table table; // P-256 only, built on the second use
  private volatile boolean used;

  BcEcdsaVerifier(PublicKeyMaterial key, boolean p1363) {
    super(key, key.curve().orElseThrow().algorithm());
    this.curve = key.curve().orElseThrow();
    this.key = new ECPublicKeyParameters(key.ecPoint(), curve.domain());
    this.p1363 = p1363;
  }

  @Override
  boolean check(byte[] message, byte[] signature) throws DerFormatException {
    BigInteger[] rs =
        p1363 ? EcdsaSignatures.fromP1363(signature, curve) : EcdsaSignatures.fromDer(signature, curve);
    byte[] hash = digest(curve, message);
    if (curve == EcCurve.P256) {
      P256.Table t = table;
      if (t == null && used) {
        t = P256.Table.of(key.getQ());
        table = t; // racing threads build equal tables; any of them may be kept
      }
      used = true;
      if (t != null) {
        return P256.verify(t, hash, rs[0], rs[1]);
      }
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, key);
    return signer.verifySignature(hash, rs[0], rs[1]);
  }

  static byte[] digest(EcCurve curve, byte[] message) {
    try {
      return MessageDigest.getInstance(curve.digest()).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("SHA-2 is required of every Java platform", e);
    }
  }
}
