package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SigstoreBundleTest {
  private static final String V03 = "sigstore-conformance/bundle-verify/happy-path-v0.3-new-mediaType/bundle.sigstore.json";
  private static final String DSSE = "sigstore-java/bundle.dsse.sigstore";

  static Stream<String> vectorBundles() {
    return Stream.of(
        "sigstore-conformance/bundle-verify/happy-path-v0.1/bundle.sigstore.json",
        "sigstore-conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json",
        V03,
        "sigstore-conformance/bundle-verify/rekor2-happy-path/bundle.sigstore.json",
        "sigstore-conformance/bundle-verify/rekor2-dsse-happy-path/bundle.sigstore.json",
        "sigstore-conformance/bundle-verify/managed-key-and-trusted-root/bundle.sigstore.json",
        "sigstore-java/bundle.v1.sigstore",
        "sigstore-java/bundle.v2.sigstore",
        DSSE,
        "sigstore-java/bundle-no-digest.sigstore",
        "sigstore-java/github-private-no-tlog/attestation.sigstore.json",
        "sigstore-js/bundleV01-dsse-no-proof.sigstore",
        "sigstore-js/bundleV02-intoto.sigstore",
        "sigstore-go/bundles/othername.sigstore.json",
        "cli-cli/sigstore-js-2.1.0-bundle.json",
        "sigstore-python/bundle_v3_alt.txt.sigstore");
  }

  @ParameterizedTest
  @MethodSource("vectorBundles")
  void parse_writtenBundle_roundTripsToTheSameModel(String path) throws Exception {
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.bytes(path));
    byte[] written = bundle.toJson();
    assertThat(SigstoreBundle.parse(written)).isEqualTo(bundle);
    assertThat(SigstoreBundle.parse(written).toJson()).isEqualTo(written);
  }

  @Test
  void toJson_v03Bundle_usesCanonicalProtoJson() throws Exception {
    JsonObject o = (JsonObject) JsonEdit.parse(SigstoreBundle.parse(Vectors.bytes(V03)).toJson());
    assertThat(o.members().keySet()).containsExactly("mediaType", "verificationMaterial", "messageSignature");
    JsonObject entry =
        (JsonObject)
            ((JsonArray) ((JsonObject) o.members().get("verificationMaterial")).members().get("tlogEntries"))
                .elements()
                .get(0);
    assertThat(entry.members().get("logIndex")).isInstanceOf(JsonString.class);
    assertThat(entry.members().get("integratedTime")).isInstanceOf(JsonString.class);
  }

  @Test
  void parse_allFourMediaTypes_knowTheirVersion() throws Exception {
    byte[] json = Vectors.bytes(V03);
    for (String mt :
        List.of(
            "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "application/vnd.dev.sigstore.bundle+json;version=0.2",
            "application/vnd.dev.sigstore.bundle+json;version=0.3",
            "application/vnd.dev.sigstore.bundle.v0.3+json")) {
      SigstoreBundle b = SigstoreBundle.parse(JsonEdit.set(json, "/mediaType", new JsonString(mt)));
      assertThat(b.mediaType()).isEqualTo(mt);
    }
    assertThat(BundleVersion.ofMediaType("application/vnd.dev.sigstore.bundle+json;version=0.3"))
        .contains(BundleVersion.V0_3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/vnd.dev.sigstore.bundle.v0.9+json",
        "this is completely wrong",
        "application/vnd.dev.sigstore.bundle+json;version=99.9",
        "application/vnd.dev.sigstore.bundle.v0.3+json "
      })
  void parse_unknownMediaType_throwsUnsupportedFormat(String mediaType) {
    byte[] json = JsonEdit.set(Vectors.bytes(V03), "/mediaType", new JsonString(mediaType));
    assertCode(json, ErrorCode.UNSUPPORTED_FORMAT, "/mediaType");
  }

  @Test
  void parse_truncatedOrTrailingGarbage_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    int end = new String(json, StandardCharsets.UTF_8).lastIndexOf('}');
    for (int cut : new int[] {1, json.length / 2, end}) {
      assertCode(Arrays.copyOf(json, cut), ErrorCode.MALFORMED_INPUT, null);
    }
    byte[] trailing = (new String(json, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8);
    assertCode(trailing, ErrorCode.MALFORMED_INPUT, null);
  }

  @Test
  void parse_dsseWithTwoValidSignatures_throwsMalformedInputBeforeCrypto() {
    byte[] json = Vectors.bytes(DSSE);
    JsonValue first = JsonEdit.get(json, "/dsseEnvelope/signatures/0");
    byte[] two = JsonEdit.set(json, "/dsseEnvelope/signatures/1", first);
    assertCode(two, ErrorCode.MALFORMED_INPUT, "/dsseEnvelope/signatures");
    byte[] none = JsonEdit.set(json, "/dsseEnvelope/signatures", new JsonArray(List.of()));
    assertCode(none, ErrorCode.MALFORMED_INPUT, "/dsseEnvelope/signatures");
  }

  @Test
  void parse_nullsWhereObjectsExpected_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    assertCode(JsonEdit.set(json, "/verificationMaterial", JsonValue.nullValue()), ErrorCode.MALFORMED_INPUT, "/verificationMaterial");
    assertCode(
        JsonEdit.set(json, "/verificationMaterial/tlogEntries", new JsonArray(List.of(JsonValue.nullValue()))),
        ErrorCode.MALFORMED_INPUT,
        "/verificationMaterial/tlogEntries/0");
    assertCode(
        JsonEdit.set(json, "/verificationMaterial/certificate", JsonObject.empty()),
        ErrorCode.MALFORMED_INPUT,
        "/verificationMaterial/certificate/rawBytes");
    assertCode(JsonEdit.set(json, "/messageSignature", JsonValue.nullValue()), ErrorCode.MALFORMED_INPUT, "/messageSignature");
    assertCode(
        JsonEdit.set(json, "/verificationMaterial/tlogEntries/0/logId", new JsonString("x")),
        ErrorCode.MALFORMED_INPUT,
        "/verificationMaterial/tlogEntries/0/logId");
  }

  @Test
  void parse_tenThousandTlogEntriesOrTimestamps_throwsResourceLimitExceeded() {
    byte[] json = Vectors.bytes(V03);
    JsonValue entry = JsonEdit.get(json, "/verificationMaterial/tlogEntries/0");
    List<JsonValue> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(entry);
    }
    // 10 000 real entries exceed the input size cap before anything is materialised
    assertCode(
        JsonEdit.set(json, "/verificationMaterial/tlogEntries", new JsonArray(many)),
        ErrorCode.RESOURCE_LIMIT_EXCEEDED,
        null);
    assertCode(
        JsonEdit.set(json, "/verificationMaterial/tlogEntries", new JsonArray(many.subList(0, 33))),
        ErrorCode.RESOURCE_LIMIT_EXCEEDED,
        "/verificationMaterial/tlogEntries");
    List<JsonValue> ts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ts.add(JsonObject.newBuilder().put("signedTimestamp", "AAAA").build());
    }
    assertCode(
        JsonEdit.set(
            json,
            "/verificationMaterial/timestampVerificationData",
            JsonObject.newBuilder().put("rfc3161Timestamps", new JsonArray(ts)).build()),
        ErrorCode.RESOURCE_LIMIT_EXCEEDED,
        "/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
  }

  @Test
  void parse_protoFieldNamesAndInt64Numbers_areAcceptedAsProtojsonDoes() throws Exception {
    byte[] json = Vectors.bytes(V03);
    SigstoreBundle expected = SigstoreBundle.parse(json);
    JsonValue entry = JsonEdit.get(json, "/verificationMaterial/tlogEntries/0");
    JsonObject e = (JsonObject) entry;
    JsonObject.Builder snake = JsonObject.newBuilder();
    for (var m : e.members().entrySet()) {
      String name = m.getKey().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
      JsonValue v = m.getValue();
      if (name.equals("log_index") || name.equals("integrated_time")) {
        v = new JsonNumber(((JsonString) v).value());
      }
      snake.put(name, v);
    }
    byte[] variant =
        JsonEdit.set(json, "/verificationMaterial/tlogEntries/0", snake.build());
    variant = JsonEdit.set(variant, "/verification_material", JsonEdit.get(variant, "/verificationMaterial"));
    variant = JsonEdit.remove(variant, "/verificationMaterial");
    assertThat(SigstoreBundle.parse(variant)).isEqualTo(expected);
  }

  @Test
  void parse_fieldGivenInBothSpellings_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    byte[] both = JsonEdit.set(json, "/verification_material", JsonEdit.get(json, "/verificationMaterial"));
    assertCode(both, ErrorCode.MALFORMED_INPUT, "/verification_material");
  }

  @Test
  void parse_base64UrlAndUnpadded_acceptedMixedAlphabetsRejected() throws Exception {
    byte[] json = Vectors.bytes(V03);
    SigstoreBundle expected = SigstoreBundle.parse(json);
    String sig = ((JsonString) JsonEdit.get(json, "/messageSignature/signature")).value();
    String url = sig.replace('+', '-').replace('/', '_').replace("=", "");
    String unpadded = sig.replace("=", "");
    assertThat(SigstoreBundle.parse(JsonEdit.set(json, "/messageSignature/signature", new JsonString(url))))
        .isEqualTo(expected);
    assertThat(SigstoreBundle.parse(JsonEdit.set(json, "/messageSignature/signature", new JsonString(unpadded))))
        .isEqualTo(expected);
    String mixed = "+_" + sig.substring(2);
    assertCode(JsonEdit.set(json, "/messageSignature/signature", new JsonString(mixed)), ErrorCode.MALFORMED_INPUT, "/messageSignature/signature");
    String spaced = sig.substring(0, 8) + "\n" + sig.substring(8);
    assertCode(JsonEdit.set(json, "/messageSignature/signature", new JsonString(spaced)), ErrorCode.MALFORMED_INPUT, "/messageSignature/signature");
  }

  @Test
  void parse_int64OutOfRangeOrNotCanonical_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    for (JsonValue bad :
        List.of(
            new JsonString("9223372036854775808"),
            new JsonString("01"),
            new JsonString("1e3"),
            new JsonNumber("1.5"),
            new JsonString("-1"),
            JsonValue.of(true))) {
      assertCode(
          JsonEdit.set(json, "/verificationMaterial/tlogEntries/0/logIndex", bad),
          ErrorCode.MALFORMED_INPUT,
          "/verificationMaterial/tlogEntries/0/logIndex");
    }
  }

  @Test
  void parse_bothOrNeitherContent_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    byte[] both = JsonEdit.set(json, "/dsseEnvelope", JsonEdit.get(Vectors.bytes(DSSE), "/dsseEnvelope"));
    assertCode(both, ErrorCode.MALFORMED_INPUT, null);
    assertCode(JsonEdit.remove(json, "/messageSignature"), ErrorCode.MALFORMED_INPUT, null);
  }

  @Test
  void parse_twoKeyMaterials_throwsMalformedInput() {
    byte[] json = Vectors.bytes(V03);
    byte[] two =
        JsonEdit.set(json, "/verificationMaterial/publicKey", JsonObject.newBuilder().put("hint", "x").build());
    assertCode(two, ErrorCode.MALFORMED_INPUT, "/verificationMaterial");
  }

  @Test
  void parse_unknownFields_areIgnored() throws Exception {
    byte[] json = Vectors.bytes(V03);
    byte[] extra = JsonEdit.set(json, "/verificationMaterial/x-future", JsonObject.empty());
    assertThat(SigstoreBundle.parse(extra)).isEqualTo(SigstoreBundle.parse(json));
  }

  private static void assertCode(byte[] json, ErrorCode code, String location) {
    var a =
        assertThatThrownBy(() -> SigstoreBundle.parse(json))
            .isInstanceOf(MalformedInputException.class)
            .extracting(e -> ((MalformedInputException) e).code())
            .isEqualTo(code);
    if (location != null) {
      assertThatThrownBy(() -> SigstoreBundle.parse(json))
          .extracting(e -> ((MalformedInputException) e).location().orElse(""))
          .isEqualTo(location);
    }
  }
}
