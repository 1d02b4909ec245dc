package dev.provenance.core.dsse;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.testing.TestKeys;
import dev.provenance.core.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DSSE peer vectors: the DSSE spec test vector (category dsse/spec) and Google's BCID VSA signed
 * with a raw r||s ECDSA signature (category dsse/key-signed/vsa).
 */
class DsseVerifierVectorsTest {
  private static final String HELLO_TYPE = "http://example.com/HelloWorld";
  private static final String VSA_KEY_ID = "keystore://76574:prod:vsa_signing_public_key";

  private static PublicKey specKey() {
    String text = Vectors.text("dsse-spec/protocol-test-vector.txt");
    return TestKeys.p256Point(number(text, "X"), number(text, "Y"));
  }

  private static BigInteger number(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": ([0-9]+)$").matcher(text);
    assertThat(m.find()).isTrue();
    return new BigInteger(m.group(1));
  }

  private static DsseVerifier helloVerifier(SignatureVerifier key) throws Exception {
    return DsseVerifier.newBuilder().addVerifier(key).allowPayloadType(HELLO_TYPE).build();
  }

  @Test
  void pae_specVector_equalsProtocolText() {
    String text = Vectors.text("dsse-spec/protocol-test-vector.txt");
    Matcher m = Pattern.compile("PAE:\\s+```none\\n(.*)\\n```").matcher(text);
    assertThat(m.find()).isTrue();

    byte[] pae = Pae.encode(HELLO_TYPE, "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(pae).isEqualTo(m.group(1).getBytes(StandardCharsets.UTF_8));
  }

  /** Category dsse/spec: the signature is raw r||s; read as DER it must not verify. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"dsse-spec-hello-world, P1363, VALID", "dsse-spec-hello-world-as-der, DER, INVALID"})
  void verify_dsseSpecVector(String caseId, String encoding, String expected) throws Exception {
    Envelope e = Vectors.envelope(Vectors.bytes("dsse-spec/hello-world.envelope.json"));
    DsseVerifier v =
        helloVerifier(
            encoding.equals("P1363")
                ? JcaKeys.verifierP1363(specKey())
                : JcaKeys.verifier(specKey()));

    if (expected.equals("VALID")) {
      VerifiedEnvelope ok = v.verify(e);
      assertThat(ok.payload().asUtf8()).isEqualTo("hello world");
      assertThat(ok.payloadType()).isEqualTo(HELLO_TYPE);
    } else {
      assertFails(() -> v.verify(e), ErrorCode.SIGNATURE_INVALID);
    }
  }

  private static DsseVerifier vsaVerifier(String keyIdHint) throws Exception {
    PublicKey key =
        Vectors.publicKey(Vectors.text("slsa-verifier/vsa_signing_public_key.pem"), "EC");
    return DsseVerifier.newBuilder()
        .addVerifier(JcaKeys.verifierP1363(key), keyIdHint)
        .bindKeyIdHints()
        .build();
  }

  /** Category dsse/key-signed/vsa: one case per vector row, the key configured with a key id. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sv-vsa-valid, " + VSA_KEY_ID + ", VALID",
    "sv-vsa-empty-keyid, '', INVALID",
    "sv-vsa-wrong-keyid, my_key_id, INVALID"
  })
  void verify_vsaVector(String caseId, String configuredKeyId, String expected) throws Exception {
    Envelope e = Vectors.envelope(Vectors.bytes("slsa-verifier/gke-gce-pre.bcid-vsa.jsonl"));
    DsseVerifier v = vsaVerifier(configuredKeyId);

    if (expected.equals("VALID")) {
      assertThat(v.verify(e).payload().asUtf8())
          .contains("https://slsa.dev/verification_summary/v1");
    } else {
      assertFails(() -> v.verify(e), ErrorCode.SIGNATURE_INVALID);
    }
  }
}
