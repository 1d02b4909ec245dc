package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HOSTILE H75: ECDSA signatures must be strict DER unless the verifier was built for IEEE P1363;
 * the encoding is fixed by configuration and never guessed. Also the Wycheproof-style range edge
 * cases: r or s of 0 or n (CVE-2022-21449 accepted r = s = 0 on JDK 15 to 18), r + n.
 */
class EcdsaSignatureHostileTest {
  private static final byte[] MESSAGE = KeyFixtures.utf8("hostile ecdsa encodings");
  private static KeyPair pair;
  private static SignatureVerifier derVerifier;
  private static SignatureVerifier p1363Verifier;
  private static BigInteger r;
  private static BigInteger s;
  private static BigInteger n;

  @BeforeAll
  static void sign() throws Exception {
    pair = KeyFixtures.pair(SignatureAlgorithm.ECDSA_P256_SHA256);
    derVerifier = JcaKeys.verifier(pair.getPublic());
    p1363Verifier = JcaKeys.verifierP1363(pair.getPublic());
    byte[] der = JcaKeys.signer(pair.getPrivate(), pair.getPublic()).sign(MESSAGE).toByteArray();
    // our own decoding for building variants: 30 len 02 len r 02 len s (P-256: short lengths)
    int rLen = der[3];
    r = new BigInteger(1, java.util.Arrays.copyOfRange(der, 4, 4 + rLen));
    int sLen = der[5 + rLen];
    s = new BigInteger(1, java.util.Arrays.copyOfRange(der, 6 + rLen, 6 + rLen + sLen));
    n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
  }

  @Test
  void verify_canonicalDer_accepted() {
    assertThatCode(() -> derVerifier.verify(MESSAGE, der(r, s))).doesNotThrowAnyException();
  }

  // ECDSA as specified by FIPS 186-5, RFC 5480, DSSE and Sigstore has no low-S rule: the
  // malleated twin (r, n - s) is a valid signature and is accepted, as Go, OpenSSL and the JDK do.
  @Test
  void verify_highSTwin_accepted() {
    assertThatCode(() -> derVerifier.verify(MESSAGE, der(r, n.subtract(s)))).doesNotThrowAnyException();
  }

  @Test
  void verifyP1363_rawRs_accepted() {
    assertThatCode(() -> p1363Verifier.verify(MESSAGE, raw(r, s, 32))).doesNotThrowAnyException();
  }

  static Stream<Arguments> malformedDer() {
    byte[] ri = intBytes(r);
    byte[] si = intBytes(s);
    byte[] canonical = der(r, s);
    return Stream.of(
        Arguments.of("raw r||s given to a DER verifier", raw(r, s, 32)),
        Arguments.of("trailing zero byte", concat(canonical, new byte[] {0})),
        Arguments.of("trailing garbage", concat(canonical, new byte[] {0x30, 0x00})),
        Arguments.of("non-minimal sequence length 81 xx",
            concat(new byte[] {0x30, (byte) 0x81, (byte) (canonical.length - 2)},
                slice(canonical, 2))),
        Arguments.of("non-minimal integer length",
            seq(concat(new byte[] {0x02, (byte) 0x81, (byte) ri.length}, ri), tlv(0x02, si))),
        Arguments.of("indefinite length",
            concat(concat(new byte[] {0x30, (byte) 0x80}, slice(canonical, 2)), new byte[] {0, 0})),
        Arguments.of("extra INTEGER", seq(tlv(0x02, ri), tlv(0x02, si), tlv(0x02, new byte[] {1}))),
        Arguments.of("only one INTEGER", seq(tlv(0x02, ri))),
        Arguments.of("leading zero padding on r", seq(tlv(0x02, concat(new byte[] {0}, ri)), tlv(0x02, si))),
        Arguments.of("leading zero padding on s", seq(tlv(0x02, ri), tlv(0x02, concat(new byte[] {0}, si)))),
        Arguments.of("SET instead of SEQUENCE", tlv(0x31, concat(tlv(0x02, ri), tlv(0x02, si)))),
        Arguments.of("OCTET STRING for r", seq(tlv(0x04, ri), tlv(0x02, si))),
        Arguments.of("negative r", seq(tlv(0x02, r.negate().toByteArray()), tlv(0x02, si))),
        Arguments.of("empty INTEGER", seq(tlv(0x02, new byte[0]), tlv(0x02, si))),
        Arguments.of("sequence length beyond input", concat(new byte[] {0x30, 0x7f}, slice(canonical, 2))),
        Arguments.of("truncated", java.util.Arrays.copyOf(canonical, canonical.length - 1)),
        Arguments.of("empty", new byte[0]),
        Arguments.of("lone tag", new byte[] {0x30}),
        Arguments.of("r = 0, s = 0 (CVE-2022-21449)", der(BigInteger.ZERO, BigInteger.ZERO)),
        Arguments.of("r = 0", der(BigInteger.ZERO, s)),
        Arguments.of("s = 0", der(r, BigInteger.ZERO)),
        Arguments.of("r = n", der(n, s)),
        Arguments.of("s = n", der(r, n)),
        Arguments.of("r = n + r", der(n.add(r), s)),
        Arguments.of("s = n + s", der(r, n.add(s))),
        Arguments.of("huge r", der(BigInteger.ONE.shiftLeft(1000), s)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedDer")
  void verifyDer_malformation_throwsSignatureInvalid(String name, byte[] signature) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> derVerifier.verify(MESSAGE, signature));

    assertThat(e).as(name).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  static Stream<Arguments> malformedP1363() {
    return Stream.of(
        Arguments.of("DER given to a P1363 verifier", der(r, s)),
        Arguments.of("63 bytes", java.util.Arrays.copyOf(raw(r, s, 32), 63)),
        Arguments.of("65 bytes", concat(raw(r, s, 32), new byte[] {0})),
        Arguments.of("r = 0, s = 0", new byte[64]),
        Arguments.of("r = n", raw(n, s, 32)),
        Arguments.of("s = n", raw(r, n, 32)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedP1363")
  void verifyP1363_malformation_throwsSignatureInvalid(String name, byte[] signature) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> p1363Verifier.verify(MESSAGE, signature));

    assertThat(e).as(name).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  // --- tiny DER builders (independent of the code under test) ---

  static byte[] der(BigInteger r, BigInteger s) {
    return seq(tlv(0x02, r.toByteArray()), tlv(0x02, s.toByteArray()));
  }

  static byte[] intBytes(BigInteger v) {
    return v.toByteArray();
  }

  static byte[] raw(BigInteger r, BigInteger s, int size) {
    byte[] out = new byte[2 * size];
    put(r, out, 0, size);
    put(s, out, size, size);
    return out;
  }

  private static void put(BigInteger v, byte[] out, int offset, int size) {
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, size);
    System.arraycopy(b, b.length - len, out, offset + size - len, len);
  }

  static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    return tlv(0x30, body.toByteArray());
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (content.length < 0x80) {
      out.write(content.length);
    } else if (content.length < 0x100) {
      out.write(0x81);
      out.write(content.length);
    } else {
      out.write(0x82);
      out.write(content.length >> 8);
      out.write(content.length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] slice(byte[] a, int from) {
    return java.util.Arrays.copyOfRange(a, from, a.length);
  }
}
