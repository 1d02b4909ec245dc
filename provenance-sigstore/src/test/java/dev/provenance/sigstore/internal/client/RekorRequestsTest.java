package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.Bytes;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RekorRequestsTest {
  private static final Bytes DER = Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x07});
  private static final Bytes SIG = Bytes.utf8("sig");

  static JsonValue at(byte[] json, String... path) throws Exception {
    JsonValue cur = JsonCodec.standard().parseValue(json);
    for (String p : path) {
      cur = cur instanceof JsonArray
          ? ((JsonArray) cur).elements().get(Integer.parseInt(p))
          : ((JsonObject) cur).get(p).orElseThrow(() -> new AssertionError("no " + p));
    }
    return cur;
  }

  static String str(byte[] json, String... path) throws Exception {
    return ((JsonString) at(json, path)).value();
  }

  private static String pemOf(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  @Test
  void hashedRekordV001_certificate_hexDigestAndBase64Pem() throws Exception {
    byte[] body =
        RekorRequests.hashedRekordV001(
            "sha256", new byte[] {1, 2, (byte) 0xff}, SIG, new RekorRequests.Verifier(DER, true, "X"));

    assertThat(str(body, "kind")).isEqualTo("hashedrekord");
    assertThat(str(body, "apiVersion")).isEqualTo("0.0.1");
    assertThat(str(body, "spec", "data", "hash", "algorithm")).isEqualTo("sha256");
    assertThat(str(body, "spec", "data", "hash", "value")).isEqualTo("0102ff");
    assertThat(str(body, "spec", "signature", "content")).isEqualTo(SIG.toBase64());
    String pem = pemOf(str(body, "spec", "signature", "publicKey", "content"));
    assertThat(Pem.parseSingle(pem).label()).isEqualTo("CERTIFICATE");
    assertThat(Pem.parseSingle(pem).der()).isEqualTo(DER.toByteArray());
  }

  @Test
  void dsseV001_publicKey_envelopeAsJsonStringAndVerifier() throws Exception {
    Envelope e =
        new Envelope("application/vnd.in-toto+json", Bytes.utf8("{}"), List.of(EnvelopeSignature.of(SIG)));

    byte[] body = RekorRequests.dsseV001(e, new RekorRequests.Verifier(DER, false, "X"));

    assertThat(str(body, "kind")).isEqualTo("dsse");
    assertThat(str(body, "apiVersion")).isEqualTo("0.0.1");
    String envelope = str(body, "spec", "proposedContent", "envelope");
    assertThat(JsonCodec.standard().parseEnvelope(envelope.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    String pem = pemOf(str(body, "spec", "proposedContent", "verifiers", "0"));
    assertThat(Pem.parseSingle(pem).label()).isEqualTo("PUBLIC KEY");
  }

  @Test
  void hashedRekordV002_certificateOrKey_protoJsonRequest() throws Exception {
    byte[] digest = new byte[32];
    digest[0] = 9;

    byte[] cert =
        RekorRequests.hashedRekordV002(digest, SIG, new RekorRequests.Verifier(DER, true, "PKIX_ECDSA_P256_SHA_256"));
    byte[] key =
        RekorRequests.hashedRekordV002(digest, SIG, new RekorRequests.Verifier(DER, false, "PKIX_ED25519"));

    assertThat(str(cert, "hashedRekordRequestV002", "digest")).isEqualTo(Bytes.of(digest).toBase64());
    assertThat(str(cert, "hashedRekordRequestV002", "signature", "content")).isEqualTo(SIG.toBase64());
    assertThat(str(cert, "hashedRekordRequestV002", "signature", "verifier", "x509Certificate", "rawBytes"))
        .isEqualTo(DER.toBase64());
    assertThat(str(cert, "hashedRekordRequestV002", "signature", "verifier", "keyDetails"))
        .isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(str(key, "hashedRekordRequestV002", "signature", "verifier", "publicKey", "rawBytes"))
        .isEqualTo(DER.toBase64());
  }
}
