package dev.provenance.core.policy;

import static dev.provenance.core.testing.Statements.BUILDER;
import static dev.provenance.core.testing.Statements.provenance;
import static dev.provenance.core.testing.Statements.statement;
import static dev.provenance.core.testing.Statements.verified;
import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlsaPolicyTest {
  private static final PolicyContext CONTEXT = new PolicyContext(Instant.EPOCH, Optional.empty());

  private static List<Finding> evaluate(SlsaPolicy policy, SlsaProvenance p) {
    return policy.evaluate(verified(statement(p)), CONTEXT);
  }

  private static SlsaPolicy builderOnly() throws VerificationException {
    return SlsaPolicy.newBuilder().requireBuilderId(BUILDER).build();
  }

  @Test
  void evaluate_exactBuilderId_noFindings() throws Exception {
    assertThat(evaluate(builderOnly(), provenance(BUILDER))).isEmpty();
  }

  // H31: look-alike builder ids, compared without normalisation.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/slsa-framework/slsa-github-generator-evil/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://raw.githubusercontent.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0/",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/heads/main",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml%40refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator%5Fgeneric_slsa3.yml@refs/tags/v2.1.0",
        "https://GitHub.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0x",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"
      })
  void evaluate_lookalikeBuilderId_policyMismatch(String builderId) throws Exception {
    List<Finding> findings = evaluate(builderOnly(), provenance(builderId));

    assertThat(findings).extracting(Finding::code).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(findings.get(0).location()).isEqualTo("/predicate/runDetails/builder/id");
  }

  @Test
  void evaluate_secondAcceptedBuilderId_noFindings() throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder().requireBuilderId("https://other/builder").requireBuilderId(BUILDER).build();

    assertThat(evaluate(p, provenance(BUILDER))).isEmpty();
  }

  @Test
  void evaluate_wrongBuildType_policyMismatch() throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder()
            .requireBuilderId(BUILDER)
            .requireBuildType("https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1")
            .build();

    assertThat(evaluate(p, provenance(BUILDER)))
        .extracting(Finding::code, Finding::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.POLICY_MISMATCH, "/predicate/buildDefinition/buildType"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://github.com/org/repo", "git+https://github.com/org/repo", "github.com/org/repo"})
  void evaluate_matchingSourceRepositoryForms_noFindings(String repo) throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder()
            .requireBuilderId(BUILDER)
            .requireSourceRepository(repo)
            .requireSourceRef("refs/tags/v1.0.0")
            .build();

    assertThat(evaluate(p, provenance(BUILDER))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/org/repo2",
        "https://github.com/org/rep",
        "https://github.com/org/repo/",
        "https://github.com/Org/repo",
        "https://github.com/org/repo.git",
        "http://github.com/org/repo"
      })
  void evaluate_otherSourceRepository_policyMismatch(String repo) throws Exception {
    SlsaPolicy p = SlsaPolicy.newBuilder().requireBuilderId(BUILDER).requireSourceRepository(repo).build();

    List<Finding> findings = evaluate(p, provenance(BUILDER));

    assertThat(findings).isNotEmpty();
    assertThat(findings).extracting(Finding::code).containsOnly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_otherSourceRef_policyMismatch() throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder().requireBuilderId(BUILDER).requireSourceRef("refs/tags/v1.0.1").build();

    assertThat(evaluate(p, provenance(BUILDER)))
        .extracting(Finding::code)
        .containsOnly(ErrorCode.POLICY_MISMATCH)
        .hasSize(2);
  }

  @Test
  void evaluate_dependencyAndWorkflowDisagree_policyMismatch() throws Exception {
    SlsaProvenance p =
        SlsaProvenance.newBuilder()
            .buildDefinition(
                BuildDefinition.newBuilder()
                    .buildType("https://actions.github.io/buildtypes/workflow/v1")
                    .externalParameter(
                        "workflow",
                        JsonObject.newBuilder().put("repository", "https://github.com/evil/repo").build())
                    .addResolvedDependency(
                        ResourceDescriptor.ofUri(
                            "git+https://github.com/org/repo@refs/heads/main",
                            DigestSet.of(
                                DigestAlgorithm.GIT_COMMIT,
                                "a6c23b9806c593664f68637c8f9d45dfcf98b2db")))
                    .build())
            .runDetails(RunDetails.of(BuildPlatform.of(BUILDER)))
            .build();
    SlsaPolicy policy =
        SlsaPolicy.newBuilder().requireBuilderId(BUILDER).requireSourceRepository("github.com/org/repo").build();

    assertThat(evaluate(policy, p))
        .extracting(Finding::location)
        .containsExactly("/predicate/buildDefinition/externalParameters/workflow");
  }

  @Test
  void evaluate_noSourceInProvenance_policyMismatch() throws Exception {
    SlsaProvenance p =
        SlsaProvenance.newBuilder()
            .buildDefinition(BuildDefinition.newBuilder().buildType("https://x/y").build())
            .runDetails(RunDetails.of(BuildPlatform.of(BUILDER)))
            .build();
    SlsaPolicy policy =
        SlsaPolicy.newBuilder().requireBuilderId(BUILDER).requireSourceRepository("github.com/org/repo").build();

    assertThat(evaluate(policy, p)).extracting(Finding::code).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_unrecognizedExternalParameter_policyMismatch() throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder()
            .requireBuilderId(BUILDER)
            .allowExternalParameters(Set.of("inputs"))
            .build();

    assertThat(evaluate(p, provenance(BUILDER)))
        .extracting(Finding::location)
        .containsExactly("/predicate/buildDefinition/externalParameters/workflow");
  }

  @Test
  void evaluate_requiredExternalParameterValue_checkedExactly() throws Exception {
    JsonValue expected =
        JsonObject.newBuilder()
            .put("path", ".github/workflows/release.yml")
            .put("repository", "https://github.com/org/repo")
            .put("ref", "refs/tags/v1.0.0")
            .build();
    SlsaPolicy ok =
        SlsaPolicy.newBuilder()
            .requireBuilderId(BUILDER)
            .allowExternalParameters(Set.of("workflow"))
            .requireExternalParameter("workflow", expected)
            .build();
    SlsaPolicy other =
        SlsaPolicy.newBuilder()
            .requireBuilderId(BUILDER)
            .requireExternalParameter(
                "workflow", JsonObject.newBuilder().put("ref", "refs/tags/v1.0.0").build())
            .build();

    assertThat(evaluate(ok, provenance(BUILDER))).isEmpty();
    assertThat(evaluate(other, provenance(BUILDER)))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_everyMismatch_reportedTogether() throws Exception {
    SlsaPolicy p =
        SlsaPolicy.newBuilder()
            .requireBuilderId("https://expected/builder")
            .requireBuildType("https://expected/type")
            .requireSourceRepository("https://github.com/expected/repo")
            .build();

    assertThat(evaluate(p, provenance(BUILDER))).hasSize(4);
  }

  // H34: SLSA v0.2 given to a v1 policy.
  @Test
  void evaluate_slsaV02Predicate_unsupportedFormat() throws Exception {
    GenericPredicate v02 = GenericPredicate.of(PredicateTypes.SLSA_PROVENANCE_V02, JsonObject.empty());

    assertThat(builderOnly().evaluate(verified(statement(v02)), CONTEXT))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.UNSUPPORTED_FORMAT);
  }

  // H28: not provenance at all.
  @Test
  void evaluate_otherPredicateType_policyMismatch() throws Exception {
    GenericPredicate sbom = GenericPredicate.of(PredicateTypes.SPDX, JsonObject.empty());

    assertThat(builderOnly().evaluate(verified(statement(sbom)), CONTEXT))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_v1TypeNotReadAsProvenance_malformedInput() throws Exception {
    GenericPredicate raw = GenericPredicate.of(PredicateTypes.SLSA_PROVENANCE_V1, JsonObject.empty());

    assertThat(builderOnly().evaluate(verified(statement(raw)), CONTEXT))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void build_noBuilderId_throwsConfigurationError() {
    assertFails(() -> SlsaPolicy.newBuilder().requireSourceRepository("github.com/o/r").build(), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_requiredParameterNotAllowed_throwsConfigurationError() {
    assertFails(
            () ->
                SlsaPolicy.newBuilder()
                    .requireBuilderId(BUILDER)
                    .allowExternalParameters(Set.of("a"))
                    .requireExternalParameter("b", JsonValue.of(true))
                    .build(), ErrorCode.CONFIGURATION_ERROR);
  }
}
