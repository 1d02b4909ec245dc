package dev.provenance.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.api.slsa.VerificationSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecStatementTest {
  static final String SHA256 = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  static final String OTHER = "9c".repeat(32);
  static final String SUBJECT = "[{\"name\":\"a.txt\",\"digest\":{\"sha256\":\"" + SHA256 + "\"}}]";
  static final String SLSA_PREDICATE =
      "{\"buildDefinition\":{\"buildType\":\"https://example.com/bt/v1\","
          + "\"externalParameters\":{\"ref\":\"main\"}},"
          + "\"runDetails\":{\"builder\":{\"id\":\"https://example.com/builder\"}}}";

  private final JsonCodec codec = JsonCodec.standard();

  static String statement(String type, String subject, String predicateType, String predicate) {
    StringBuilder sb = new StringBuilder("{");
    if (type != null) {
      sb.append("\"_type\":\"").append(type).append("\",");
    }
    sb.append("\"subject\":").append(subject);
    if (predicateType != null) {
      sb.append(",\"predicateType\":\"").append(predicateType).append('"');
    }
    if (predicate != null) {
      sb.append(",\"predicate\":").append(predicate);
    }
    return sb.append('}').toString();
  }

  static String v1(String predicateType, String predicate) {
    return statement(Statement.TYPE_V1, SUBJECT, predicateType, predicate);
  }

  private Statement parse(String json) throws MalformedInputException {
    return codec.parseStatement(json.getBytes(UTF_8));
  }

  private MalformedInputException failure(String json) {
    MalformedInputException e = catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e).as("parse should fail: %s", json).isNotNull();
    return e;
  }

  @Test
  void parseStatement_slsaV1_returnsTypedPredicate() throws Exception {
    Statement s = parse(v1(PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE));

    assertThat(s.type()).isEqualTo(Statement.TYPE_V1);
    assertThat(s.subject()).hasSize(1);
    assertThat(s.subject().get(0).name()).hasValue("a.txt");
    assertThat(s.subject().get(0).digest().get(DigestAlgorithm.SHA256)).hasValue(SHA256);
    SlsaProvenance p = (SlsaProvenance) s.predicate();
    assertThat(p.buildDefinition().buildType()).isEqualTo("https://example.com/bt/v1");
    assertThat(p.buildDefinition().externalParameters().get("ref"))
        .hasValue(new JsonString("main"));
    assertThat(p.runDetails().builder().id()).isEqualTo("https://example.com/builder");
    assertThat(p.runDetails().metadata()).isEmpty();
  }

  @Test
  void parseStatement_duplicateSubjectKey_throwsMalformedInput() {
    // H14: first subject matches the artifact, the second is the attacker's.
    String json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":"
            + SUBJECT
            + ",\"subject\":[{\"digest\":{\"sha256\":\""
            + OTHER
            + "\"}}],\"predicateType\":\"x\",\"predicate\":{}}";

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject");
  }

  @Test
  void parseStatement_duplicateDigestKeyInSubject_throwsMalformedInput() {
    String subject =
        "[{\"digest\":{\"sha256\":\"" + SHA256 + "\",\"sha256\":\"" + OTHER + "\"}}]";

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject/0/digest/sha256");
  }

  @Test
  void parseStatement_duplicateKeyEscapedDifferently_throwsMalformedInput() {
    String json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":"
            + SUBJECT
            + ",\"predicateType\":\"x\",\"predicate\":{},\"predic\\u0061te\":{}}";

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate");
  }

  @Test
  void parseStatement_duplicateKeyInsidePredicate_throwsMalformedInput() {
    MalformedInputException e =
        failure(v1("https://example.com/p", "{\"a\":{\"b\":1,\"b\":2}}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate/a/b");
  }

  @Test
  void parseStatement_duplicateKeyInIgnoredField_throwsMalformedInput() {
    String json = v1("x", "{}").replace("{\"_type\"", "{\"x-ext\":{\"k\":1,\"k\":2},\"_type\"");

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/x-ext/k");
  }

  @Test
  void parseStatement_unknownTopLevelAndPredicateFields_areAccepted() throws Exception {
    // H21
    String predicate = SLSA_PREDICATE.replace("{\"buildDefinition\"", "{\"vendor_x\":[1,{}],\"buildDefinition\"");
    String json =
        v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate)
            .replace("{\"_type\"", "{\"x-ext\":{\"a\":[true,null,1.5]},\"_type\"");

    Statement s = parse(json);

    assertThat(s.predicate()).isInstanceOf(SlsaProvenance.class);
  }

  @Test
  void parseStatement_unknownFieldInSubject_isIgnored() throws Exception {
    String subject = "[{\"digest\":{\"sha256\":\"" + SHA256 + "\"},\"x\":{\"y\":[]}}]";

    Statement s = parse(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(s.subject().get(0).digest().isEmpty()).isFalse();
  }

  @Test
  void parseStatement_emptySubjectList_throwsMalformedInput() {
    // H23
    MalformedInputException e = failure(statement(Statement.TYPE_V1, "[]", "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject");
  }

  @Test
  void parseStatement_missingSubject_throwsMalformedInput() {
    String json = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"x\"}";

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject");
  }

  @Test
  void parseStatement_subjectWithEmptyDigest_throwsMalformedInput() {
    // H23
    String subject = "[{\"name\":\"a\",\"uri\":\"https://x\",\"digest\":{}}]";

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject/0/digest");
  }

  @Test
  void parseStatement_secondSubjectWithoutDigest_throwsMalformedInputAtIt() {
    String subject =
        "[{\"digest\":{\"sha256\":\"" + SHA256 + "\"}},{\"name\":\"b\",\"uri\":\"https://b\"}]";

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(e.location()).hasValue("/subject/1/digest");
  }

  @Test
  void parseStatement_subjectWithNothingButName_throwsMalformedInput() {
    MalformedInputException e =
        failure(statement(Statement.TYPE_V1, "[{\"name\":\"a\"}]", "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject/0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"sha256\":\"ABCD\"",
        "\"sha256\":\"A0CFC71271D6E278E57CD332FF957C3F7043FDDA354C4CBB190A30D56EFA01BF\"",
        "\"sha256\":\"a0cf\"",
        "\"sha256\":\"\"",
        "\"gitCommit\":\"abc\"",
        "\"sha1\":\"zz00000000000000000000000000000000000000\"",
        "\"sha256\":1",
        "\"sha256\":null",
        "\"custom\":\"\""
      })
  void parseStatement_invalidDigestValue_throwsMalformedInputAtValue(String member) {
    String subject = "[{\"digest\":{" + member + "}}]";

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location().orElseThrow()).startsWith("/subject/0/digest/");
  }

  @Test
  void parseStatement_unknownDigestAlgorithm_isKept() throws Exception {
    String subject = "[{\"digest\":{\"arn\":\"arn:aws:x\",\"sha256\":\"" + SHA256 + "\"}}]";

    Statement s = parse(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(s.subject().get(0).digest().get(DigestAlgorithm.of("arn"))).hasValue("arn:aws:x");
  }

  @Test
  void parseStatement_v01_parsesWithTypeRecorded() throws Exception {
    // H27
    Statement s = parse(statement(Statement.TYPE_V01, SUBJECT, "https://example.com/p", "{}"));

    assertThat(s.type()).isEqualTo(Statement.TYPE_V01);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://in-toto.io/Statement/v1.0",
        "https://in-toto.io/Statement/v1/",
        "https://in-toto.io/Statement/V1",
        "http://in-toto.io/Statement/v1",
        "https://in-toto.io/Statement/v0.2",
        "link",
        ""
      })
  void parseStatement_otherType_throwsUnsupportedFormat(String type) {
    // H27
    MalformedInputException e = failure(statement(type, SUBJECT, "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(e.location()).hasValue("/_type");
  }

  @Test
  void parseStatement_missingType_throwsUnsupportedFormat() {
    MalformedInputException e = failure(statement(null, SUBJECT, "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(e.location()).hasValue("/_type");
  }

  @Test
  void parseStatement_unsupportedTypeAfterBadSubject_throwsUnsupportedFormat() {
    // The verdict does not depend on member order.
    String json = "{\"subject\":[],\"_type\":\"https://in-toto.io/Statement/v2\"}";

    assertThat(failure(json).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void parseStatement_typeNotString_throwsMalformedInput() {
    String json = "{\"_type\":1,\"subject\":" + SUBJECT + ",\"predicateType\":\"x\"}";

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/_type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "", "[]", "\"statement\"", "{\"_type\":", "{} {}"})
  void parseStatement_payloadNotAStatementObject_throwsMalformedInput(String json) {
    // H29
    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a string\"", "[]", "1", "true"})
  void parseStatement_predicateNotAnObject_throwsMalformedInputAtPredicate(String predicate) {
    // H29
    MalformedInputException e = failure(v1("https://example.com/p", predicate));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"buildDefinition\":{\"buildType\":\"x\"}}",
        "{\"buildDefinition\":\"x\",\"runDetails\":{\"builder\":{\"id\":\"b\"}}}",
        "{\"buildDefinition\":{\"buildType\":\"x\",\"resolvedDependencies\":[{\"name\":\"n\"}]},"
            + "\"runDetails\":{\"builder\":{\"id\":\"b\"}}}",
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"b\"},"
            + "\"metadata\":{\"startedOn\":\"yesterday\"}}}",
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"b\","
            + "\"version\":{\"v\":1}}}}",
        "{\"buildDefinition\":{\"buildType\":\"x\",\"externalParameters\":[]},"
            + "\"runDetails\":{\"builder\":{\"id\":\"b\"}}}"
      })
  void parseStatement_slsaV1SchemaFailure_throwsMalformedInputUnderPredicate(String predicate) {
    // H29
    MalformedInputException e = failure(v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location().orElseThrow()).startsWith("/predicate/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"buildDefinition\":{\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"b\"}}}",
        "{\"buildDefinition\":{\"buildType\":null},\"runDetails\":{\"builder\":{\"id\":\"b\"}}}",
        "{\"buildDefinition\":{\"buildType\":\"\"},\"runDetails\":{\"builder\":{\"id\":\"b\"}}}"
      })
  void parseStatement_slsaV1WithoutBuildType_throwsMalformedInput(String predicate) {
    // H34: unset, null and empty are the same.
    MalformedInputException e = failure(v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate/buildDefinition/buildType");
  }

  @Test
  void parseStatement_slsaV1WithoutBuilderId_throwsMalformedInput() {
    String predicate =
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"\"}}}";

    MalformedInputException e = failure(v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate));

    assertThat(e.location()).hasValue("/predicate/runDetails/builder/id");
  }

  @Test
  void parseStatement_slsaV1WithoutPredicate_throwsMalformedInput() {
    MalformedInputException e = failure(v1(PredicateTypes.SLSA_PROVENANCE_V1, null));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate/buildDefinition");
  }

  @Test
  void parseStatement_slsaV02_isGenericPredicate() throws Exception {
    // H34: verifiers that need v1 reject it by type.
    Statement s = parse(v1(PredicateTypes.SLSA_PROVENANCE_V02, "{\"builder\":{\"id\":\"b\"}}"));

    assertThat(s.predicate()).isInstanceOf(GenericPredicate.class);
    assertThat(s.predicateType()).isEqualTo(PredicateTypes.SLSA_PROVENANCE_V02);
  }

  @Test
  void parseStatement_slsaV1Metadata_readsTimestamps() throws Exception {
    String predicate =
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"b\","
            + "\"version\":{\"gh\":\"1\"}},\"metadata\":{\"invocationId\":\"i\","
            + "\"startedOn\":\"2024-02-29T23:59:59.5Z\",\"finishedOn\":\"2024-03-01T00:00:00Z\"}}}";

    SlsaProvenance p = (SlsaProvenance) parse(v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate)).predicate();

    assertThat(p.runDetails().metadata().orElseThrow().startedOn())
        .hasValue(Instant.parse("2024-02-29T23:59:59.500Z"));
    assertThat(p.runDetails().metadata().orElseThrow().finishedOn())
        .hasValue(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(p.runDetails().builder().version()).containsEntry("gh", "1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T00:00:00+00:00",
        "2024-01-01T00:00:00",
        "2024-01-01 00:00:00Z",
        "2024-01-01t00:00:00z",
        "2024-02-30T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01T23:59:60Z",
        "2024-01-01T00:00:00.1234567890Z",
        "+2024-01-01T00:00:00Z"
      })
  void parseStatement_slsaV1BadTimestamp_throwsMalformedInput(String time) {
    String predicate =
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"b\"},"
            + "\"metadata\":{\"finishedOn\":\""
            + time
            + "\"}}}";

    MalformedInputException e = failure(v1(PredicateTypes.SLSA_PROVENANCE_V1, predicate));

    assertThat(e.location()).hasValue("/predicate/runDetails/metadata/finishedOn");
  }

  @Test
  void parseStatement_slsaV1NullsAndEmpties_equalUnset() throws Exception {
    String withNulls =
        "{\"buildDefinition\":{\"buildType\":\"x\",\"externalParameters\":null,"
            + "\"internalParameters\":{},\"resolvedDependencies\":null},"
            + "\"runDetails\":{\"builder\":{\"id\":\"b\",\"version\":null,"
            + "\"builderDependencies\":[]},\"metadata\":{},\"byproducts\":null}}";
    String bare =
        "{\"buildDefinition\":{\"buildType\":\"x\"},\"runDetails\":{\"builder\":{\"id\":\"b\"}}}";

    assertThat(parse(v1(PredicateTypes.SLSA_PROVENANCE_V1, withNulls)))
        .isEqualTo(parse(v1(PredicateTypes.SLSA_PROVENANCE_V1, bare)));
  }

  @Test
  void parseStatement_unknownPredicateType_keepsBodyExactly() throws Exception {
    String predicate = "{\"z\":1.50,\"a\":[1e400,-0,{\"k\":null}],\"m\":\"\\u00e9\"}";

    Statement s = parse(v1("https://example.com/custom/v1", predicate));

    GenericPredicate g = (GenericPredicate) s.predicate();
    assertThat(g.body().members().keySet()).containsExactly("z", "a", "m");
    assertThat(g.body().get("z")).hasValue(new JsonNumber("1.50"));
    assertThat(new String(codec.write(g.body()), UTF_8))
        .isEqualTo("{\"z\":1.50,\"a\":[1e400,-0,{\"k\":null}],\"m\":\"\u00e9\"}");
  }

  @Test
  void parseStatement_missingPredicateOfUnknownType_isEmptyGenericPredicate() throws Exception {
    Statement s = parse(v1("https://example.com/custom/v1", null));

    assertThat(s.predicate()).isEqualTo(GenericPredicate.of("https://example.com/custom/v1", JsonObject.empty()));
  }

  @Test
  void parseStatement_nullPredicateOfUnknownType_isEmptyGenericPredicate() throws Exception {
    Statement s = parse(v1("https://example.com/custom/v1", "null"));

    assertThat(((GenericPredicate) s.predicate()).body().isEmpty()).isTrue();
  }

  @Test
  void parseStatement_missingPredicateType_throwsMalformedInput() {
    MalformedInputException e = failure(statement(Statement.TYPE_V1, SUBJECT, null, "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicateType");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":{},\"predicateType\":\"x\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[\"a\"],\"predicateType\":\"x\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":1}],\"predicateType\":\"x\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":[]}],\"predicateType\":\"x\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"aa\"},"
            + "\"annotations\":[]}],\"predicateType\":\"x\"}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + SUBJECT + ",\"predicateType\":[]}"
      })
  void parseStatement_wrongJsonType_throwsMalformedInput(String json) {
    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).isPresent();
  }

  @Test
  void parseStatement_100000Subjects_throwsResourceLimitExceeded() {
    // H79
    String one = "{\"digest\":{\"sha256\":\"" + SHA256 + "\"}}";
    StringBuilder subjects = new StringBuilder("[");
    for (int i = 0; i < 100_000; i++) {
      subjects.append(i == 0 ? "" : ",").append(one);
    }
    subjects.append(']');

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subjects.toString(), "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/subject/" + JsonLimits.MAX_SUBJECTS);
  }

  @Test
  void parseStatement_subjectsAtLimit_parses() throws Exception {
    String one = "{\"digest\":{\"sha256\":\"" + SHA256 + "\"}}";
    String subjects = "[" + (one + ",").repeat(JsonLimits.MAX_SUBJECTS - 1) + one + "]";

    assertThat(parse(statement(Statement.TYPE_V1, subjects, "x", "{}")).subject())
        .hasSize(JsonLimits.MAX_SUBJECTS);
  }

  @Test
  void parseStatement_1000DigestsInSubject_throwsResourceLimitExceeded() {
    // H79
    StringBuilder digests = new StringBuilder("{");
    for (int i = 0; i < 1000; i++) {
      digests.append(i == 0 ? "" : ",").append("\"alg").append(i).append("\":\"v\"");
    }
    digests.append('}');

    MalformedInputException e =
        failure(statement(Statement.TYPE_V1, "[{\"digest\":" + digests + "}]", "x", "{}"));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/subject/0/digest");
  }

  @Test
  void parseStatement_deeplyNestedPredicate_throwsResourceLimitExceeded() {
    // H16
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThat(failure(v1("x", deep)).code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseStatement_hugeNumberInPredicate_throwsResourceLimitExceeded() {
    // H17
    assertThat(failure(v1("x", "{\"n\":1e1000000000}")).code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(failure(v1("x", "{\"n\":" + "1".repeat(1_000_000) + "}")).code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseStatement_invalidUtf8InSubjectName_throwsMalformedInput() {
    // H20
    byte[] json =
        statement(Statement.TYPE_V1, "[{\"name\":\"AB\",\"digest\":{\"sha256\":\"" + SHA256 + "\"}}]", "x", "{}")
            .getBytes(UTF_8);
    int at = new String(json, UTF_8).indexOf("AB");
    json[at] = (byte) 0xc0;
    json[at + 1] = (byte) 0xaf;

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> codec.parseStatement(json));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject/0/name");
  }

  @Test
  void parseStatement_byteOrderMark_throwsMalformedInput() {
    // H19
    byte[] body = v1("x", "{}").getBytes(UTF_8);
    byte[] json = new byte[body.length + 3];
    json[0] = (byte) 0xef;
    json[1] = (byte) 0xbb;
    json[2] = (byte) 0xbf;
    System.arraycopy(body, 0, json, 3, body.length);

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> codec.parseStatement(json));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseStatement_resourceDescriptorAllFields_areRead() throws Exception {
    String subject =
        "[{\"name\":\"n\",\"uri\":\"https://u\",\"digest\":{\"sha512\":\""
            + "ab".repeat(64)
            + "\",\"gitCommit\":\""
            + "1".repeat(40)
            + "\"},\"content\":\"aGk=\",\"downloadLocation\":\"https://d\","
            + "\"mediaType\":\"text/plain\",\"annotations\":{\"k\":[1]}}]";

    ResourceDescriptor rd = parse(statement(Statement.TYPE_V1, subject, "x", "{}")).subject().get(0);

    assertThat(rd.name()).hasValue("n");
    assertThat(rd.uri()).hasValue("https://u");
    assertThat(rd.digest().digests()).hasSize(2);
    assertThat(rd.content()).hasValue(Bytes.utf8("hi"));
    assertThat(rd.downloadLocation()).hasValue("https://d");
    assertThat(rd.mediaType()).hasValue("text/plain");
    assertThat(rd.annotations().get("k")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a+k", "aG k=", "a\\nGk=", "+_8=", "!!!!"})
  void parseStatement_invalidContentBase64_throwsMalformedInput(String content) {
    String subject =
        "[{\"digest\":{\"sha256\":\"" + SHA256 + "\"},\"content\":\"" + content + "\"}]";

    MalformedInputException e = failure(statement(Statement.TYPE_V1, subject, "x", "{}"));

    assertThat(e.location()).hasValue("/subject/0/content");
  }

  @Test
  void parseStatement_vsa_returnsTypedPredicate() throws Exception {
    String predicate =
        "{\"verifier\":{\"id\":\"https://v\",\"version\":{\"v\":\"1\"}},"
            + "\"timeVerified\":\"2024-01-01T00:00:00Z\",\"resourceUri\":\"pkg:x\","
            + "\"policy\":{\"uri\":\"https://p\"},\"inputAttestations\":[{\"uri\":\"https://a\","
            + "\"digest\":{\"sha256\":\""
            + SHA256
            + "\"}}],\"verificationResult\":\"PASSED\",\"verifiedLevels\":[\"SLSA_BUILD_LEVEL_3\"],"
            + "\"dependencyLevels\":{\"SLSA_BUILD_LEVEL_1\":3},\"slsaVersion\":\"1.0\"}";

    VerificationSummary v =
        (VerificationSummary) parse(v1(PredicateTypes.SLSA_VSA_V1, predicate)).predicate();

    assertThat(v.verifier().id()).isEqualTo("https://v");
    assertThat(v.verificationResult()).isEqualTo("PASSED");
    assertThat(v.verifiedLevels()).containsExactly("SLSA_BUILD_LEVEL_3");
    assertThat(v.dependencyLevels()).containsEntry("SLSA_BUILD_LEVEL_1", 3L);
    assertThat(v.slsaVersion()).hasValue("1.0");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},"
            + "\"verificationResult\":\"OK\"}",
        "{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"digest\":{\"sha256\":\""
            + SHA256
            + "\"}},\"verificationResult\":\"PASSED\"}",
        "{\"verifier\":{\"id\":\"v\"},\"policy\":{\"uri\":\"p\"},\"verificationResult\":\"PASSED\"}",
        "{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},"
            + "\"verificationResult\":\"PASSED\",\"inputAttestations\":[{\"uri\":\"u\"}]}",
        "{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},"
            + "\"verificationResult\":\"PASSED\",\"dependencyLevels\":{\"L\":-1}}",
        "{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},"
            + "\"verificationResult\":\"PASSED\",\"dependencyLevels\":{\"L\":1.5}}"
      })
  void parseStatement_invalidVsa_throwsMalformedInput(String predicate) {
    MalformedInputException e = failure(v1(PredicateTypes.SLSA_VSA_V1, predicate));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location().orElseThrow()).startsWith("/predicate/");
  }

  @Test
  void parseStatement_link_returnsTypedPredicate() throws Exception {
    String predicate =
        "{\"name\":\"build\",\"command\":[\"make\",\"all\"],\"materials\":[{\"name\":\"src\","
            + "\"digest\":{\"sha256\":\""
            + SHA256
            + "\"}}],\"byproducts\":{\"stdout\":\"\"},\"environment\":{}}";

    Link l = (Link) parse(v1(PredicateTypes.LINK_V03, predicate)).predicate();

    assertThat(l.name()).isEqualTo("build");
    assertThat(l.command()).containsExactly("make", "all");
    assertThat(l.materials()).hasSize(1);
    assertThat(l.byproducts().get("stdout")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"command\":[]}",
        "{\"name\":\"s\",\"materials\":[{\"digest\":{\"sha256\":\"" + SHA256 + "\"}}]}",
        "{\"name\":\"s\",\"materials\":[{\"name\":\"m\",\"uri\":\"u\"}]}",
        "{\"name\":\"s\",\"materials\":[{\"name\":\"m\",\"digest\":{\"sha256\":\""
            + SHA256
            + "\"}},{\"name\":\"m\",\"digest\":{\"sha256\":\""
            + SHA256
            + "\"}}]}",
        "{\"name\":\"s\",\"command\":\"make\"}",
        "{\"name\":\"s\",\"command\":[1]}"
      })
  void parseStatement_invalidLink_throwsMalformedInput(String predicate) {
    MalformedInputException e = failure(v1(PredicateTypes.LINK_V03, predicate));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location().orElseThrow()).startsWith("/predicate/");
  }

  @Test
  void writeStatement_typedPredicate_isCompactInSpecOrder() throws Exception {
    Statement s =
        Statement.newBuilder()
            .addSubject(ResourceDescriptor.ofDigest("a.txt", DigestSet.of(DigestAlgorithm.SHA256, SHA256)))
            .predicate(codec.parsePredicate(PredicateTypes.SLSA_PROVENANCE_V1,
                codec.parseObject(SLSA_PREDICATE.getBytes(UTF_8))))
            .build();

    String json = new String(codec.writeStatement(s), UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":"
                + SUBJECT
                + ",\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":"
                + SLSA_PREDICATE
                + "}");
  }

  @Test
  void writeStatement_v01Statement_isWrittenAsV1() throws Exception {
    Statement s = parse(statement(Statement.TYPE_V01, SUBJECT, "x", "{}"));

    Statement again = codec.parseStatement(codec.writeStatement(s));

    assertThat(again.type()).isEqualTo(Statement.TYPE_V1);
    assertThat(again.subject()).isEqualTo(s.subject());
  }

  @Test
  void writeStatement_emptyGenericPredicate_writesEmptyObject() {
    Statement s =
        Statement.newBuilder()
            .addSubject(ResourceDescriptor.ofDigest("a", DigestSet.of(DigestAlgorithm.SHA256, SHA256)))
            .predicate(GenericPredicate.of("x", JsonObject.empty()))
            .build();

    assertThat(new String(codec.writeStatement(s), UTF_8)).endsWith(",\"predicate\":{}}");
  }

  @Test
  void customPredicateCodec_isUsedForItsType() throws Exception {
    record Score(long value) implements Predicate {
      @Override
      public String predicateType() {
        return "https://example.com/score/v1";
      }
    }
    PredicateCodec scoreCodec =
        new PredicateCodec() {
          @Override
          public String predicateType() {
            return "https://example.com/score/v1";
          }

          @Override
          public Predicate read(JsonObject body) throws MalformedInputException {
            JsonValue v = body.get("score").orElse(JsonValue.nullValue());
            if (!(v instanceof JsonNumber)) {
              throw new MalformedInputException(ErrorCode.MALFORMED_INPUT, "/score", "not a number");
            }
            return new Score(((JsonNumber) v).longValueExact());
          }

          @Override
          public JsonObject write(Predicate p) {
            return JsonObject.of(java.util.Map.of("score", JsonValue.of(((Score) p).value())));
          }
        };
    JsonCodec custom = JsonCodec.newBuilder().addPredicateCodec(scoreCodec).build();

    Statement s =
        custom.parseStatement(v1("https://example.com/score/v1", "{\"score\":7}").getBytes(UTF_8));
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> custom.parseStatement(v1("https://example.com/score/v1", "{\"score\":\"x\"}").getBytes(UTF_8)));

    assertThat(s.predicate()).isEqualTo(new Score(7));
    assertThat(custom.parseStatement(custom.writeStatement(s))).isEqualTo(s);
    assertThat(e.location()).hasValue("/predicate/score");
    assertThat(codec.parseStatement(custom.writeStatement(s)).predicate())
        .isInstanceOf(GenericPredicate.class);
  }

  @Test
  void customPredicateCodec_throwingUnchecked_isMalformedInput() {
    PredicateCodec broken =
        new PredicateCodec() {
          @Override
          public String predicateType() {
            return "x";
          }

          @Override
          public Predicate read(JsonObject body) {
            throw new IllegalStateException("bug");
          }

          @Override
          public JsonObject write(Predicate p) {
            return JsonObject.empty();
          }
        };
    JsonCodec custom = JsonCodec.newBuilder().addPredicateCodec(broken).build();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> custom.parseStatement(v1("x", "{}").getBytes(UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/predicate");
  }

  @Test
  void writePredicate_typedWithoutCodec_throwsIllegalArgument() {
    record Other() implements Predicate {
      @Override
      public String predicateType() {
        return "https://example.com/other";
      }
    }

    assertThatThrownBy(() -> codec.writePredicate(new Other()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePredicate_slsaErrors_areRelativeToThePredicate() throws Exception {
    JsonObject body = codec.parseObject("{\"buildDefinition\":{}}".getBytes(UTF_8));

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> codec.parsePredicate(PredicateTypes.SLSA_PROVENANCE_V1, body));

    assertThat(e.location()).hasValue("/buildDefinition");
  }

  @Test
  void parseStatement_everyPrefix_throwsTypedException() {
    byte[] full = v1(PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE).getBytes(UTF_8);
    for (int n = 0; n < full.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(full, n);
      MalformedInputException e =
          catchThrowableOfType(MalformedInputException.class, () -> codec.parseStatement(prefix));
      assertThat(e).as("prefix of %d bytes", n).isNotNull();
    }
  }

  @Test
  void resourceDescriptor_roundTripsThroughCodecHelpers() throws Exception {
    ResourceDescriptor rd =
        ResourceDescriptor.newBuilder()
            .uri("https://u")
            .content(Bytes.utf8("x"))
            .annotations(JsonObject.newBuilder().put("a", "b").build())
            .build();

    assertThat(codec.parseResourceDescriptor(codec.writeResourceDescriptor(rd))).isEqualTo(rd);
    assertThat(codec.parseDigestSet(codec.writeDigestSet(DigestSet.of(DigestAlgorithm.SHA256, SHA256))))
        .isEqualTo(DigestSet.of(DigestAlgorithm.SHA256, SHA256));
    assertThat(List.of(rd)).hasSize(1);
  }
}
