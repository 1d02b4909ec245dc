package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HOSTILE H87 (for the key layer): one verifier and one signer shared by many threads on a mix of
 * valid and invalid input give the same verdicts as a single thread, before and after failures.
 */
class VerifierConcurrencyTest {
  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_sharedAcrossThreads_sameVerdicts(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    Signer signer = JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm);
    SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic(), algorithm);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 128; i++) {
        int task = i;
        results.add(
            pool.submit(
                () -> {
                  byte[] message = KeyFixtures.utf8("message " + task);
                  byte[] signature = signer.sign(message).toByteArray();
                  if (task % 2 == 1) {
                    signature[signature.length - 1] ^= 0x40;
                  }
                  try {
                    verifier.verify(message, signature);
                    return true;
                  } catch (VerificationException e) {
                    return false;
                  }
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).as("task %d", i).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
