package dev.provenance.sigstore.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RememberingVerifierTest {
  private static final KeyPair KEY = TestPki.generate("secp256r1");
  private static final KeyPair OTHER_KEY = TestPki.generate("secp256r1");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sign(KeyPair key, byte[] message) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(message);
    return s.sign();
  }

  private static byte[] flipped(byte[] b, int bit) {
    byte[] copy = b.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static ErrorCode code(SignatureVerifier v, byte[] message, byte[] signature) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> v.verify(message, signature));
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  /** A real verifier that counts the checks it actually performs. */
  private static final class Counting implements SignatureVerifier {
    final SignatureVerifier real;
    final AtomicInteger checks = new AtomicInteger();

    Counting(SignatureVerifier real) {
      this.real = real;
    }

    @Override
    public SignatureAlgorithm algorithm() {
      return real.algorithm();
    }

    @Override
    public SignerIdentity identity() {
      return real.identity();
    }

    @Override
    public void verify(byte[] message, byte[] signature) throws VerificationException {
      checks.incrementAndGet();
      real.verify(message, signature);
    }
  }

  @Test
  void verify_sameValidSignatureTwice_checksOnce() throws Exception {
    Counting real = new Counting(JcaKeys.verifier(KEY.getPublic()));
    SignatureVerifier v = RememberingVerifier.of(real, new VerifiedSignatures(8, 4096, 1024));
    byte[] message = bytes("checkpoint text");
    byte[] signature = sign(KEY, message);

    v.verify(message, signature);
    v.verify(message.clone(), signature.clone());

    assertThat(real.checks).hasValue(1);
    assertThat(v.algorithm()).isEqualTo(real.algorithm());
    assertThat(v.keyId()).isEqualTo(real.keyId());
  }

  @Test
  void verify_invalidSignature_failsEveryTimeAndIsNotRemembered() throws Exception {
    Counting real = new Counting(JcaKeys.verifier(KEY.getPublic()));
    VerifiedSignatures cache = new VerifiedSignatures(8, 4096, 1024);
    SignatureVerifier v = RememberingVerifier.of(real, cache);
    byte[] message = bytes("checkpoint text");
    byte[] signature = sign(OTHER_KEY, message);

    assertThat(code(v, message, signature)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    assertThat(code(v, message, signature)).isEqualTo(ErrorCode.SIGNATURE_INVALID);

    assertThat(real.checks).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void verify_afterSuccess_oneBitChangeInMessageOrSignature_isRejected() throws Exception {
    SignatureVerifier v =
        RememberingVerifier.of(
            JcaKeys.verifier(KEY.getPublic()), new VerifiedSignatures(8, 4096, 1024));
    byte[] message = bytes("signed entry timestamp payload");
    byte[] signature = sign(KEY, message);
    v.verify(message, signature);

    for (int bit = 0; bit < message.length * 8; bit++) {
      assertThat(code(v, flipped(message, bit), signature))
          .as("message bit %d", bit)
          .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }
    for (int bit = 0; bit < signature.length * 8; bit++) {
      assertThat(code(v, message, flipped(signature, bit)))
          .as("signature bit %d", bit)
          .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }
    v.verify(message, signature);
  }

  @Test
  void verify_sharedCache_successOfOneKeyDoesNotAnswerForAnother() throws Exception {
    VerifiedSignatures cache = new VerifiedSignatures(8, 4096, 1024);
    SignatureVerifier trusted = RememberingVerifier.of(JcaKeys.verifier(KEY.getPublic()), cache);
    SignatureVerifier other =
        RememberingVerifier.of(JcaKeys.verifier(OTHER_KEY.getPublic()), cache);
    // a second verifier object for the same key is another domain as well; it checks for itself
    Counting again = new Counting(JcaKeys.verifier(KEY.getPublic()));
    SignatureVerifier sameKey = RememberingVerifier.of(again, cache);
    byte[] message = bytes("note");
    byte[] signature = sign(KEY, message);
    trusted.verify(message, signature);

    assertThat(code(other, message, signature)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    sameKey.verify(message, signature);
    assertThat(again.checks).hasValue(1);
  }

  @Test
  void verify_concurrentValidAndTamperedSignatures_eachGetsItsOwnAnswer() throws Exception {
    // a cache smaller than the working set, so entries are evicted while others look them up
    VerifiedSignatures cache = new VerifiedSignatures(4, 4 * 256, 256);
    SignatureVerifier v = RememberingVerifier.of(JcaKeys.verifier(KEY.getPublic()), cache);
    int n = 12;
    List<byte[]> messages = new ArrayList<>();
    List<byte[]> signatures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] m = bytes("message " + i);
      messages.add(m);
      signatures.add(sign(KEY, m));
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int wrong = 0;
                  for (int r = 0; r < 300; r++) {
                    int i = (r + offset) % n;
                    try {
                      v.verify(messages.get(i), signatures.get(i));
                    } catch (VerificationException e) {
                      wrong++;
                    }
                    // the signature of another message: never valid, whatever is remembered
                    try {
                      v.verify(messages.get(i), signatures.get((i + 1) % n));
                      wrong++;
                    } catch (VerificationException e) {
                      if (e.code() != ErrorCode.SIGNATURE_INVALID) {
                        wrong++;
                      }
                    }
                  }
                  return wrong;
                }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get(120, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(4);
  }
}
