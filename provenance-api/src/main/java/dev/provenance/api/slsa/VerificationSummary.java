package dev.provenance.api.slsa;

import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.internal.Collections2;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLSA Verification Summary Attestation v1 predicate ({@code
 * https://slsa.dev/verification_summary/v1}): a verifier's signed verdict on an artifact.
 *
 * @param verifier who verified
 * @param timeVerified when, if recorded
 * @param resourceUri the artifact that was verified
 * @param policy the policy that was applied; has a {@code uri}
 * @param inputAttestations the attestations that were used, each with a digest; empty if unlisted
 * @param verificationResult {@code PASSED} or {@code FAILED}
 * @param verifiedLevels the levels and properties verified, for example {@code
 *     SLSA_BUILD_LEVEL_2}
 * @param dependencyLevels counts of dependencies by level; empty when not claimed
 * @param slsaVersion the SLSA version as {@code MAJOR.MINOR}, if recorded
 */
public record VerificationSummary(
    VsaVerifier verifier,
    Optional<Instant> timeVerified,
    String resourceUri,
    ResourceDescriptor policy,
    List<ResourceDescriptor> inputAttestations,
    String verificationResult,
    List<String> verifiedLevels,
    Map<String, Long> dependencyLevels,
    Optional<String> slsaVersion)
    implements Predicate {
  /** The result value of a passed verification. */
  public static final String PASSED = "PASSED";
  /** The result value of a failed verification. */
  public static final String FAILED = "FAILED";

  /**
   * Checks every component.
   *
   * @param verifier the {@code verifier} component
   * @param timeVerified the {@code timeVerified} component
   * @param resourceUri the {@code resourceUri} component
   * @param policy the {@code policy} component
   * @param inputAttestations the {@code inputAttestations} component
   * @param verificationResult the {@code verificationResult} component
   * @param verifiedLevels the {@code verifiedLevels} component
   * @param dependencyLevels the {@code dependencyLevels} component
   * @param slsaVersion the {@code slsaVersion} component
   */
  public VerificationSummary {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(timeVerified, "timeVerified");
    Objects.requireNonNull(resourceUri, "resourceUri");
    Objects.requireNonNull(policy, "policy");
    inputAttestations = Collections2.listCopy(inputAttestations, "inputAttestations");
    Objects.requireNonNull(verificationResult, "verificationResult");
    verifiedLevels = Collections2.listCopy(verifiedLevels, "verifiedLevels");
    dependencyLevels = Collections2.orderedCopy(dependencyLevels, "dependencyLevels");
    Objects.requireNonNull(slsaVersion, "slsaVersion");
    if (policy.uri().isEmpty()) {
      throw new IllegalArgumentException("a VSA policy needs a uri");
    }
    if (!verificationResult.equals(PASSED) && !verificationResult.equals(FAILED)) {
      throw new IllegalArgumentException("verificationResult must be PASSED or FAILED");
    }
    for (ResourceDescriptor a : inputAttestations) {
      if (a.digest().isEmpty()) {
        throw new IllegalArgumentException("every input attestation needs a digest");
      }
    }
  }

  @Override
  public String predicateType() {
    return PredicateTypes.SLSA_VSA_V1;
  }

  /**
   * The verifier of a VSA.
   *
   * @param id URI of the verifier
   * @param version component versions; empty when none
   */
  public record VsaVerifier(String id, Map<String, String> version) {
    /**
     * Checks that no component is null and the id is set.
     *
     * @param id the {@code id} component
     * @param version the {@code version} component
     */
    public VsaVerifier {
      Objects.requireNonNull(id, "id");
      version = Collections2.orderedCopy(version, "version");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("empty verifier id");
      }
    }
  }
}
