package dev.provenance.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.keys.JcaKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;

/**
 * {@link P256} against Bouncy Castle's own point arithmetic and ECDSA verifier, which it must agree
 * with on every input: random and edge-case scalars and keys, points that meet themselves or their
 * negation inside the comb (doubling and infinity inside an addition), valid and altered
 * signatures.
 */
class P256Test {
  private static final ECDomainParameters DOMAIN = EcCurve.P256.domain();
  private static final BigInteger N = DOMAIN.getN();
  private static final String N_MINUS_1 =
      "115792089210356248762697446949407573529996955224135760342422259061068512044368";

  @Test
  void constants_matchTheCurveDomain() {
    assertThat(P256.N).isEqualTo(N);
    assertThat(P256.P).isEqualTo(DOMAIN.getCurve().getField().getCharacteristic());
    ECPoint g = DOMAIN.getG().normalize();
    assertThat(P256.onCurve(field(g.getAffineXCoord().toBigInteger()), field(g.getAffineYCoord().toBigInteger())))
        .isTrue();
    assertThat(P256.onCurve(field(g.getAffineXCoord().toBigInteger()), field(BigInteger.ONE))).isFalse();
  }

  @Property(tries = 300)
  void multiplyAdd_randomScalarsAndKeys_equalsBouncyCastle(
      @ForAll @BigRange(min = "1", max = N_MINUS_1) BigInteger d,
      @ForAll @BigRange(min = "0", max = N_MINUS_1) BigInteger u1,
      @ForAll @BigRange(min = "0", max = N_MINUS_1) BigInteger u2) {
    assertSameAsBc(d, u1, u2);
  }

  @Property(tries = 300)
  void multiplyAdd_keyIsPlusOrMinusGenerator_handlesDoublingAndInfinityInsideAdditions(
      @ForAll @BigRange(min = "0", max = N_MINUS_1) BigInteger u,
      @ForAll @IntRange(min = 0, max = 5) int shape) {
    // Q = G or Q = -G makes the comb add a point to itself or to its negation
    switch (shape) {
      case 0 -> assertSameAsBc(BigInteger.ONE, u, u); // 2u·G: every column doubles inside an add
      case 1 -> assertSameAsBc(N.subtract(BigInteger.ONE), u, u); // u·G - u·G = infinity
      case 2 -> assertSameAsBc(BigInteger.ONE, u, N.subtract(u).mod(N)); // infinity at the end
      case 3 -> assertSameAsBc(N.subtract(BigInteger.ONE), u, N.subtract(u).mod(N)); // 2u·G
      case 4 -> assertSameAsBc(BigInteger.TWO, u, u.shiftRight(1)); // u·G + (u/2)·2G
      default -> assertSameAsBc(BigInteger.ONE, u, BigInteger.ZERO);
    }
  }

  @Test
  void multiplyAdd_edgeScalars_equalBouncyCastle() {
    List<BigInteger> scalars = new ArrayList<>();
    for (int i = 0; i < 260; i += 1) {
      scalars.add(BigInteger.ONE.shiftLeft(i).mod(N));
      scalars.add(BigInteger.ONE.shiftLeft(i).subtract(BigInteger.ONE).mod(N));
    }
    scalars.add(N.subtract(BigInteger.ONE));
    scalars.add(N.subtract(BigInteger.TWO));
    scalars.add(N.shiftRight(1));
    for (BigInteger d : List.of(BigInteger.ONE, BigInteger.TWO, N.subtract(BigInteger.ONE), new BigInteger("123456789"))) {
      for (BigInteger u : scalars) {
        assertSameAsBc(d, u, u);
        assertSameAsBc(d, u, BigInteger.ONE);
        assertSameAsBc(d, BigInteger.ZERO, u);
        assertSameAsBc(d, u, N.subtract(u).mod(N));
      }
    }
  }

  @Property(tries = 200)
  void verify_signaturesMadeByBouncyCastle_agreeOnValidAndAltered(
      @ForAll @BigRange(min = "1", max = N_MINUS_1) BigInteger d,
      @ForAll byte[] message,
      @ForAll @IntRange(min = 0, max = 255) int flip)
      throws Exception {
    ECPublicKeyParameters pub = new ECPublicKeyParameters(DOMAIN.getG().multiply(d).normalize(), DOMAIN);
    P256.Table table = P256.Table.of(pub.getQ());
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
    ECDSASigner signer = new ECDSASigner();
    signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash);
    assertThat(P256.verify(table, hash, rs[0], rs[1])).isTrue();
    // the signature (r, n - s) is valid too
    assertThat(P256.verify(table, hash, rs[0], N.subtract(rs[1]))).isTrue();

    byte[] other = hash.clone();
    other[flip / 8] ^= (byte) (1 << (flip % 8));
    assertThat(P256.verify(table, other, rs[0], rs[1])).isFalse();
    BigInteger r2 = rs[0].flipBit(flip).mod(N);
    if (r2.signum() > 0) {
      assertThat(P256.verify(table, hash, r2, rs[1])).isEqualTo(bcVerify(pub, hash, r2, rs[1])).isFalse();
    }
    BigInteger s2 = rs[1].flipBit(flip).mod(N);
    if (s2.signum() > 0) {
      assertThat(P256.verify(table, hash, rs[0], s2)).isEqualTo(bcVerify(pub, hash, rs[0], s2)).isFalse();
    }
  }

  @Property(tries = 200)
  void verify_arbitraryRAndS_agreeWithBouncyCastle(
      @ForAll @BigRange(min = "1", max = N_MINUS_1) BigInteger d,
      @ForAll @BigRange(min = "1", max = N_MINUS_1) BigInteger r,
      @ForAll @BigRange(min = "1", max = N_MINUS_1) BigInteger s,
      @ForAll byte[] hash) {
    ECPublicKeyParameters pub = new ECPublicKeyParameters(DOMAIN.getG().multiply(d).normalize(), DOMAIN);
    assertThat(P256.verify(P256.Table.of(pub.getQ()), hash, r, s)).isEqualTo(bcVerify(pub, hash, r, s));
  }

  @Test
  void verify_hashLongerThanTheOrder_usesItsLeftmostBitsAsBouncyCastleDoes() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 50; i++) {
      BigInteger d = new BigInteger(255, random).add(BigInteger.ONE);
      ECPublicKeyParameters pub = new ECPublicKeyParameters(DOMAIN.getG().multiply(d).normalize(), DOMAIN);
      byte[] hash = new byte[48]; // longer than the order: the leftmost 256 bits are used
      random.nextBytes(hash);
      ECDSASigner signer = new ECDSASigner();
      signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
      BigInteger[] rs = signer.generateSignature(hash);
      assertThat(P256.verify(P256.Table.of(pub.getQ()), hash, rs[0], rs[1])).isTrue();
      assertThat(bcVerify(pub, hash, rs[0], rs[1])).isTrue();
    }
  }

  @Test
  void keyVerifier_usedRepeatedly_acceptsValidAndRejectsAlteredSignaturesOnEveryUse() throws Exception {
    KeyPair kp = JcaKeys.generate(
        SignatureAlgorithm.ECDSA_P256_SHA256);
    SignatureVerifier verifier = JcaKeys.verifier(kp.getPublic());
    Signer signer = JcaKeys.signer(kp.getPrivate(), kp.getPublic());
    for (int i = 0; i < 4; i++) { // the first use goes through BC, later ones through the key's table
      byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] signature = signer.sign(message).toByteArray();
      verifier.verify(message, signature);
      byte[] altered = message.clone();
      altered[0] ^= 1;
      assertThatThrownBy(() -> verifier.verify(altered, signature))
          .isInstanceOfSatisfying(
              VerificationException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
    }
  }

  private static void assertSameAsBc(BigInteger d, BigInteger u1, BigInteger u2) {
    ECPoint q = DOMAIN.getG().multiply(d).normalize();
    ECPoint expected = ECAlgorithms.sumOfTwoMultiplies(DOMAIN.getG(), u1, q, u2).normalize();
    P256.Point actual = P256.multiplyAdd(P256.Table.of(q), u1, u2);
    assertThat(actual.infinity).as("infinity for d=%s u1=%s u2=%s", d, u1, u2).isEqualTo(expected.isInfinity());
    if (!expected.isInfinity()) {
      BigInteger z = Nat256.toBigInteger(actual.z);
      BigInteger zInv = z.modInverse(P256.P);
      BigInteger x = Nat256.toBigInteger(actual.x).multiply(zInv.pow(2)).mod(P256.P);
      BigInteger y = Nat256.toBigInteger(actual.y).multiply(zInv.pow(3)).mod(P256.P);
      assertThat(x).as("x for d=%s u1=%s u2=%s", d, u1, u2).isEqualTo(expected.getAffineXCoord().toBigInteger());
      assertThat(y).as("y for d=%s u1=%s u2=%s", d, u1, u2).isEqualTo(expected.getAffineYCoord().toBigInteger());
    }
  }

  private static boolean bcVerify(ECPublicKeyParameters pub, byte[] hash, BigInteger r, BigInteger s) {
    ECDSASigner v = new ECDSASigner();
    v.init(false, pub);
    return v.verifySignature(hash, r, s);
  }

  private static int[] field(BigInteger v) {
    return SecP256R1Field.fromBigInteger(v);
  }
}
