package dev.provenance.sigstore.slsa;

import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import java.util.Objects;

/**
 * An artifact whose provenance verified: the attestation that names it, and what the caller may
 * rely on about its build. Only {@link SlsaVerifier} creates one; no API accepts it as proof.
 *
 * @param artifact the artifact's digests, as given to the verifier
 * @param index the 0-based position of the attestation in the provenance file
 * @param attestation the verified attestation; its matched subjects are the artifact's
 * @param builderId the trusted builder at its version: the signing workflow, or for BYOB builds the
 *     builder the provenance names, for example {@code
 *     https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0}
 * @param source the built source as the provenance records it, {@code git+URL@ref}
 */
public record VerifiedSlsaProvenance(
    DigestSet artifact,
    int index,
    VerifiedAttestation attestation,
    String builderId,
    String source) {
  /**
   * Checks the components.
   *
   * @param artifact the {@code artifact} component
   * @param index the {@code index} component
   * @param attestation the {@code attestation} component
   * @param builderId the {@code builderId} component
   * @param source the {@code source} component
   * @throws IllegalArgumentException if the index is negative
   */
  public VerifiedSlsaProvenance {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(builderId, "builderId");
    Objects.requireNonNull(source, "source");
    if (index < 0) {
      throw new IllegalArgumentException("negative index");
    }
  }
}
