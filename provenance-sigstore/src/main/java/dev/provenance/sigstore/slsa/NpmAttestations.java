package dev.provenance.sigstore.slsa;

import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import java.util.Objects;

/**
 * An npm attestations document whose signatures, statement headers and tarball digest verified:
 * the registry's publish attestation and the build's provenance attestation for one package
 * version. It says nothing yet about who built the package; {@link NpmPackageVerifier#verify}
 * checks that. Only {@link NpmPackageVerifier} creates one; no API accepts it as proof.
 *
 * @param tarball the tarball's digests, as given to the verifier
 * @param provenance the keyless SLSA provenance attestation (v0.2 or v1)
 * @param publish the registry's key-signed publish attestation
 * @param packageName the package name the publish attestation states, for example {@code
 *     @scope/name}; the provenance subject names the same package
 * @param packageVersion the package version the publish attestation states
 */
public record NpmAttestations(
    DigestSet tarball,
    VerifiedAttestation provenance,
    VerifiedAttestation publish,
    String packageName,
    String packageVersion) {
  /**
   * Checks that no component is null.
   *
   * @param tarball the {@code tarball} component
   * @param provenance the {@code provenance} component
   * @param publish the {@code publish} component
   * @param packageName the {@code packageName} component
   * @param packageVersion the {@code packageVersion} component
   */
  public NpmAttestations {
    Objects.requireNonNull(tarball, "tarball");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(packageVersion, "packageVersion");
  }
}
