package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.testing.Vectors;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NpmProvenanceClaims} on the provenance of two slsa-verifier npm documents (SLSA v0.2 and
 * v1), each changed in one claim, against test certificates that state the real job's values.
 */
class NpmProvenanceClaimsTest {
  private static final TestPki PKI = TestPki.create();
  private static final String V02_SOURCE =
      "git+https://github.com/trishankatdatadog/supreme-goggles@refs/tags/v1.0.5";
  private static final String V1_SOURCE =
      "git+https://github.com/ramonpetgrave64/gundam-visor@refs/tags/v1.0.1";

  /** The v0.2 job, as Fulcio certified it. */
  private static Map<FulcioExtension, String> v02Job() {
    Map<FulcioExtension, String> m = new LinkedHashMap<>();
    String repo = "https://github.com/trishankatdatadog/supreme-goggles";
    m.put(FulcioExtension.BUILD_TRIGGER, "release");
    m.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v1.0.5");
    m.put(FulcioExtension.SOURCE_REPOSITORY_URI, repo);
    m.put(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER, "636292006");
    m.put(FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER, "33133073");
    m.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, "38ebf99444e033b2f1550c9aaaeacd62d02a12ba");
    m.put(FulcioExtension.BUILD_SIGNER_DIGEST, "38ebf99444e033b2f1550c9aaaeacd62d02a12ba");
    m.put(FulcioExtension.RUN_INVOCATION_URI, repo + "/actions/runs/4994975790/attempts/1");
    m.put(
        FulcioExtension.BUILD_CONFIG_URI,
        repo + "/.github/workflows/npm-publish.yml@refs/tags/v1.0.5");
    return m;
  }

  /** The v1 job, as Fulcio certified it. */
  private static Map<FulcioExtension, String> v1Job() {
    Map<FulcioExtension, String> m = new LinkedHashMap<>();
    String repo = "https://github.com/ramonpetgrave64/gundam-visor";
    m.put(FulcioExtension.BUILD_TRIGGER, "release");
    m.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v1.0.1");
    m.put(FulcioExtension.SOURCE_REPOSITORY_URI, repo);
    m.put(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER, "810002373");
    m.put(FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER, "32398091");
    m.put(FulcioExtension.RUN_INVOCATION_URI, repo + "/actions/runs/9358004112/attempts/1");
    m.put(
        FulcioExtension.BUILD_CONFIG_URI,
        repo + "/.github/workflows/npm-publish.yml@refs/tags/v1.0.1");
    return m;
  }

  private static X509Certificate leaf(String san, Map<FulcioExtension, String> job) {
    TestPki.LeafBuilder b = PKI.leaf().uri(san);
    job.forEach((k, v) -> b.utf8Extension(k.oid(), v));
    return b.build();
  }

  private static X509Certificate v02Leaf(Map<FulcioExtension, String> job) {
    return leaf(
        "https://github.com/trishankatdatadog/supreme-goggles/.github/workflows/npm-publish.yml@refs/tags/v1.0.5",
        job);
  }

  private static X509Certificate v1Leaf(Map<FulcioExtension, String> job) {
    return leaf(
        "https://github.com/ramonpetgrave64/gundam-visor/.github/workflows/npm-publish.yml@refs/tags/v1.0.1",
        job);
  }

  /** The provenance statement JSON of an npm attestations document. */
  private static byte[] provenance(String document) {
    JsonValue payload =
        JsonEdit.get(
            Vectors.bytes("slsa-verifier/npm/" + document), "/attestations/1/bundle/dsseEnvelope/payload");
    return Base64.getDecoder().decode(((JsonString) payload).value());
  }

  private static final byte[] V02 = provenance("supreme-googles-cli-v02-tag.tgz.json");
  private static final byte[] V1 = provenance("gundam-visor-cli-v1-tag.tgz.json");

  private static List<Finding> check(byte[] statement, X509Certificate leaf, String source)
      throws Exception {
    Statement s = JsonCodec.standard().parseStatement(statement);
    List<Finding> findings = new ArrayList<>();
    NpmProvenanceClaims.check(s, leaf, source, findings);
    return findings;
  }

  private static void assertOnly(List<Finding> findings, ErrorCode code, String location) {
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).code()).isEqualTo(code);
    assertThat(findings.get(0).location()).isEqualTo(location);
  }

  @Test
  void check_realV02ProvenanceAndItsJob_findsNothing() throws Exception {
    assertThat(check(V02, v02Leaf(v02Job()), V02_SOURCE)).isEmpty();
  }

  @Test
  void check_realV1ProvenanceAndItsJob_findsNothing() throws Exception {
    assertThat(check(V1, v1Leaf(v1Job()), V1_SOURCE)).isEmpty();
  }

  @Test
  void check_v02CommitOtherThanCertified_findsBindingMismatch() throws Exception {
    Map<FulcioExtension, String> job = v02Job();
    job.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, "0".repeat(40));

    assertOnly(
        check(V02, v02Leaf(job), V02_SOURCE),
        ErrorCode.BINDING_MISMATCH,
        "/predicate/invocation/environment/GITHUB_SHA");
  }

  @Test
  void check_certificateWithoutRepositoryId_findsBindingMismatch() throws Exception {
    Map<FulcioExtension, String> job = v02Job();
    job.remove(FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER);

    assertOnly(
        check(V02, v02Leaf(job), V02_SOURCE),
        ErrorCode.BINDING_MISMATCH,
        "/predicate/invocation/environment/GITHUB_REPOSITORY_ID");
  }

  @Test
  void check_sourceRefOtherThanCertified_findsBindingMismatch() throws Exception {
    Map<FulcioExtension, String> job = v02Job();
    job.put(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v9");
    List<Finding> findings = check(V02, v02Leaf(job), V02_SOURCE);

    assertThat(findings).extracting(Finding::location)
        .containsExactly("/predicate/materials/0/uri", "/predicate/invocation/environment/GITHUB_REF");
    assertThat(findings).extracting(Finding::code).containsOnly(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void check_v02Edited_findsTheEditedClaim() throws Exception {
    X509Certificate leaf = v02Leaf(v02Job());
    Map<String, Object[]> edits = new LinkedHashMap<>();
    edits.put("/predicate/invocation/environment/GITHUB_TOKEN", new Object[] {JsonValue.of("x"), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/invocation/environment/GITHUB_RUN_ATTEMPT", new Object[] {JsonValue.of("2"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/invocation/environment/GITHUB_EVENT_NAME", new Object[] {JsonValue.of("push"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/invocation/environment/GITHUB_WORKFLOW_REF", new Object[] {JsonValue.of("a/b/.github/workflows/x.yml@refs/tags/v1.0.5"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/invocation/parameters", new Object[] {JsonObject.newBuilder().put("k", "v").build(), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/invocation/configSource/entryPoint", new Object[] {JsonValue.of(".github/workflows/other.yml"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/buildConfig", new Object[] {JsonObject.newBuilder().put("steps", "x").build(), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/metadata/buildInvocationId", new Object[] {JsonValue.of("1-1"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/metadata/buildStartedOn", new Object[] {JsonValue.of("2023-05-01T00:00:00Z"), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/metadata/reproducible", new Object[] {JsonValue.of(true), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/metadata/completeness/materials", new Object[] {JsonValue.of(true), ErrorCode.POLICY_MISMATCH});
    for (Map.Entry<String, Object[]> e : edits.entrySet()) {
      byte[] edited = JsonEdit.set(V02, e.getKey(), (JsonValue) e.getValue()[0]);

      List<Finding> findings = check(edited, leaf, V02_SOURCE);

      assertThat(findings).as(e.getKey()).hasSize(1);
      assertThat(findings.get(0).code()).as(e.getKey()).isEqualTo(e.getValue()[1]);
      assertThat(findings.get(0).location()).as(e.getKey()).isEqualTo(e.getKey());
    }
  }

  @Test
  void check_v02SecondMaterial_findsPolicyMismatch() throws Exception {
    JsonValue first = JsonEdit.get(V02, "/predicate/materials/0");
    byte[] edited = JsonEdit.set(V02, "/predicate/materials", new JsonArray(List.of(first, first)));

    assertOnly(check(edited, v02Leaf(v02Job()), V02_SOURCE), ErrorCode.POLICY_MISMATCH, "/predicate/materials");
  }

  @Test
  void check_v1Edited_findsTheEditedClaim() throws Exception {
    X509Certificate leaf = v1Leaf(v1Job());
    Map<String, Object[]> edits = new LinkedHashMap<>();
    String internal = "/predicate/buildDefinition/internalParameters/github/";
    edits.put(internal + "event_name", new Object[] {JsonValue.of("push"), ErrorCode.BINDING_MISMATCH});
    edits.put(internal + "repository_id", new Object[] {JsonValue.of("1"), ErrorCode.BINDING_MISMATCH});
    edits.put(internal + "repository_owner_id", new Object[] {JsonValue.of(1), ErrorCode.MALFORMED_INPUT});
    edits.put(internal + "run_id", new Object[] {JsonValue.of("1"), ErrorCode.POLICY_MISMATCH});
    edits.put("/predicate/buildDefinition/externalParameters/workflow/path", new Object[] {JsonValue.of(".github/workflows/other.yml"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/runDetails/metadata/invocationId", new Object[] {JsonValue.of("https://github.com/ramonpetgrave64/gundam-visor/actions/runs/9358004112/attempts/2"), ErrorCode.BINDING_MISMATCH});
    edits.put("/predicate/runDetails/metadata/startedOn", new Object[] {JsonValue.of("2024-06-01T00:00:00Z"), ErrorCode.POLICY_MISMATCH});
    for (Map.Entry<String, Object[]> e : edits.entrySet()) {
      byte[] edited = JsonEdit.set(V1, e.getKey(), (JsonValue) e.getValue()[0]);

      List<Finding> findings = check(edited, leaf, V1_SOURCE);

      assertThat(findings).as(e.getKey()).hasSize(1);
      assertThat(findings.get(0).code()).as(e.getKey()).isEqualTo(e.getValue()[1]);
      assertThat(findings.get(0).location()).as(e.getKey()).isEqualTo(e.getKey());
    }
  }

  @Test
  void check_v1InvocationIdNotARunUri_findsMalformedInput() throws Exception {
    byte[] edited =
        JsonEdit.set(V1, "/predicate/runDetails/metadata/invocationId", JsonValue.of("run-1"));

    assertOnly(
        check(edited, v1Leaf(v1Job()), V1_SOURCE),
        ErrorCode.MALFORMED_INPUT,
        "/predicate/runDetails/metadata/invocationId");
  }

  @Test
  void check_v1SourceRefOtherThanCertified_findsBindingMismatch() throws Exception {
    assertOnly(
        check(V1, v1Leaf(v1Job()), "git+https://github.com/ramonpetgrave64/gundam-visor@refs/heads/main"),
        ErrorCode.BINDING_MISMATCH,
        "/predicate/buildDefinition/resolvedDependencies/0/uri");
  }
}
