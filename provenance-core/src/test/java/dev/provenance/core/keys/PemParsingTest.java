package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.internal.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict PEM reader: one block, only whitespace around it, canonical base64, no headers. */
class PemParsingTest {
  private static final String CAROL_BODY = "MCowBQYDK2VwAyEAOT5nGyAPlkxJCD00qGf12YnsHGnfe2Z1j+RxyFkbE5w=";
  private static final String CAROL =
      "-----BEGIN PUBLIC KEY-----\n" + CAROL_BODY + "\n-----END PUBLIC KEY-----\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----BEGIN PUBLIC KEY-----\r\n" + CAROL_BODY + "\r\n-----END PUBLIC KEY-----\r\n",
        "\n\n  -----BEGIN PUBLIC KEY-----\n" + CAROL_BODY + "\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----  \n" + CAROL_BODY + "\t\n-----END PUBLIC KEY-----\n\n  \n",
        "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAOT5nGyAPlkxJCD00\nqGf12YnsHGnfe2Z1j+RxyFkbE5w=\n-----END PUBLIC KEY-----\n"
      })
  void verifier_whitespaceAndLineBreakVariants_sameKey(String pem) throws Exception {
    assertThat(PemKeys.keyId(pem)).isEqualTo(PemKeys.keyId(CAROL));
  }

  @Test
  void verifier_leadingTextBeforeBlock_throwsMalformed() {
    assertMalformed("Public key of carol:\n" + CAROL, "pem");
  }

  @Test
  void verifier_trailingText_throwsMalformed() {
    assertMalformed(CAROL + "trailing\n", "pem");
  }

  @Test
  void verifier_mismatchedEndLabel_throwsMalformed() {
    assertMalformed(CAROL.replace("END PUBLIC KEY", "END PRIVATE KEY"), "pem/block/0");
  }

  @Test
  void verifier_missingEndLine_throwsMalformed() {
    assertMalformed("-----BEGIN PUBLIC KEY-----\n" + CAROL_BODY + "\n", "pem/block/0");
  }

  @Test
  void verifier_missingPadding_throwsMalformed() {
    assertMalformed(CAROL.replace("E5w=", "E5w"), "pem/block/0");
  }

  @Test
  void verifier_nonCanonicalPadBits_throwsMalformed() {
    assertMalformed(CAROL.replace("E5w=", "E5x="), "pem/block/0");
  }

  @Test
  void verifier_urlSafeAlphabet_throwsMalformed() {
    assertMalformed(CAROL.replace("j+R", "j-R"), "pem/block/0");
  }

  @Test
  void verifier_emptyBody_throwsMalformed() {
    assertMalformed("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "pem/block/0");
  }

  @Test
  void verifier_derWithTrailingByte_throwsMalformed() {
    byte[] der = TinkKeysTest.hex("302a300506032b6570032100" + "393e671b200f964c49083d34a867f5d989ec1c69df7b66758fe471c8591b139c" + "00");

    assertMalformed(Pem.encode("PUBLIC KEY", der), "pem/block/0");
  }

  @Test
  void verifier_ed25519SmallOrderPoint_throwsMalformed() {
    // the identity point (0, 1): any signature with R = identity, S = 0 would verify
    byte[] der = TinkKeysTest.hex("302a300506032b6570032100" + "0100000000000000000000000000000000000000000000000000000000000000");

    assertMalformed(Pem.encode("PUBLIC KEY", der), "pem/block/0");
  }

  @Test
  void verifier_ecPointNotOnCurve_throwsMalformed() {
    byte[] point = new byte[65];
    point[0] = 4;
    point[64] = 1;
    byte[] der =
        EcdsaSignatureHostileTest.seq(
            TinkKeysTest.hex("301306072a8648ce3d020106082a8648ce3d030107"),
            EcdsaSignatureHostileTest.tlv(0x03, EcdsaSignatureHostileTest.concat(new byte[] {0}, point)));

    assertMalformed(Pem.encode("PUBLIC KEY", der), "pem/block/0");
  }

  @Test
  void verifier_rfc1421EncryptedHeaders_throwsUnsupportedFormat() {
    String pem =
        "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
            + CAROL_BODY + "\n-----END PUBLIC KEY-----\n";

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verifier_privateKeyBlock_throwsUnsupportedFormat() throws Exception {
    String pem = PemKeys.privateKeyPem(KeyFixtures.pair(SignatureAlgorithm.ED25519).getPrivate());

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signer_publicKeyBlock_throwsUnsupportedFormat() {
    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.signer(CAROL));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verifier_oversizedText_throwsResourceLimitExceeded() {
    String pem = CAROL + " ".repeat(Pem.MAX_PEM_CHARS);

    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void publicKeyPem_output_isCanonicalAndReadable() throws Exception {
    String pem = PemKeys.publicKeyPem(KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256).getPublic());

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
    assertThat(PemKeys.keyId(pem))
        .isEqualTo(JcaKeys.keyId(KeyFixtures.pair(SignatureAlgorithm.RSA_PSS_SHA256).getPublic()));
  }

  private static void assertMalformed(String pem, String location) {
    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, () -> PemKeys.verifier(pem));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains(location);
  }
}
