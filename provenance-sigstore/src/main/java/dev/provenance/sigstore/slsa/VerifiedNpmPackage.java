package dev.provenance.sigstore.slsa;

import java.util.Objects;

/**
 * An npm package whose attestations verified and whose provenance met the caller's expectations.
 * Only {@link NpmPackageVerifier} creates one; no API accepts it as proof.
 *
 * @param attestations the verified provenance and publish attestations, with the package name and
 *     version
 * @param builderId the builder id the provenance records, for example {@code
 *     https://github.com/actions/runner/github-hosted}
 * @param source the built source as the provenance records it, {@code git+URL@ref}
 */
public record VerifiedNpmPackage(NpmAttestations attestations, String builderId, String source) {
  /**
   * Checks that no component is null.
   *
   * @param attestations the {@code attestations} component
   * @param builderId the {@code builderId} component
   * @param source the {@code source} component
   */
  public VerifiedNpmPackage {
    Objects.requireNonNull(attestations, "attestations");
    Objects.requireNonNull(builderId, "builderId");
    Objects.requireNonNull(source, "source");
  }
}
