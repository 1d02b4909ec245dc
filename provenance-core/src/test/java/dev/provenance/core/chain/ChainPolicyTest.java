package dev.provenance.core.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainPolicyTest {
  static final String PEM =
      "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\\n-----END PUBLIC KEY-----\\n";

  static String policy(String expires, String extraStep) {
    return "{\"_type\":\"https://provenance.dev/chain-policy/v1\",\"expires\":\""
        + expires
        + "\",\"functionaries\":{\"builder\":{\"kind\":\"publicKey\",\"publicKey\":\""
        + PEM
        + "\"},\"ci\":{\"kind\":\"sigstore\",\"identity\":\"https://github.com/o/r/.github/workflows/b.yml@refs/heads/main\",\"issuer\":\"https://token.actions.githubusercontent.com\"},"
        + "\"rsa\":{\"kind\":\"publicKey\",\"publicKey\":\""
        + PEM
        + "\",\"algorithm\":\"rsassa-pss-sha256\",\"keyid\":\"776a00e2\"}},"
        + "\"steps\":[{\"name\":\"build\",\"predicateTypes\":[\"https://slsa.dev/provenance/v1\"],"
        + "\"functionaries\":[\"builder\",\"ci\"],\"threshold\":2,"
        + "\"expectedMaterials\":[[\"MATCH\",\"src/*\",\"WITH\",\"PRODUCTS\",\"FROM\",\"checkout\"],[\"DISALLOW\",\"*\"]],"
        + "\"expectedProducts\":[[\"CREATE\",\"app.jar\"]],"
        + "\"attributes\":[{\"pointer\":\"/runDetails/builder/id\",\"equals\":\"https://ci.example/b\"},"
        + "{\"pointer\":\"/buildDefinition/buildType\",\"regex\":\"https://ci\\\\.example/.*\"},"
        + "{\"pointer\":\"/x\",\"oneOf\":[1,\"a\"]},{\"pointer\":\"/y\",\"glob\":\"a*\"}],"
        + "\"allowedExternalParameters\":[\"step\"],\"required\":false},"
        + "{\"name\":\"checkout\",\"predicateTypes\":[\"link\"],\"functionaries\":[\"rsa\"],\"expectedCommand\":[\"git\",\"clone\"]}"
        + extraStep
        + "],"
        + "\"roots\":[{\"repository\":\"git+https://example.com/r\",\"commits\":[\""
        + "a".repeat(40)
        + "\"],\"refs\":[\"refs/heads/*\"]},{\"step\":\"checkout\"}],"
        + "\"externals\":[{\"name\":\"jdk\",\"uri\":\"pkg:generic/jdk@*\",\"digest\":{\"sha256\":\""
        + "b".repeat(64)
        + "\"}}],\"digestAlgorithms\":[\"sha256\",\"gitCommit\"]}";
  }

  static ChainPolicy parse(String json) throws MalformedInputException {
    return ChainPolicy.parse(json.getBytes(UTF_8));
  }

  @Test
  void parse_fullDocument_readsEveryPart() throws Exception {
    ChainPolicy p = parse(policy("2030-01-01T00:00:00Z", ""));
    assertThat(p.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(p.functionaries()).containsOnlyKeys("builder", "ci", "rsa");
    assertThat(p.functionaries().get("rsa"))
        .isEqualTo(
            new KeyFunctionary(
                "rsa",
                PEM.replace("\\n", "\n"),
                java.util.Optional.of(SignatureAlgorithm.RSA_PSS_SHA256),
                java.util.Optional.of("776a00e2")));
    assertThat(p.functionaries().get("ci")).isInstanceOf(SigstoreFunctionary.class);
    StepPolicy build = p.step("build").orElseThrow();
    assertThat(build.threshold()).isEqualTo(2);
    assertThat(build.required()).isFalse();
    assertThat(build.expectedMaterials()).hasSize(2);
    assertThat(build.attributes()).extracting(AttributeConstraint::operator)
        .containsExactly(
            AttributeConstraint.Operator.EQUALS,
            AttributeConstraint.Operator.REGEX,
            AttributeConstraint.Operator.ONE_OF,
            AttributeConstraint.Operator.GLOB);
    assertThat(build.allowedExternalParameters()).contains(List.of("step"));
    assertThat(p.step("checkout").orElseThrow().required()).isTrue();
    assertThat(p.roots()).hasSize(2);
    assertThat(p.externals().get(0).digest())
        .isEqualTo(DigestSet.of(DigestAlgorithm.SHA256, "b".repeat(64)));
    assertThat(p.digestAlgorithms()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.GIT_COMMIT);
  }

  @Test
  void toJson_parse_roundTripsEqual() throws Exception {
    ChainPolicy p = parse(policy("2030-01-01T00:00:00Z", ""));
    ChainPolicy again = ChainPolicy.parse(JsonCodec.standard().write(p.toJson()));
    assertThat(again).isEqualTo(p);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-01T00:00:00.5Z",
        "2030-01-01T00:00:00+00:00",
        "2030-01-01 00:00:00Z",
        "2030-01-01T00:00:00z",
        "2030-13-01T00:00:00Z",
        "2030-02-30T00:00:00Z",
        "20300101T000000Z",
        "",
      })
  void parse_malformedExpires_throwsMalformedInput(String expires) {
    // HOSTILE.md H41: not RFC 3339 UTC whole seconds
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> parse(policy(expires, "")));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("/expires");
  }

  @Test
  void parse_unknownMember_throwsMalformedInputAtMember() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("\"expectedProducts\"", "\"expectedProduct\"");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).contains("/steps/0/expectedProduct");
  }

  @Test
  void parse_thresholdAboveFunctionaries_throwsMalformedInput() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("\"threshold\":2", "\"threshold\":3");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.location()).contains("/steps/0/threshold");
  }

  @Test
  void parse_unknownFunctionary_throwsMalformedInput() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("[\"rsa\"]", "[\"nobody\"]");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.location()).contains("/steps/1/functionaries/0");
  }

  @Test
  void parse_matchNamesUnknownStep_throwsMalformedInput() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("\"FROM\",\"checkout\"", "\"FROM\",\"chekout\"");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_duplicateStep_throwsMalformedInput() {
    String json =
        policy(
            "2030-01-01T00:00:00Z",
            ",{\"name\":\"checkout\",\"predicateTypes\":[\"link\"],\"functionaries\":[\"rsa\"]}");
    assertThat(catchThrowableOfType(MalformedInputException.class, () -> parse(json)).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_otherType_throwsUnsupportedFormat() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("chain-policy/v1", "chain-policy/v9");
    assertThat(catchThrowableOfType(MalformedInputException.class, () -> parse(json)).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void parse_badRegex_throwsMalformedInput() {
    String json = policy("2030-01-01T00:00:00Z", "").replace("https://ci\\\\.example/.*", "(");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.location()).contains("/steps/0/attributes/1");
  }

  @Test
  void parse_nonCanonicalPrefix_throwsMalformedInput() {
    String json =
        policy("2030-01-01T00:00:00Z", "")
            .replace("\"MATCH\",\"src/*\",\"WITH\"", "\"MATCH\",\"*\",\"IN\",\"../src\",\"WITH\"");
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e.location()).contains("/steps/0/expectedMaterials/0");
  }

  @Test
  void parse_notJson_throwsMalformedInput() {
    assertThat(
            catchThrowableOfType(
                    MalformedInputException.class, () -> ChainPolicy.parse("{".getBytes(UTF_8)))
                .code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void builder_truncatesExpiresAndDefaultsAlgorithms() {
    ChainPolicy p =
        ChainPolicy.newBuilder()
            .expires(Instant.parse("2030-01-01T00:00:00.123Z"))
            .addFunctionary(KeyFunctionary.of("k", PEM))
            .addStep(StepPolicy.newBuilder("s").addPredicateType("t").addFunctionary("k").build())
            .build();
    assertThat(p.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(p.digestAlgorithms()).containsAll(DigestAlgorithm.defaultAcceptable());
  }
}
