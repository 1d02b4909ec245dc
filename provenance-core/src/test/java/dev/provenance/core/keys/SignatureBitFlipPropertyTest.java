package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Flipping any single bit of a signature or of the signed message fails verification. */
class SignatureBitFlipPropertyTest {
  private static final byte[] MESSAGE = KeyFixtures.utf8("DSSEv1 10 text/plain 12 bit flipping!");
  private static final Map<SignatureAlgorithm, byte[]> SIGNATURES = new EnumMap<>(SignatureAlgorithm.class);
  private static final Map<SignatureAlgorithm, SignatureVerifier> VERIFIERS =
      new EnumMap<>(SignatureAlgorithm.class);

  private static synchronized void setUp(SignatureAlgorithm algorithm) throws Exception {
    if (!VERIFIERS.containsKey(algorithm)) {
      KeyPair pair = KeyFixtures.pair(algorithm);
      SIGNATURES.put(
          algorithm,
          JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm).sign(MESSAGE).toByteArray());
      VERIFIERS.put(algorithm, JcaKeys.verifier(pair.getPublic(), algorithm));
    }
  }

  @Property(tries = 300)
  void verify_anySignatureBitFlipped_throwsSignatureInvalid(
      @ForAll SignatureAlgorithm algorithm, @ForAll @IntRange(min = 0, max = 4095) int bit)
      throws Exception {
    setUp(algorithm);
    byte[] signature = SIGNATURES.get(algorithm).clone();
    int index = bit % (signature.length * 8);
    signature[index / 8] ^= (byte) (1 << (index % 8));

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class, () -> VERIFIERS.get(algorithm).verify(MESSAGE, signature));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Property(tries = 300)
  void verify_anyMessageBitFlipped_throwsSignatureInvalid(
      @ForAll SignatureAlgorithm algorithm, @ForAll @IntRange(min = 0, max = 4095) int bit)
      throws Exception {
    setUp(algorithm);
    byte[] message = MESSAGE.clone();
    int index = bit % (message.length * 8);
    message[index / 8] ^= (byte) (1 << (index % 8));

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> VERIFIERS.get(algorithm).verify(message, SIGNATURES.get(algorithm)));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }
}
