package dev.provenance.sigstore.internal.x509;

import static dev.provenance.sigstore.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.cache.VerifiedSignatures;
import dev.provenance.sigstore.internal.x509.Signatures.Scheme;
import dev.provenance.sigstore.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Signature checks under trusted keys are remembered once they succeed; these tests show that a
 * remembered success answers only for the exact same key and bytes, and that what depends on time
 * or the trusted root is checked every time.
 */
class RememberedSignaturesTest {
  private static final TestPki PKI = TestPki.create();
  private static final KeyPair KEY = TestPki.generate("secp256r1");
  private static final KeyPair OTHER_KEY = TestPki.generate("secp256r1");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] unique(String label) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    byte[] prefix = label.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[prefix.length + nonce.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(nonce, 0, out, prefix.length, nonce.length);
    return out;
  }

  private static byte[] sign(KeyPair key, byte[] data) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(data);
    return s.sign();
  }

  private static byte[] flipped(byte[] b, int bit) {
    byte[] copy = b.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static boolean remembered(PublicKey key, byte[] data, byte[] signature) {
    return VerifiedSignatures.shared()
        .contains(Signatures.rememberedCheck(key, Scheme.ECDSA_SHA256, null, data, signature));
  }

  private static ErrorCode code(ThrowingCallable call) {
    VerificationException e = catchThrowableOfType(VerificationException.class, call);
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  private static ValidatedPath validate(X509Certificate leaf, TestPki pki, Instant at)
      throws VerificationException {
    return CertificatePaths.validate(leaf, List.of(), List.of(pki.authority()), List.of(at));
  }

  /** The certificate with one bit of its DER flipped at {@code index}; still a certificate. */
  private static X509Certificate tampered(X509Certificate cert, int index) throws Exception {
    byte[] der = cert.getEncoded();
    der[index] ^= 1;
    return CertificatePaths.parse(der);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  // ------------------------------------------------------------------ Signatures.verify

  @Test
  void verify_trustedKeySuccess_isRemembered() throws Exception {
    byte[] data = unique("trusted");
    byte[] signature = sign(KEY, data);

    Signatures.verify(KEY.getPublic(), Scheme.ECDSA_SHA256, null, data, signature, true, "x");

    assertThat(remembered(KEY.getPublic(), data, signature)).isTrue();
  }

  @Test
  void verify_untrustedKeySuccess_isNotRemembered() throws Exception {
    byte[] data = unique("untrusted");
    byte[] signature = sign(KEY, data);

    Signatures.verify(KEY.getPublic(), Scheme.ECDSA_SHA256, null, data, signature, false, "x");

    assertThat(remembered(KEY.getPublic(), data, signature)).isFalse();
  }

  @Test
  void verify_failureUnderTrustedKey_isNotRememberedAndFailsAgain() throws Exception {
    byte[] data = unique("failure");
    byte[] signature = sign(OTHER_KEY, data);

    for (int i = 0; i < 2; i++) {
      assertThat(
              code(
                  () ->
                      Signatures.verify(
                          KEY.getPublic(), Scheme.ECDSA_SHA256, null, data, signature, true, "x")))
          .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }
    assertThat(remembered(KEY.getPublic(), data, signature)).isFalse();
  }

  @Test
  void verify_afterSuccess_oneBitChangeOrOtherKeyOrOtherScheme_isRejected() throws Exception {
    byte[] data = unique("remembered");
    byte[] signature = sign(KEY, data);
    PublicKey key = KEY.getPublic();
    Signatures.verify(key, Scheme.ECDSA_SHA256, null, data, signature, true, "x");

    for (int bit = 0; bit < data.length * 8; bit++) {
      byte[] changed = flipped(data, bit);
      assertThat(
              code(() -> Signatures.verify(key, Scheme.ECDSA_SHA256, null, changed, signature, true, "x")))
          .as("data bit %d", bit)
          .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }
    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] changed = flipped(signature, bit);
      assertThat(code(() -> Signatures.verify(key, Scheme.ECDSA_SHA256, null, data, changed, true, "x")))
          .as("signature bit %d", bit)
          .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }
    assertThat(
            code(
                () ->
                    Signatures.verify(
                        OTHER_KEY.getPublic(), Scheme.ECDSA_SHA256, null, data, signature, true, "x")))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    assertThat(
            code(() -> Signatures.verify(key, Scheme.ECDSA_SHA384, null, data, signature, true, "x")))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    Signatures.verify(key, Scheme.ECDSA_SHA256, null, data, signature, true, "x");
  }

  // ------------------------------------------------------------------ certificate paths

  @Test
  void validate_afterLeafVerified_oneBitChangeInTbsOrSignature_isUntrusted() throws Exception {
    X509Certificate leaf = PKI.leaf().build();
    validate(leaf, PKI, NOW);
    validate(leaf, PKI, NOW);
    byte[] der = leaf.getEncoded();
    int serial = indexOf(der, leaf.getSerialNumber().toByteArray());
    int serialLast = serial + leaf.getSerialNumber().toByteArray().length - 1;

    X509Certificate otherSerial = tampered(leaf, serialLast);
    X509Certificate otherSignature = tampered(leaf, der.length - 1);

    assertThat(code(() -> validate(otherSerial, PKI, NOW))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(code(() -> validate(otherSignature, PKI, NOW)))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(validate(leaf, PKI, NOW).path()).containsExactly(leaf, PKI.intermediate, PKI.root);
  }

  @Test
  void validate_afterLeafVerified_signedTimeOutsideValidity_isTimeInvalid() throws Exception {
    X509Certificate leaf =
        PKI.leaf().validity(NOW.minusSeconds(60), NOW.plusSeconds(600)).build();
    validate(leaf, PKI, NOW);

    assertThat(code(() -> validate(leaf, PKI, NOW.plusSeconds(601))))
        .isEqualTo(ErrorCode.TIME_INVALID);
    assertThat(code(() -> validate(leaf, PKI, NOW.minusSeconds(61))))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_afterLeafVerified_authorityWindowClosed_isTimeInvalid() throws Exception {
    X509Certificate leaf = PKI.leaf().build();
    validate(leaf, PKI, NOW);
    CertificateAuthority closed =
        new CertificateAuthority(
            List.of(PKI.intermediate, PKI.root),
            NOW.minus(Duration.ofDays(10)),
            Optional.of(NOW.minusSeconds(1)),
            "test");

    assertThat(
            code(() -> CertificatePaths.validate(leaf, List.of(), List.of(closed), List.of(NOW))))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_afterLeafVerified_otherTrustedRootWithSameNames_isUntrusted() throws Exception {
    X509Certificate leaf = PKI.leaf().build();
    validate(leaf, PKI, NOW);
    TestPki other = TestPki.create();

    assertThat(code(() -> validate(leaf, other, NOW))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }
}
