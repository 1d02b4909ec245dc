package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signatures made by peers over DSSE PAE, verified with the peers' PEM keys: the in-toto (Python)
 * demo links are RSASSA-PSS SHA-256 signatures from securesystemslib (cases
 * intoto-py-dsse-links-valid and intoto-py-link-wrong-key); the go-securesystemslib metablocks
 * carry a hex DER ECDSA P-256 signature and an RSASSA-PSS signature over the canonical JSON of
 * "signed" (cases ssl-metablock-ecdsa, ssl-metablock-rsa, ssl-metablock-rsa-wrong-key). Envelope
 * parsing and canonicalisation here are minimal test-side extractions for these flat documents;
 * the DSSE and metablock layers have their own tests.
 */
class PeerSignatureVectorTest {
  private static final String DIR = "vectors/in-toto-python/";

  @ParameterizedTest
  @CsvSource({
    "demo_dsse_files/write-code.776a00e2.link, demo_files/bob.pub",
    "demo_dsse_files/package.2f89b927.link, demo_files/carl.pub"
  })
  void verify_inTotoPythonRsaPssLink_accepted(String link, String key) throws Exception {
    SignatureVerifier verifier =
        PemKeys.verifier(KeyFixtures.text(DIR + key), SignatureAlgorithm.RSA_PSS_SHA256);
    String envelope = KeyFixtures.text(DIR + link);

    assertThatCode(() -> verifier.verify(pae(envelope), signature(envelope))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "demo_dsse_files/package.2f89b927.link, demo_files/bob.pub, RSA_PSS_SHA256",
    "demo_dsse_files/write-code.776a00e2.link, demo_files/alice.pub, RSA_PSS_SHA256",
    "demo_dsse_files/write-code.776a00e2.link, demo_files/bob.pub, RSA_PKCS1_SHA256"
  })
  void verify_inTotoPythonLinkWithWrongKeyOrPadding_throwsSignatureInvalid(
      String link, String key, SignatureAlgorithm algorithm) throws Exception {
    SignatureVerifier verifier = PemKeys.verifier(KeyFixtures.text(DIR + key), algorithm);
    String envelope = KeyFixtures.text(DIR + link);

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class, () -> verifier.verify(pae(envelope), signature(envelope)));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @CsvSource({
    "test-ecdsa.98adf386.link, ecdsa-test-key-pem.pub, ECDSA_P256_SHA256",
    "test-rsa.4e8d20af.link, rsa-test-key.pub, RSA_PSS_SHA256"
  })
  void verify_securesystemslibMetablock_accepted(String link, String key, SignatureAlgorithm algorithm)
      throws Exception {
    SignatureVerifier verifier =
        PemKeys.verifier(KeyFixtures.text("vectors/go-securesystemslib/" + key), algorithm);
    String metablock = KeyFixtures.text("vectors/go-securesystemslib/" + link);

    assertThatCode(() -> verifier.verify(canonicalSigned(metablock), hexSignature(metablock)))
        .doesNotThrowAnyException();
  }

  @org.junit.jupiter.api.Test
  void verify_securesystemslibRsaMetablockWithEcdsaKey_throwsSignatureInvalid() throws Exception {
    SignatureVerifier verifier =
        PemKeys.verifier(KeyFixtures.text("vectors/go-securesystemslib/ecdsa-test-key-pem.pub"));
    String metablock = KeyFixtures.text("vectors/go-securesystemslib/test-rsa.4e8d20af.link");

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> verifier.verify(canonicalSigned(metablock), hexSignature(metablock)));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  /** The "signed" object with insignificant whitespace removed (keys are already sorted). */
  static byte[] canonicalSigned(String metablock) {
    String signed = metablock.substring(metablock.indexOf("\"signed\": ") + 10, metablock.lastIndexOf('}'));
    return signed.replaceAll("\\s+", "").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hexSignature(String metablock) {
    return TinkKeysTest.hex(field(metablock, "sig"));
  }

  static byte[] pae(String envelope) {
    String type = field(envelope, "payloadType");
    byte[] payload = Base64.getDecoder().decode(field(envelope, "payload"));
    byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + typeBytes.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(typeBytes);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  static byte[] signature(String envelope) {
    return Base64.getDecoder().decode(field(envelope, "sig"));
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }
}
