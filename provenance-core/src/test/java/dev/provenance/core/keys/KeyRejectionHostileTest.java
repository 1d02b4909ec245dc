package dev.provenance.core.keys;

import static dev.provenance.core.keys.EcdsaSignatureHostileTest.concat;
import static dev.provenance.core.keys.EcdsaSignatureHostileTest.seq;
import static dev.provenance.core.keys.EcdsaSignatureHostileTest.tlv;
import static dev.provenance.core.keys.TinkKeysTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.internal.crypto.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HOSTILE H77: keys we refuse are refused with UNSUPPORTED_FORMAT from their encoding alone,
 * before any parameter validation or big-number work: RSA outside 2048..4096 bits (measured from
 * the modulus encoding), EC keys with explicit parameters, binary (F2m) curves, secp256k1,
 * brainpool, unknown curves, Ed448 and other algorithms. The timeout is a guard against a
 * pathological slow path (bc-java#2110), not a performance measurement.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KeyRejectionHostileTest {
  private static final byte[] EC_PUBLIC_KEY = hex("06072a8648ce3d0201");
  private static final byte[] RSA_ENCRYPTION = hex("06092a864886f70d010101");
  private static final byte[] DUMMY_POINT = dummyPoint();

  static Stream<Arguments> refusedPublicKeys() throws Exception {
    return Stream.of(
        Arguments.of("RSA-1024", rsaSpki(1024)),
        Arguments.of("RSA-2047", rsaSpki(2047)),
        Arguments.of("RSA-4097", rsaSpki(4097)),
        Arguments.of("RSA-16384", rsaSpki(16384)),
        Arguments.of("RSA-65536", rsaSpki(65536)),
        Arguments.of("RSA with huge exponent", rsaSpki(2048, BigInteger.ONE.shiftLeft(4000).add(BigInteger.ONE))),
        Arguments.of("EC explicit prime parameters (P-256 spelled out)",
            ecSpki(SECNamedCurves.getByName("secp256r1").getEncoded())),
        Arguments.of("EC explicit F2m parameters (sect163k1 spelled out)",
            ecSpki(SECNamedCurves.getByName("sect163k1").getEncoded())),
        Arguments.of("EC explicit F2m parameters (sect571r1 spelled out)",
            ecSpki(SECNamedCurves.getByName("sect571r1").getEncoded())),
        Arguments.of("EC named F2m curve sect163k1", ecSpki(hex("06052b81040001"))),
        Arguments.of("EC secp256k1", ecSpki(hex("06052b8104000a"))),
        Arguments.of("EC secp224r1", ecSpki(hex("06052b81040021"))),
        Arguments.of("EC brainpoolP256r1", ecSpki(hex("06092b2403030208010107"))),
        Arguments.of("EC brainpoolP384r1", ecSpki(hex("06092b240303020801010b"))),
        Arguments.of("EC unknown curve OID", ecSpki(hex("06032a0304"))),
        Arguments.of("EC implicitlyCA (NULL parameters)", ecSpki(hex("0500"))),
        Arguments.of("Ed448", seq(seq(hex("06032b6571")), tlv(0x03, new byte[58]))),
        Arguments.of("X25519", seq(seq(hex("06032b656e")), tlv(0x03, new byte[33]))),
        Arguments.of("DSA", seq(seq(hex("06072a8648ce380401")), tlv(0x03, concat(new byte[] {0}, tlv(0x02, new byte[] {5}))))),
        Arguments.of("RSASSA-PSS key", seq(seq(hex("06092a864886f70d01010a")), tlv(0x03, concat(new byte[] {0}, rsaKey(2048, BigInteger.valueOf(65537)))))),
        Arguments.of("unknown algorithm", seq(seq(hex("06032a0304")), tlv(0x03, new byte[] {0, 1}))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedPublicKeys")
  void verifier_refusedKeyKind_throwsUnsupportedFormat(String name, byte[] spki) {
    String pem = Pem.encode("PUBLIC KEY", spki);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.verifier(pem, SignatureAlgorithm.RSA_PSS_SHA256));

    assertThat(e).as(name).isNotNull();
    assertThat(e.code()).as(name).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(e.location()).contains("pem/block/0");
  }

  @ParameterizedTest
  @ValueSource(ints = {2048, 3072, 4096})
  void keyId_rsaModulusAtAcceptedSizes_loads(int bits) throws Exception {
    String pem = Pem.encode("PUBLIC KEY", rsaSpki(bits));

    assertThat(PemKeys.verifier(pem, SignatureAlgorithm.RSA_PKCS1_SHA256).algorithm())
        .isEqualTo(SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @Test
  void verifier_jcaRsa1024Key_throwsUnsupportedFormat() throws Exception {
    KeyPair rsa1024 = rsa1024();

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> JcaKeys.verifier(rsa1024.getPublic(), SignatureAlgorithm.RSA_PSS_SHA256));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signer_pkcs8Rsa1024_throwsUnsupportedFormat() throws Exception {
    String pem = Pem.encode("PRIVATE KEY", rsa1024().getPrivate().getEncoded());

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(pem, SignatureAlgorithm.RSA_PSS_SHA256));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signer_jcaEd448Key_throwsUnsupportedFormat() throws Exception {
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> JcaKeys.signer(ed448.getPrivate(), ed448.getPublic()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signer_pkcs8EcExplicitParameters_throwsUnsupportedFormat() throws Exception {
    // PrivateKeyInfo { 0, { ecPublicKey, explicit P-256 }, ECPrivateKey { 1, d } }
    byte[] ecPrivateKey = seq(tlv(0x02, new byte[] {1}), tlv(0x04, new byte[32]));
    byte[] pkcs8 =
        seq(
            tlv(0x02, new byte[] {0}),
            seq(EC_PUBLIC_KEY, SECNamedCurves.getByName("secp256r1").getEncoded()),
            tlv(0x04, ecPrivateKey));

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(Pem.encode("PRIVATE KEY", pkcs8)));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signer_sec1Secp256k1_throwsUnsupportedFormat() throws Exception {
    byte[] sec1 =
        seq(tlv(0x02, new byte[] {1}), tlv(0x04, new byte[32]), tlv(0xa0, hex("06052b8104000a")));

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(Pem.encode("EC PRIVATE KEY", sec1)));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  private static KeyPair rsa1024() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    return g.generateKeyPair();
  }

  static byte[] rsaSpki(int bits) {
    return rsaSpki(bits, BigInteger.valueOf(65537));
  }

  static byte[] rsaSpki(int bits, BigInteger e) {
    return seq(seq(RSA_ENCRYPTION, hex("0500")), tlv(0x03, concat(new byte[] {0}, rsaKey(bits, e))));
  }

  /** An RSAPublicKey with an odd modulus of exactly {@code bits} bits (not a real key). */
  static byte[] rsaKey(int bits, BigInteger e) {
    BigInteger n = new BigInteger(bits, new SecureRandom()).setBit(bits - 1).setBit(0);
    return seq(tlv(0x02, n.toByteArray()), tlv(0x02, e.toByteArray()));
  }

  static byte[] ecSpki(byte[] parameters) {
    return seq(seq(EC_PUBLIC_KEY, parameters), tlv(0x03, concat(new byte[] {0}, DUMMY_POINT)));
  }

  private static byte[] dummyPoint() {
    byte[] p = new byte[65];
    p[0] = 4;
    p[64] = 1;
    return p;
  }
}
