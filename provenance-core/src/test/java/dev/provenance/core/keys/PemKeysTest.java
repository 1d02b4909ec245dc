package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemKeysTest {
  // keys/parse: intoto-key-carol (VALID)
  @Test
  void verifier_carolEd25519Vector_loadsAsEd25519() throws Exception {
    String pem = KeyFixtures.text("vectors/in-toto-golang/keys/carol.pub");

    assertThat(PemKeys.verifier(pem).algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
  }

  // keys/parse: intoto-key-dan (VALID); RSA keys need their padding stated
  @Test
  void verifier_danRsaVectorWithAlgorithm_loads() throws Exception {
    String pem = KeyFixtures.text("vectors/in-toto-golang/keys/dan.pub");

    assertThat(PemKeys.verifier(pem, SignatureAlgorithm.RSA_PSS_SHA256).algorithm())
        .isEqualTo(SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @Test
  void verifier_danRsaVectorWithoutAlgorithm_throwsConfigurationError() {
    String pem = KeyFixtures.text("vectors/in-toto-golang/keys/dan.pub");

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  // keys/parse: intoto-key-erin (secp256k1) and intoto-key-heidi (secp224r1) are IMPL-DEFINED.
  // Decision: refuse both with UNSUPPORTED_FORMAT. Only P-256, P-384 and P-521 are accepted,
  // matching Go's crypto/ecdsa, in-toto-golang and the Sigstore algorithm registry.
  @ParameterizedTest
  @ValueSource(strings = {"erin.pub", "heidi.pub"})
  void verifier_unsupportedCurveVectors_throwUnsupportedFormat(String file) {
    String pem = KeyFixtures.text("vectors/in-toto-golang/keys/" + file);

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(e.location()).contains("pem/block/0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "in-toto-python/demo_files/alice.pub",
        "in-toto-python/demo_files/bob.pub",
        "in-toto-python/demo_files/carl.pub",
        "go-securesystemslib/rsa-test-key.pub"
      })
  void verifier_peerRsaKeys_loadWithEitherPadding(String file) throws Exception {
    String pem = KeyFixtures.text("vectors/" + file);

    assertThat(PemKeys.verifier(pem, SignatureAlgorithm.RSA_PSS_SHA256).keyId())
        .isEqualTo(PemKeys.verifier(pem, SignatureAlgorithm.RSA_PKCS1_SHA256).keyId());
  }

  @Test
  void verifier_securesystemslibEcdsaPem_loadsAsP256() throws Exception {
    String pem = KeyFixtures.text("vectors/go-securesystemslib/ecdsa-test-key-pem.pub");

    assertThat(PemKeys.verifier(pem).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void signer_ed25519Pkcs8_signsVerifiably() throws Exception {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.ED25519);
    String privatePem = PemKeys.privateKeyPem(pair.getPrivate());
    byte[] message = KeyFixtures.utf8("payload");

    byte[] signature = PemKeys.signer(privatePem).sign(message).toByteArray();

    assertThatCode(() -> PemKeys.verifier(PemKeys.publicKeyPem(pair.getPublic())).verify(message, signature))
        .doesNotThrowAnyException();
  }

  @Test
  void verifier_twoBlocks_throwsMalformedAtSecondBlock() throws Exception {
    String one = PemKeys.publicKeyPem(KeyFixtures.pair(SignatureAlgorithm.ED25519).getPublic());

    KeyMaterialException e =
        catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(one + one));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("pem/block/1");
  }

  @Test
  void verifier_badBase64_throwsMalformedAtBlock() {
    String pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA!T5nGyAPlkxJCD00qGf12YnsHGnfe2Z1j+RxyFkbE5w=\n-----END PUBLIC KEY-----\n";

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("pem/block/0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n", "hello", "MCowBQYDK2VwAyEAOT5nGyAPlkxJCD00qGf12YnsHGnfe2Z1j+RxyFkbE5w="})
  void verifier_noPemBlock_throwsMalformed(String text) {
    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(text));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("pem");
  }
}
