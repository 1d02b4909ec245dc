package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.util.Optional;
import java.util.Set;

/**
 * Which signing workflows are trusted to produce provenance for an artifact, following
 * slsa-verifier's {@code verify-artifact}: without an expected builder id only the
 * slsa-github-generator builders below; with one, the certificate's workflow must be that builder,
 * unless it is a BYOB delegator, in which case the builder named inside the provenance is checked
 * against the expectation instead. Either way the workflow must be referenced at a release tag
 * {@code refs/tags/vX.Y.Z}. Stateless.
 */
final class TrustedBuilders {
  static final String GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

  static final String GENERATOR_REPOSITORY = "slsa-framework/slsa-github-generator";

  static final String E2E_REPOSITORY = "slsa-framework/example-package";

  static final String GENERATOR_WORKFLOWS =
      WorkflowIdentity.GITHUB + GENERATOR_REPOSITORY + "/.github/workflows/";

  /** Builders trusted for artifacts when no builder id is given. */
  static final Set<String> DEFAULT_ARTIFACT_BUILDERS =
      Set.of(
          GENERATOR_WORKFLOWS + "generator_generic_slsa3.yml",
          GENERATOR_WORKFLOWS + "builder_go_slsa3.yml",
          GENERATOR_WORKFLOWS + "builder_container-based_slsa3.yml");

  /** The BYOB delegators: they sign for a builder that the provenance names. */
  static final Set<String> DELEGATORS =
      Set.of(
          GENERATOR_WORKFLOWS + "delegator_generic_slsa3.yml",
          GENERATOR_WORKFLOWS + "delegator_lowperms-generic_slsa3.yml");

  private static final String SAN = "certificate/subjectAlternativeName";

  private TrustedBuilders() {}

  /**
   * What the certificate's workflow is trusted as.
   *
   * @param signer the certificate's workflow at its ref
   * @param delegated whether it is a BYOB delegator, whose provenance names the actual builder
   */
  record Decision(BuilderId signer, boolean delegated) {}

  /**
   * Decides whether the certificate's workflow may sign provenance for an artifact.
   *
   * @param identity the certificate's identity
   * @param expected the builder id the caller trusts, if any
   * @param testing whether slsa-verifier's testing exceptions apply
   * @throws VerificationException {@code POLICY_MISMATCH} for another issuer, an untrusted workflow
   *     or a workflow ref that is not a release tag
   */
  static Decision decide(WorkflowIdentity identity, Optional<BuilderId> expected, boolean testing)
      throws VerificationException {
    if (!identity.issuer().equals(GITHUB_ACTIONS_ISSUER)) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          "certificate/extensions/1.3.6.1.4.1.57264.1.8",
          "OIDC issuer " + identity.issuer() + " is not " + GITHUB_ACTIONS_ISSUER);
    }
    BuilderId signer = identity.signer();
    boolean delegator = DELEGATORS.contains(signer.name());
    if (expected.isEmpty()) {
      if (!delegator && !DEFAULT_ARTIFACT_BUILDERS.contains(signer.name())) {
        throw mismatch(
            SAN,
            "workflow "
                + signer.name()
                + " is not a trusted slsa-github-generator builder; name the builder you trust"
                + " with a builder id");
      }
    } else if (!delegator && !signer.matchesLoosely(expected.get())) {
      throw mismatch(SAN, "workflow " + signer + " is not the expected builder " + expected.get());
    }
    checkRef(signer.version(), identity.sourceRepository(), testing);
    return new Decision(signer, delegator);
  }

  /**
   * The certificate's workflow must be pinned to a release (slsa-verifier verifyTrustedBuilderRef).
   */
  private static void checkRef(String ref, String sourceRepository, boolean testing)
      throws VerificationException {
    boolean testedRepository =
        sourceRepository.equals(GENERATOR_REPOSITORY) || sourceRepository.equals(E2E_REPOSITORY);
    if (testing && testedRepository) {
      if (ref.equals("refs/heads/main") || isReleaseTag(ref, true)) {
        return;
      }
    } else if (isReleaseTag(ref, false)) {
      return;
    }
    throw mismatch(SAN, "workflow ref " + ref + " is not a release tag refs/tags/vX.Y.Z");
  }

  /**
   * Returns whether a ref is {@code refs/tags/vX.Y.Z}; with {@code allowPrerelease}, {@code
   * vX.Y.Z-pre} too. Build metadata is never allowed.
   */
  static boolean isReleaseTag(String ref, boolean allowPrerelease) {
    Optional<Semver> v = GitRefs.tag(ref).flatMap(Semver::parse);
    return v.isPresent()
        && v.get().patch().isPresent()
        && v.get().build().isEmpty()
        && (allowPrerelease || v.get().prerelease().isEmpty());
  }

  static VerificationException mismatch(String location, String message) {
    return new VerificationException(ErrorCode.POLICY_MISMATCH, location, message);
  }
}
