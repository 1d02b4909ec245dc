package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.api.signing.SignerIdentity;
import java.security.KeyPair;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JcaKeysTest {
  private static final byte[] MESSAGE = KeyFixtures.utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world");

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void sign_eachAlgorithm_verifiesWithMatchingVerifier(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    Signer signer = JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm);
    SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic(), algorithm);

    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThatCode(() -> verifier.verify(MESSAGE, signature)).doesNotThrowAnyException();
    assertThat(signer.algorithm()).isEqualTo(algorithm);
    assertThat(verifier.algorithm()).isEqualTo(algorithm);
    assertThat(signer.keyId()).isEqualTo(verifier.keyId());
    assertThat(verifier.identity()).isEqualTo(SignerIdentity.ofKey(JcaKeys.keyId(pair.getPublic())));
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_flippedSignatureBit_throwsSignatureInvalid(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    byte[] signature =
        JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm).sign(MESSAGE).toByteArray();
    SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic(), algorithm);
    signature[signature.length / 2] ^= 0x01;

    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> verifier.verify(MESSAGE, signature));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_otherMessage_throwsSignatureInvalid(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    byte[] signature =
        JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm).sign(MESSAGE).toByteArray();
    SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic(), algorithm);

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> verifier.verify(KeyFixtures.utf8("hello world!"), signature));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_signatureFromJdkProvider_accepted(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    Signature jdk = jdkSignature(algorithm);
    jdk.initSign(pair.getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();

    SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic(), algorithm);

    assertThatCode(() -> verifier.verify(MESSAGE, signature)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void sign_ourSignature_acceptedByJdkProvider(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    byte[] signature =
        JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm).sign(MESSAGE).toByteArray();

    Signature jdk = jdkSignature(algorithm);
    jdk.initVerify(pair.getPublic());
    jdk.update(MESSAGE);

    assertThat(jdk.verify(signature)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ED25519", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512"})
  void verifier_keyFixesAlgorithm_noAlgorithmNeeded(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);

    assertThat(JcaKeys.verifier(pair.getPublic()).algorithm()).isEqualTo(algorithm);
    assertThat(JcaKeys.signer(pair.getPrivate(), pair.getPublic()).algorithm()).isEqualTo(algorithm);
  }

  @Test
  void verifier_rsaKeyWithoutAlgorithm_throwsConfigurationError() {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256);

    KeyMaterialException e =
        catchThrowableOfType(KeyMaterialException.class, () -> JcaKeys.verifier(pair.getPublic()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void signer_rsaKeyWithoutAlgorithm_throwsConfigurationError() {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> JcaKeys.signer(pair.getPrivate(), pair.getPublic()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verifier_algorithmOfOtherCurve_throwsConfigurationError() {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.ECDSA_P256_SHA256);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> JcaKeys.verifier(pair.getPublic(), SignatureAlgorithm.ECDSA_P384_SHA384));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verify_pssSignatureWithPkcs1Verifier_throwsSignatureInvalid() throws Exception {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256);
    byte[] signature =
        JcaKeys.signer(pair.getPrivate(), pair.getPublic(), SignatureAlgorithm.RSA_PSS_SHA256)
            .sign(MESSAGE)
            .toByteArray();
    SignatureVerifier pkcs1 = JcaKeys.verifier(pair.getPublic(), SignatureAlgorithm.RSA_PKCS1_SHA256);

    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> pkcs1.verify(MESSAGE, signature));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void signer_privateKeyOfAnotherPair_throwsConfigurationError() {
    KeyPair a = KeyFixtures.pair(SignatureAlgorithm.ECDSA_P256_SHA256);
    KeyPair b = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> JcaKeys.signer(a.getPrivate(), b.getPublic()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void signer_rsaPrivateKeyOfAnotherPair_throwsConfigurationError() {
    KeyPair a = KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256);
    KeyPair b = KeyFixtures.pair(SignatureAlgorithm.RSA_PKCS1_SHA256);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> JcaKeys.signer(a.getPrivate(), b.getPublic(), SignatureAlgorithm.RSA_PSS_SHA256));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verifierP1363_ed25519Key_throwsConfigurationError() {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.ED25519);

    KeyMaterialException e =
        catchThrowableOfType(KeyMaterialException.class, () -> JcaKeys.verifierP1363(pair.getPublic()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void keyId_sameKeyThroughPem_sameId(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);

    String pem = PemKeys.publicKeyPem(pair.getPublic());

    assertThat(PemKeys.keyId(pem)).isEqualTo(JcaKeys.keyId(pair.getPublic()));
    assertThat(PemKeys.verifier(pem, algorithm).keyId()).isEqualTo(JcaKeys.keyId(pair.getPublic()));
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void privateKeyPem_roundTrip_signsForSameKey(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    String pem = PemKeys.privateKeyPem(pair.getPrivate());

    Signer signer = PemKeys.signer(pem, algorithm);
    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThat(signer.keyId()).isEqualTo(JcaKeys.keyId(pair.getPublic()));
    assertThatCode(() -> JcaKeys.verifier(pair.getPublic(), algorithm).verify(MESSAGE, signature))
        .doesNotThrowAnyException();
  }

  static Signature jdkSignature(SignatureAlgorithm algorithm) throws Exception {
    switch (algorithm) {
      case ED25519:
        return Signature.getInstance("Ed25519");
      case ECDSA_P256_SHA256:
        return Signature.getInstance("SHA256withECDSA");
      case ECDSA_P384_SHA384:
        return Signature.getInstance("SHA384withECDSA");
      case ECDSA_P521_SHA512:
        return Signature.getInstance("SHA512withECDSA");
      case RSA_PSS_SHA256:
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return pss;
      default:
        return Signature.getInstance("SHA256withRSA");
    }
  }
}
