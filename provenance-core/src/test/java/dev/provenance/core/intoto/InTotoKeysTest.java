package dev.provenance.core.intoto;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.PemKeys;
import dev.provenance.core.testing.TestKeys;
import dev.provenance.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InTotoKeysTest {
  // keys+legacy-metablock: securesystemslib JSON key whose keyid includes keyid_hash_algorithms.
  @Test
  void parse_securesystemslibEcdsaKey_keyIdIncludesHashAlgorithms() throws Exception {
    InTotoKey k = InTotoKeys.parse(Vectors.bytes("go-securesystemslib/ecdsa-test-key.pub"));

    assertThat(k.keyid()).isEqualTo("98adf38602c48c5479e9a991ee3f8cbf541ee4f985e00f7a5fc4148d9a45b704");
    assertThat(k.scheme()).isEqualTo("ecdsa-sha2-nistp256");
    assertThat(k.verifier().algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(k.verifier().keyId())
        .isEqualTo(PemKeys.verifier(Vectors.text("go-securesystemslib/ecdsa-test-key-pem.pub")).keyId());
  }

  /** PEM keys imported the way in-toto does, one case per vector file and its known key id. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "go-securesystemslib/rsa-test-key.pub, 4e8d20af09fcaed6c388a186427f94a5f7ff5591ec295f4aab2cff49ffe39e9b",
    "in-toto-python/demo_files/bob.pub, 776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5",
    "in-toto-python/demo_files/carl.pub, 2f89b9272acfc8f4a0a0f094d789fdb0ba798b0fe41f2f5f417c12f0085ff498",
    "in-toto-golang/alice.pub, 70ca5750c2eda80b18f41f4ec5f92146789b5d68dd09577be422a0159bd13680"
  })
  void fromPem_rsaVector_inTotoKeyId(String path, String keyid) throws Exception {
    InTotoKey k = InTotoKeys.fromPem(Vectors.text(path));

    assertThat(k.keyid()).isEqualTo(keyid);
    assertThat(k.scheme()).isEqualTo("rsassa-pss-sha256");
    assertThat(k.verifier().algorithm()).isEqualTo(SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @Test
  void fromPem_ed25519Vector_hexPublicValue() throws Exception {
    InTotoKey k = InTotoKeys.fromPem(Vectors.text("in-toto-golang/keys/carol.pub"));

    assertThat(k.keytype()).isEqualTo("ed25519");
    JsonObject keyval = (JsonObject) k.keyObject().get("keyval").orElseThrow();
    assertThat(((JsonString) keyval.get("public").orElseThrow()).value()).matches("[0-9a-f]{64}");
    assertThat(k.verifier().keyId())
        .isEqualTo(PemKeys.verifier(Vectors.text("in-toto-golang/keys/carol.pub")).keyId());
  }

  @Test
  void parseKeyMap_layoutKeys_matchFunctionaryPems() throws Exception {
    byte[] layoutEnvelope = Vectors.bytes("in-toto-golang/dsse-only.root.layout");
    byte[] layout = Vectors.envelope(layoutEnvelope).payload().toByteArray();
    JsonObject keys = (JsonObject) JsonCodec.standard().parseObject(layout).get("keys").orElseThrow();

    Map<String, InTotoKey> parsed = InTotoKeys.parseKeyMap(keys);

    assertThat(parsed).containsOnlyKeys(
        "2f89b9272acfc8f4a0a0f094d789fdb0ba798b0fe41f2f5f417c12f0085ff498",
        "776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5");
  }

  @Test
  void parse_ed25519JsonKey_verifiesSignatures() throws Exception {
    KeyPair pair = TestKeys.ed25519("intoto");
    byte[] spki = pair.getPublic().getEncoded();
    String hex = HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    String json =
        "{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"" + hex + "\"}}";

    InTotoKey k = InTotoKeys.parse(json.getBytes(StandardCharsets.UTF_8));
    byte[] message = {1, 2, 3};
    k.verifier().verify(message, TestKeys.rawSign(pair, message));

    assertThat(k.verifier().keyId()).isEqualTo(TestKeys.keyId(pair.getPublic()));
    assertThat(k.keyid())
        .isEqualTo(InTotoKeys.keyId(JsonCodec.standard().parseObject(json.getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown scheme | {\"keytype\":\"rsa\",\"scheme\":\"rsassa-pss-sha512\",\"keyval\":{\"public\":\"x\"}} | UNSUPPORTED_FORMAT",
        "keytype does not fit | {\"keytype\":\"rsa\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"00\"}} | UNSUPPORTED_FORMAT",
        "short ed25519 | {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"00\"}} | MALFORMED_INPUT",
        "uppercase hex | {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"AA00000000000000000000000000000000000000000000000000000000000000\"}} | MALFORMED_INPUT",
        "no keyval | {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\"} | MALFORMED_INPUT",
        "public not string | {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":1}} | MALFORMED_INPUT",
        "not json | {\"keytype\": | MALFORMED_INPUT",
        "bad pem | {\"keytype\":\"ecdsa\",\"scheme\":\"ecdsa-sha2-nistp256\",\"keyval\":{\"public\":\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}} | MALFORMED_INPUT"
      })
  void parse_badKey_typedError(String name, String json, ErrorCode code) {
    assertFails(() -> InTotoKeys.parse(json.getBytes(StandardCharsets.UTF_8)), code);
  }

  @Test
  void parse_statedKeyIdDiffers_malformedInput() throws Exception {
    JsonObject key = InTotoKeys.parse(Vectors.bytes("go-securesystemslib/ecdsa-test-key.pub")).keyObject();
    JsonObject withWrongId =
        JsonObject.newBuilder()
            .put("keyid", JsonValue.of("00" + "0".repeat(62)))
            .put("keytype", key.get("keytype").orElseThrow())
            .put("scheme", key.get("scheme").orElseThrow())
            .put("keyval", key.get("keyval").orElseThrow())
            .build();

    assertFails(() -> InTotoKeys.parse(withWrongId), ErrorCode.MALFORMED_INPUT);
  }
}
