package dev.provenance.core.intoto;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.core.internal.intoto.CanonicalJson;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.testing.TestKeys;
import dev.provenance.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetablockTest {
  private static final KeyPair ED = TestKeys.ed25519("metablock");
  private static final KeyPair ED2 = TestKeys.ed25519("metablock2");

  private static InTotoKey load(String path) throws Exception {
    String text = Vectors.text(path);
    return text.startsWith("{")
        ? InTotoKeys.parse(text.getBytes(StandardCharsets.UTF_8))
        : InTotoKeys.fromPem(text);
  }

  /** Category keys+legacy-metablock: one case per vector row of go-securesystemslib. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ssl-metablock-ecdsa, go-securesystemslib/test-ecdsa.98adf386.link, go-securesystemslib/ecdsa-test-key.pub, VALID",
    "ssl-metablock-rsa, go-securesystemslib/test-rsa.4e8d20af.link, go-securesystemslib/rsa-test-key.pub, VALID",
    "ssl-metablock-rsa-wrong-key, go-securesystemslib/test-rsa.4e8d20af.link, go-securesystemslib/ecdsa-test-key.pub, INVALID"
  })
  void verify_securesystemslibVector(String caseId, String link, String key, String expected)
      throws Exception {
    InTotoKey k = load(key);
    byte[] json = Vectors.bytes(link);

    if (expected.equals("VALID")) {
      VerifiedMetablock v = Metablock.verify(json, List.of(k), 1);
      assertThat(v.signers()).containsExactly(k);
      assertThat(v.signed().get("_type")).contains(new JsonString("link"));
    } else {
      assertFails(() -> Metablock.verify(json, List.of(k), 1), ErrorCode.SIGNATURE_INVALID);
    }
  }

  @Test
  void verify_signedFieldChanged_signatureInvalid() throws Exception {
    String json = Vectors.text("go-securesystemslib/test-ecdsa.98adf386.link").replace("test-ecdsa", "test-ecdsb");
    InTotoKey k = load("go-securesystemslib/ecdsa-test-key.pub");

    assertFails(
        () -> Metablock.verify(json.getBytes(StandardCharsets.UTF_8), List.of(k), 1),
        ErrorCode.SIGNATURE_INVALID);
  }

  private static InTotoKey edKey(KeyPair pair) throws Exception {
    byte[] spki = pair.getPublic().getEncoded();
    String hex = HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    return InTotoKeys.parse(
        ("{\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":\"" + hex + "\"}}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static String sig(KeyPair pair, InTotoKey key, String signedJson) throws Exception {
    JsonObject signed = JsonCodec.standard().parseObject(signedJson.getBytes(StandardCharsets.UTF_8));
    byte[] s = TestKeys.rawSign(pair, CanonicalJson.encode(signed));
    return "{\"keyid\":\"" + key.keyid() + "\",\"sig\":\"" + HexFormat.of().formatHex(s) + "\"}";
  }

  private static byte[] metablock(String signed, String... sigs) {
    return ("{\"signed\":" + signed + ",\"signatures\":[" + String.join(",", sigs) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verify_signatureOverCanonicalForm_acceptsReorderedDocument() throws Exception {
    InTotoKey k = edKey(ED);
    String signed = "{\"name\":\"x\",\"_type\":\"link\",\"materials\":{\"é\":{\"sha256\":\"ab\"}}}";

    VerifiedMetablock v = Metablock.verify(metablock(signed, sig(ED, k, signed)), List.of(k), 1);

    assertThat(v.signers()).containsExactly(k);
  }

  @Test
  void verify_duplicateSignatureThresholdTwo_thresholdNotMet() throws Exception {
    InTotoKey k = edKey(ED);
    InTotoKey k2 = edKey(ED2);
    String signed = "{\"_type\":\"link\"}";
    String s = sig(ED, k, signed);

    assertFails(
        () -> Metablock.verify(metablock(signed, s, s), List.of(k, k2), 2), ErrorCode.THRESHOLD_NOT_MET);
    assertThat(
            Metablock.verify(metablock(signed, s, sig(ED2, k2, signed)), List.of(k, k2), 2).signers())
        .containsExactly(k, k2);
  }

  @Test
  void verify_keyidNamesOtherTrustedKey_reportsTrueSigner() throws Exception {
    InTotoKey k = edKey(ED);
    InTotoKey k2 = edKey(ED2);
    String signed = "{\"_type\":\"link\"}";
    String lying = sig(ED2, k2, signed).replace(k2.keyid(), k.keyid());

    assertThat(Metablock.verify(metablock(signed, lying), List.of(k, k2), 1).signers())
        .containsExactly(k2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"signatures\":[]}",
        "{\"signed\":{},\"signatures\":[]}",
        "{\"signed\":[],\"signatures\":[{\"keyid\":\"a\",\"sig\":\"00\"}]}",
        "{\"signed\":{},\"signatures\":{}}",
        "{\"signed\":{},\"signatures\":[1]}",
        "{\"signed\":{},\"signatures\":[{\"keyid\":1,\"sig\":\"00\"}]}",
        "{\"signed\":{},\"signatures\":[{\"keyid\":\"a\",\"sig\":\"0A\"}]}",
        "{\"signed\":{},\"signatures\":[{\"keyid\":\"a\",\"sig\":\"0\"}]}",
        "{\"signed\":{},\"signatures\":[{\"keyid\":\"a\"}]}",
        "{\"signed\":{\"n\":1.5},\"signatures\":[{\"keyid\":\"a\",\"sig\":\"00\"}]}",
        "{\"signed\":{},\"signed\":{},\"signatures\":[{\"keyid\":\"a\",\"sig\":\"00\"}]}",
        "{\"signed\":{}"
      })
  void verify_malformedMetablock_malformedInput(String json) throws Exception {
    InTotoKey k = edKey(ED);

    assertFails(
        () -> Metablock.verify(json.getBytes(StandardCharsets.UTF_8), List.of(k), 1),
        ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_tooManySignatures_resourceLimitExceeded() throws Exception {
    InTotoKey k = edKey(ED);
    String[] sigs = new String[33];
    Arrays.fill(sigs, "{\"keyid\":\"a\",\"sig\":\"00\"}");

    assertFails(
        () -> Metablock.verify(metablock("{}", sigs), List.of(k), 1), ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_noKeysOrBadThreshold_configurationError() throws Exception {
    InTotoKey k = edKey(ED);
    byte[] json = metablock("{}", "{\"keyid\":\"a\",\"sig\":\"00\"}");

    assertFails(() -> Metablock.verify(json, List.of(), 1), ErrorCode.CONFIGURATION_ERROR);
    assertFails(() -> Metablock.verify(json, List.of(k), 0), ErrorCode.CONFIGURATION_ERROR);
    assertFails(() -> Metablock.verify(json, List.of(k, k), 2), ErrorCode.CONFIGURATION_ERROR);
  }
}
