package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.core.policy.SlsaPolicy;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks after the signature: builder, source, refs and inputs, on real provenance. */
class ProvenanceChecksTest {
  private static final String SV = "slsa-verifier/";
  private static final String EXAMPLE = "github.com/slsa-framework/example-package";
  private static final String WORKFLOWS =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
  private static final String GENERIC = WORKFLOWS + "generator_generic_slsa3.yml";
  private static final String DISPATCH =
      SV + "gha_generic/v2.1.0/binary-linux-amd64-workflow_dispatch.intoto.jsonl";
  private static final String MAVEN =
      SV + "gha_maven/v2.1.0/binary-linux-amd64-workflow_dispatch.build.slsa";
  private static final String DELEGATOR =
      SV + "gha_delegator/v2.1.0/binary-linux-amd64-workflow_dispatch.build.slsa";
  private static final String TRW =
      "https://github.com/slsa-framework/example-trw/.github/workflows/builder_high-perms_slsa3.yml";

  private static SlsaExpectations.Builder expect(String source) {
    return SlsaExpectations.newBuilder().sourceUri(source);
  }

  private static ProvenanceChecks.Outcome check(
      String path, SlsaExpectations expectations, boolean testing) throws Exception {
    SignedVectors.Signed s = SignedVectors.load(path);
    return ProvenanceChecks.check(s.attestation(), s.identity(), expectations, testing);
  }

  private static ErrorCode failure(String path, SlsaExpectations expectations) {
    try {
      check(path, expectations, false);
    } catch (VerificationException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("verified");
  }

  @Test
  void check_defaultBuilder_returnsTheCertificateWorkflowAtItsRef() throws Exception {
    ProvenanceChecks.Outcome o = check(DISPATCH, expect(EXAMPLE).build(), false);
    assertThat(o.builderId()).isEqualTo(GENERIC + "@refs/tags/v2.1.0");
    assertThat(o.source())
        .isEqualTo("git+https://github.com/slsa-framework/example-package@refs/heads/main");
  }

  @ParameterizedTest
  @ValueSource(strings = {GENERIC, GENERIC + "@v2.1.0", GENERIC + "@refs/tags/v2.1.0"})
  void check_builderIdForms_pass(String builderId) throws Exception {
    assertThat(check(DISPATCH, expect(EXAMPLE).builderId(builderId).build(), false).builderId())
        .isEqualTo(GENERIC + "@refs/tags/v2.1.0");
  }

  /** H31: builder id lookalikes are POLICY_MISMATCH. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/slsa-framework/slsa-github-generator-evil/.github/workflows/generator_generic_slsa3.yml",
        "https://raw.githubusercontent.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml",
        GENERIC + "/",
        GENERIC + "@refs/heads/main",
        GENERIC + "@v2.1.1",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator%5Fgeneric_slsa3.yml",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/not-trusted.yml",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_generic_slsa3.yml",
      })
  void check_builderIdLookalike_throwsPolicyMismatch(String builderId) {
    assertThat(failure(DISPATCH, expect(EXAMPLE).builderId(builderId).build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "github.com/laurentsimon/slsa-verifier-test-genA",
        "github.com/slsa-framework/example-packageA",
        "github.com/Slsa-framework/example-package",
        "github.com/slsa-framework/example-package.git",
        "github.com/slsa-framework/example-package/",
        "Agithub.com/slsa-framework/example-package",
        "gitlab.com/slsa-framework/example-package",
      })
  void check_otherSource_throwsPolicyMismatch(String source) {
    assertThat(failure(DISPATCH, expect(source).build())).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "github.com/slsa-framework/example-package",
        "https://github.com/slsa-framework/example-package",
        "git+https://github.com/slsa-framework/example-package",
      })
  void check_sourceForms_pass(String source) throws Exception {
    check(DISPATCH, expect(source).build(), false);
  }

  @Test
  void check_branchMain_passes() throws Exception {
    check(DISPATCH, expect(EXAMPLE).sourceBranch("main").build(), false);
  }

  @Test
  void check_wrongBranchTagOrVersion_throwsPolicyMismatch() {
    assertThat(failure(DISPATCH, expect(EXAMPLE).sourceBranch("master").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(failure(DISPATCH, expect(EXAMPLE).sourceTag("v1.2.3").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(failure(DISPATCH, expect(EXAMPLE).sourceVersionedTag("v1").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v13.0.30", "v13.0", "v13"})
  void check_versionedTagUnderTheTag_passes(String version) throws Exception {
    check(
        SV + "gha_go/v2.1.0/binary-linux-amd64-push-v13.0.30.intoto.jsonl",
        expect(EXAMPLE)
            .sourceVersionedTag(version)
            .sourceTag("v13.0.30")
            .sourceBranch("main")
            .build(),
        false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v0", "v13.1", "v12.9", "v13.0.29", "v13.0.31", "v13.0.30-rc.1"})
  void check_versionedTagOutsideTheTag_throwsPolicyMismatch(String version) {
    assertThat(
            failure(
                SV + "gha_go/v2.1.0/binary-linux-amd64-push-v13.0.30.intoto.jsonl",
                expect(EXAMPLE).sourceVersionedTag(version).build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void check_byobWithoutBuilderId_trustsTheGeneratorBuilderNamedInTheProvenance() throws Exception {
    assertThat(check(MAVEN, expect(EXAMPLE).sourceBranch("main").build(), false).builderId())
        .isEqualTo(WORKFLOWS + "builder_maven_slsa3.yml@refs/tags/v2.1.0");
  }

  @Test
  void check_byobWithAnotherBuilderId_throwsPolicyMismatch() {
    assertThat(failure(MAVEN, expect(EXAMPLE).builderId(WORKFLOWS + "not-trusted.yml").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void check_thirdPartyByobWithoutBuilderId_throwsPolicyMismatch() {
    assertThat(failure(DELEGATOR, expect(EXAMPLE).build())).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {TRW, TRW + "@v2.1.0", TRW + "@refs/tags/v2.1.0"})
  void check_thirdPartyByobWithItsBuilderId_passes(String builderId) throws Exception {
    assertThat(check(DELEGATOR, expect(EXAMPLE).builderId(builderId).build(), false).builderId())
        .isEqualTo(TRW + "@refs/tags/v2.1.0");
  }

  @Test
  void check_builderAtMain_needsTestingMode() throws Exception {
    String path = SV + "legacy-v1/binary-linux-amd64-multi-subject-first.intoto.jsonl";
    assertThat(failure(path, expect(EXAMPLE).build())).isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(check(path, expect(EXAMPLE).builderId(GENERIC).build(), true).builderId())
        .isEqualTo(GENERIC + "@refs/heads/main");
  }

  @Test
  void check_workflowInputs_compareAsStrings() throws Exception {
    String path = SV + "legacy-v1/workflow-inputs.intoto.jsonl";
    String source = "github.com/laurentsimon/slsa-on-github-test";
    check(
        path,
        expect(source)
            .addBuildWorkflowInput("release_version", "(for example, 0.1.0)")
            .addBuildWorkflowInput("some_bool", "true")
            .addBuildWorkflowInput("some_integer", "123")
            .build(),
        false);
    assertThat(failure(path, expect(source).addBuildWorkflowInput("missing_field", "123").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(failure(path, expect(source).addBuildWorkflowInput("some_integer", "321").build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void check_githubAttestation_needsABuilderId() throws Exception {
    String path = SV + "bcr/MODULE.bazel.intoto.jsonl";
    String source = "github.com/aspect-build/rules_lint";
    String bcr = "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml";
    assertThat(check(path, expect(source).builderId(bcr).build(), false).builderId())
        .isEqualTo(bcr + "@refs/tags/v0.0.1");
    assertThat(failure(path, expect(source).build())).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void check_githubAttestationSignedByAnotherWorkflow_throwsPolicyMismatch() {
    assertThat(
            failure(
                SV + "bcr/MODULE-wrong-signer.bazel.intoto.jsonl",
                expect("github.com/aspect-build/rules_lint")
                    .builderId(
                        "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml")
                    .build()))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  /**
   * H34: the SLSA v0.2 that slsa-github-generator writes is accepted here, but the core SLSA v1
   * policy (which this path applies to v1 provenance) refuses it as UNSUPPORTED_FORMAT.
   */
  @Test
  void coreSlsaPolicy_v02Provenance_findsUnsupportedFormat() throws Exception {
    SignedVectors.Signed s = SignedVectors.load(DISPATCH);
    assertThat(
            SlsaPolicy.newBuilder()
                .requireBuilderId(GENERIC + "@refs/tags/v2.1.0")
                .build()
                .evaluate(s.attestation(), new PolicyContext(Instant.EPOCH, Optional.empty())))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(check(DISPATCH, expect(EXAMPLE).build(), false).view().isV1()).isFalse();
  }

  @Test
  void check_failures_areAllReported() {
    assertThatThrownBy(
            () ->
                check(
                    DISPATCH,
                    expect("github.com/org/other").sourceBranch("dev").sourceTag("v9").build(),
                    false))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.findings()).hasSizeGreaterThanOrEqualTo(4);
              assertThat(e.findings())
                  .allSatisfy(f -> assertThat(f.code()).isEqualTo(ErrorCode.POLICY_MISMATCH));
            });
  }
}
