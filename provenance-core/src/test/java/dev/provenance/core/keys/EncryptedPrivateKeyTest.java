package dev.provenance.core.keys;

import static dev.provenance.core.keys.EcdsaSignatureHostileTest.seq;
import static dev.provenance.core.keys.EcdsaSignatureHostileTest.tlv;
import static dev.provenance.core.keys.TinkKeysTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PKCS#8 ENCRYPTED PRIVATE KEY (PBES2) written by the JDK; OpenSSL's are in the interop test. */
class EncryptedPrivateKeyTest {
  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static final byte[] MESSAGE = KeyFixtures.utf8("encrypted key");

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ED25519", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "RSA_PSS_SHA256"})
  void signer_jdkEncryptedPkcs8_signsForSameKey(SignatureAlgorithm algorithm) throws Exception {
    KeyPair pair = KeyFixtures.pair(algorithm);
    String pem = encrypt(pair.getPrivate().getEncoded(), "PBEWithHmacSHA256AndAES_256", PASSWORD);

    Signer signer = PemKeys.signer(pem, PASSWORD, algorithm);
    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThat(signer.keyId()).isEqualTo(JcaKeys.keyId(pair.getPublic()));
    assertThatCode(() -> JcaKeys.verifier(pair.getPublic(), algorithm).verify(MESSAGE, signature))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PBEWithHmacSHA1AndAES_128",
        "PBEWithHmacSHA256AndAES_128",
        "PBEWithHmacSHA384AndAES_256",
        "PBEWithHmacSHA512AndAES_256"
      })
  void signer_eachPrfAndAesKeySize_decrypts(String scheme) throws Exception {
    KeyPair pair = KeyFixtures.pair(SignatureAlgorithm.ED25519);
    String pem = encrypt(pair.getPrivate().getEncoded(), scheme, PASSWORD);

    assertThat(PemKeys.signer(pem, PASSWORD).keyId()).isEqualTo(JcaKeys.keyId(pair.getPublic()));
  }

  @Test
  void signer_wrongPassword_throwsMalformedInput() throws Exception {
    String pem = encrypt(KeyFixtures.pair(SignatureAlgorithm.ED25519).getPrivate().getEncoded(),
        "PBEWithHmacSHA256AndAES_256", PASSWORD);

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(pem, "wrong".toCharArray()));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("pem/block/0");
  }

  @Test
  void signer_encryptedKeyWithoutPassword_throwsConfigurationError() throws Exception {
    String pem = encrypt(KeyFixtures.pair(SignatureAlgorithm.ED25519).getPrivate().getEncoded(),
        "PBEWithHmacSHA256AndAES_256", PASSWORD);

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.signer(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void signer_passwordNotChanged_callerOwnsIt() throws Exception {
    char[] password = PASSWORD.clone();
    String pem = encrypt(KeyFixtures.pair(SignatureAlgorithm.ED25519).getPrivate().getEncoded(),
        "PBEWithHmacSHA256AndAES_256", password);

    PemKeys.signer(pem, password);

    assertThat(password).isEqualTo(PASSWORD);
  }

  @Test
  void signer_hugeIterationCount_throwsResourceLimitBeforeDerivingKey() {
    String pem = Pem.encode("ENCRYPTED PRIVATE KEY", pbes2(BigInteger.valueOf(2_000_000_000L)));

    KeyMaterialException e =
        catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.signer(pem, PASSWORD));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void signer_iterationCountBeyondInt_throwsResourceLimit() {
    String pem = Pem.encode("ENCRYPTED PRIVATE KEY", pbes2(BigInteger.ONE.shiftLeft(80)));

    KeyMaterialException e =
        catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.signer(pem, PASSWORD));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void signer_pbes1Scheme_throwsUnsupportedFormat() {
    // pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12 PBE, 1.2.840.113549.1.12.1.3)
    byte[] der =
        seq(
            seq(hex("060a2a864886f70d010c0103"), seq(tlv(0x04, new byte[8]), tlv(0x02, new byte[] {8}))),
            tlv(0x04, new byte[32]));

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> PemKeys.signer(Pem.encode("ENCRYPTED PRIVATE KEY", der), PASSWORD));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  /** PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC with the given iteration count and junk data. */
  private static byte[] pbes2(BigInteger iterations) {
    byte[] kdf =
        seq(hex("06092a864886f70d01050c"),
            seq(tlv(0x04, new byte[16]), tlv(0x02, iterations.toByteArray()),
                seq(hex("06082a864886f70d0209"), hex("0500"))));
    byte[] cipher = seq(hex("060960864801650304012a"), tlv(0x04, new byte[16]));
    return seq(seq(hex("06092a864886f70d01050d"), seq(kdf, cipher)), tlv(0x04, new byte[48]));
  }

  static String encrypt(byte[] pkcs8, String scheme, char[] password) throws Exception {
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    SecureRandom random = new SecureRandom();
    random.nextBytes(salt);
    random.nextBytes(iv);
    SecretKey key = SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password));
    Cipher cipher = Cipher.getInstance(scheme);
    cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
    byte[] encrypted = cipher.doFinal(pkcs8);
    // JDK 17's EncryptedPrivateKeyInfo cannot encode PBES2, so wrap its PBES2-params ourselves
    byte[] params = cipher.getParameters().getEncoded();
    return Pem.encode(
        "ENCRYPTED PRIVATE KEY",
        seq(seq(hex("06092a864886f70d01050d"), params), tlv(0x04, encrypted)));
  }
}
