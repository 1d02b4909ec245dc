package dev.provenance.sigstore.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedRootTest {
  private static final String PRODUCTION = "sigstore-python/trust-roots/production.trusted_root.json";

  @Test
  void publicGood_isTheShippedProductionRoot() throws Exception {
    TrustedRoot root = TrustedRoot.publicGood();
    assertThat(root).isEqualTo(TrustedRoot.parse(Vectors.bytes(PRODUCTION)));
    assertThat(root.tlogs()).extracting(TransparencyLogInfo::baseUrl)
        .containsExactly("https://rekor.sigstore.dev", "https://log2025-1.rekor.sigstore.dev");
    assertThat(root.certificateAuthorities()).hasSize(2);
    assertThat(root.ctlogs()).hasSize(2);
    assertThat(root.timestampAuthorities()).hasSize(1);
    assertThat(root.tlogs().get(0).validFor().end()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PRODUCTION,
        "sigstore-python/trust-roots/staging.trusted_root.json",
        "sigstore-go/trusted-roots/scaffolding.json",
        "sigstore-conformance/bundle-verify/trust-root-tlog-validity-end-inclusive/trusted_root.json"
      })
  void toJson_parsedRoot_roundTrips(String path) throws Exception {
    TrustedRoot root = TrustedRoot.parse(Vectors.bytes(path));
    assertThat(TrustedRoot.parse(root.toJson())).isEqualTo(root);
  }

  @Test
  void parseJsonLines_ghTrustedRoot_readsBothRoots() throws Exception {
    List<TrustedRoot> roots =
        TrustedRoot.parseJsonLines(Vectors.bytes("sigstore-java/github-private-no-tlog/trusted_root.jsonl"));
    assertThat(roots).hasSize(2);
    assertThat(roots.get(1).tlogs()).isEmpty();
    assertThat(roots.get(1).certificateAuthorities()).hasSize(6);
    assertThat(roots.get(1).timestampAuthorities()).hasSize(6);
    TrustedRoot all = TrustedRoot.combine(roots);
    assertThat(all.certificateAuthorities()).hasSize(8);
  }

  @Test
  void parseJsonLines_badSecondLine_locatesTheLine() {
    byte[] first = Vectors.bytes(PRODUCTION);
    String text = new String(JsonEdit.write(JsonEdit.parse(first)), StandardCharsets.UTF_8);
    byte[] lines = (text + "\n" + "{\"mediaType\":1}\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TrustedRoot.parseJsonLines(lines))
        .isInstanceOf(MalformedInputException.class)
        .extracting(e -> ((MalformedInputException) e).location().orElse(""))
        .isEqualTo("line:2/mediaType");
  }

  @Test
  void parse_tlogValidityWithoutStart_throwsMalformedInput() {
    byte[] json =
        Vectors.bytes(
            "sigstore-conformance/bundle-verify/trust-root-tlog-missing-validity-start_fail/trusted_root.json");
    assertThatThrownBy(() -> TrustedRoot.parse(json))
        .isInstanceOf(MalformedInputException.class)
        .satisfies(
            e -> {
              MalformedInputException m = (MalformedInputException) e;
              assertThat(m.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(m.location()).contains("/tlogs/1/publicKey/validFor/start");
            });
  }

  @Test
  void parse_missingValidityOrInvertedWindow_throwsMalformedInput() {
    byte[] json = Vectors.bytes(PRODUCTION);
    assertThatThrownBy(() -> TrustedRoot.parse(JsonEdit.remove(json, "/certificateAuthorities/0/validFor")))
        .extracting(e -> ((MalformedInputException) e).location().orElse(""))
        .isEqualTo("/certificateAuthorities/0/validFor");
    byte[] inverted =
        JsonEdit.set(json, "/tlogs/0/publicKey/validFor/end", new JsonString("2020-01-01T00:00:00Z"));
    assertThatThrownBy(() -> TrustedRoot.parse(inverted))
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_brokenCertificateOrKey_throwsMalformedInputAtIt() {
    byte[] json = Vectors.bytes(PRODUCTION);
    byte[] badCert =
        JsonEdit.set(json, "/certificateAuthorities/1/certChain/certificates/0/rawBytes", new JsonString("MIIB"));
    assertThatThrownBy(() -> TrustedRoot.parse(badCert))
        .extracting(e -> ((MalformedInputException) e).location().orElse(""))
        .asString()
        .startsWith("/certificateAuthorities/1/certChain/certificates/0");
    byte[] badKey = JsonEdit.set(json, "/tlogs/0/publicKey/rawBytes", new JsonString("MFkwEwYHKoZIzj0CAQ=="));
    assertThatThrownBy(() -> TrustedRoot.parse(badKey))
        .extracting(e -> ((MalformedInputException) e).location().orElse(""))
        .asString()
        .startsWith("/tlogs/0/publicKey");
  }

  @Test
  void parse_unknownMediaType_throwsUnsupportedFormat() {
    byte[] json =
        JsonEdit.set(Vectors.bytes(PRODUCTION), "/mediaType", new JsonString("application/json"));
    assertThatThrownBy(() -> TrustedRoot.parse(json))
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void parse_v02FieldsCheckpointKeyIdAndOperator_areRead() throws Exception {
    byte[] json = Vectors.bytes(PRODUCTION);
    json = JsonEdit.set(json, "/mediaType", new JsonString(TrustedRoot.MEDIA_TYPE_V0_2));
    json = JsonEdit.set(json, "/tlogs/0/operator", new JsonString("sigstore.dev"));
    json =
        JsonEdit.set(
            json, "/tlogs/0/checkpointKeyId", JsonObject.newBuilder().put("keyId", "AAECAw==").build());
    TrustedRoot root = TrustedRoot.parse(json);
    assertThat(root.mediaType()).isEqualTo(TrustedRoot.MEDIA_TYPE_V0_2);
    assertThat(root.tlogs().get(0).operator()).contains("sigstore.dev");
    assertThat(root.tlogs().get(0).checkpointKeyId().orElseThrow().toHex()).isEqualTo("00010203");
    assertThat(TrustedRoot.parse(root.toJson())).isEqualTo(root);
  }

  @Test
  void validityPeriod_endpoints_areInclusive() {
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = Instant.parse("2025-02-01T00:00:00Z");
    ValidityPeriod p = new ValidityPeriod(start, Optional.of(end));
    assertThat(p.contains(start)).isTrue();
    assertThat(p.contains(end)).isTrue();
    assertThat(p.contains(end.plusNanos(1))).isFalse();
    assertThat(p.contains(start.minusNanos(1))).isFalse();
    assertThat(ValidityPeriod.from(start).contains(Instant.MAX)).isTrue();
  }
}
