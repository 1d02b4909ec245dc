package dev.provenance.sigstore.internal.fulcio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EphemeralKeyTest {
  private static final byte[] MESSAGE = "artifact bytes".getBytes(StandardCharsets.UTF_8);

  private final EphemeralKey key = EphemeralKey.generate(new SecureRandom());

  private SignatureVerifier verifier() throws Exception {
    return PemKeys.verifier(Pem.encode("PUBLIC KEY", key.subjectPublicKeyInfo()));
  }

  @Test
  void sign_message_verifiesWithThePublicKey() throws Exception {
    Bytes sig = key.sign(MESSAGE);

    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(verifier().algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThatCode(() -> verifier().verify(MESSAGE, sig.toByteArray())).doesNotThrowAnyException();
  }

  @Test
  void signDigest_sha256OfMessage_verifiesAsMessageSignature() throws Exception {
    Bytes sig = key.signDigest(MessageDigest.getInstance("SHA-256").digest(MESSAGE));

    assertThatCode(() -> verifier().verify(MESSAGE, sig.toByteArray())).doesNotThrowAnyException();
  }

  @Test
  void sign_deterministic_sameMessageSameSignature() {
    assertThat(key.sign(MESSAGE)).isEqualTo(key.sign(MESSAGE));
  }

  @Test
  void sign_otherMessage_doesNotVerify() throws Exception {
    Bytes sig = key.sign(MESSAGE);

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> verifier().verify("other".getBytes(StandardCharsets.UTF_8), sig.toByteArray()));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void signDigest_wrongLength_throwsMalformedInput() {
    SigningException e =
        catchThrowableOfType(SigningException.class, () -> key.signDigest(new byte[20]));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void keyId_isTheFingerprintOfThePublicKey() throws Exception {
    assertThat(key.keyId()).isEqualTo(verifier().keyId());
    assertThat(key.toString())
        .isEqualTo("EphemeralKey[ECDSA_P256_SHA256, keyId=" + key.keyId().value() + "]");
  }

  @Test
  void generate_eachCall_newKey() {
    assertThat(EphemeralKey.generate(new SecureRandom()).keyId()).isNotEqualTo(key.keyId());
  }
}
