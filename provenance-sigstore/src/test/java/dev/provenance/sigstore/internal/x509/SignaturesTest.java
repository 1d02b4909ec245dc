package dev.provenance.sigstore.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.x509.Signatures.Scheme;
import dev.provenance.sigstore.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignaturesTest {
  private static final byte[] DATA = "signed bytes".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair P256 = TestPki.generate("secp256r1");
  private static final KeyPair RSA_2048 = rsa(2048);

  private static byte[] sign(String algorithm, KeyPair key, byte[] data) throws Exception {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  private static ErrorCode code(PublicKey key, Scheme scheme, byte[] parameters, byte[] signature) {
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> Signatures.verify(key, scheme, parameters, DATA, signature, false, "x"));
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  @ParameterizedTest
  @CsvSource({
    "secp256r1, SHA256withECDSA, ECDSA_SHA256",
    "secp256r1, SHA384withECDSA, ECDSA_SHA384",
    "secp384r1, SHA384withECDSA, ECDSA_SHA384",
    "secp521r1, SHA512withECDSA, ECDSA_SHA512",
  })
  void verify_ecdsaWithHashNamedByStructure_accepts(String curve, String jca, Scheme scheme)
      throws Exception {
    // X.509 lets the signature algorithm, not the curve, choose the hash (P-256 with SHA-384).
    KeyPair key = TestPki.generate(curve);
    byte[] signature = sign(jca, key, DATA);

    for (boolean trusted : new boolean[] {false, true, true}) {
      assertThatCode(
              () -> Signatures.verify(key.getPublic(), scheme, null, DATA, signature, trusted, "x"))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void verify_ecdsaOverOtherData_throwsSignatureInvalid() throws Exception {
    byte[] signature = sign("SHA256withECDSA", P256, "other".getBytes(StandardCharsets.UTF_8));

    assertThat(code(P256.getPublic(), Scheme.ECDSA_SHA256, null, signature))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_ecdsaSignatureWithTrailingByte_throwsSignatureInvalid() throws Exception {
    // H75: only strict DER; the same r and s with a trailing byte are refused.
    byte[] signature = sign("SHA256withECDSA", P256, DATA);
    byte[] padded = Arrays.copyOf(signature, signature.length + 1);

    assertThat(code(P256.getPublic(), Scheme.ECDSA_SHA256, null, padded))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_ecdsaSignatureInP1363Form_throwsSignatureInvalid() throws Exception {
    byte[] p1363 = sign("SHA256withECDSAinP1363Format", P256, DATA);

    assertThat(code(P256.getPublic(), Scheme.ECDSA_SHA256, null, p1363))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_ecdsaSchemeWithRsaKey_throwsUnsupportedFormat() throws Exception {
    KeyPair rsa = RSA_2048;

    assertThat(code(rsa.getPublic(), Scheme.ECDSA_SHA256, null, new byte[8]))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_secp256k1Key_throwsUnsupportedFormat() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
    KeyPair k1 = generator.generateKeyPair();

    assertThat(code(k1.getPublic(), Scheme.ECDSA_SHA256, null, new byte[8]))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_rsaPkcs1_acceptsAndRejectsTampering() throws Exception {
    KeyPair rsa = RSA_2048;
    byte[] signature = sign("SHA256withRSA", rsa, DATA);

    assertThatCode(
            () ->
                Signatures.verify(
                    rsa.getPublic(), Scheme.RSA_PKCS1_SHA256, null, DATA, signature, false, "x"))
        .doesNotThrowAnyException();
    signature[10] ^= 1;
    assertThat(code(rsa.getPublic(), Scheme.RSA_PKCS1_SHA256, null, signature))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_rsaPssWithParameters_accepts() throws Exception {
    KeyPair rsa = RSA_2048;
    PSSParameterSpec spec = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    Signature signer = Signature.getInstance("RSASSA-PSS");
    signer.setParameter(spec);
    signer.initSign(rsa.getPrivate());
    signer.update(DATA);
    byte[] signature = signer.sign();
    java.security.AlgorithmParameters parameters =
        java.security.AlgorithmParameters.getInstance("RSASSA-PSS");
    parameters.init(spec);

    assertThatCode(
            () ->
                Signatures.verify(
                    rsa.getPublic(), Scheme.RSA_PSS, parameters.getEncoded(), DATA, signature, false,
                    "x"))
        .doesNotThrowAnyException();
    assertThat(code(rsa.getPublic(), Scheme.RSA_PSS, null, signature))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_rsaKeyOf1024Bits_throwsUnsupportedFormat() throws Exception {
    // H77: weak RSA keys are refused before any arithmetic.
    KeyPair weak = rsa(1024);
    byte[] signature = sign("SHA256withRSA", weak, DATA);

    assertThat(code(weak.getPublic(), Scheme.RSA_PKCS1_SHA256, null, signature))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_ed25519_acceptsAndRejectsTampering() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] signature = sign("Ed25519", ed, DATA);

    assertThatCode(
            () -> Signatures.verify(ed.getPublic(), Scheme.ED25519, null, DATA, signature, false, "x"))
        .doesNotThrowAnyException();
    signature[0] ^= 1;
    assertThat(code(ed.getPublic(), Scheme.ED25519, null, signature))
        .isEqualTo(ErrorCode.SIGNATURE_INVALID);
    assertThat(code(P256.getPublic(), Scheme.ED25519, null, signature))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void forOid_knownAndUnknownAlgorithms() {
    assertThat(Signatures.forOid("1.2.840.10045.4.3.3")).contains(Scheme.ECDSA_SHA384);
    assertThat(Signatures.forOid("1.2.840.113549.1.1.5")).isEmpty(); // sha1WithRSAEncryption
    assertThat(Signatures.forOid("1.2.840.10045.4.1")).isEmpty(); // ecdsa-with-SHA1
  }

  private static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
