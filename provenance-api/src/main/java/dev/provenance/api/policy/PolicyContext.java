package dev.provenance.api.policy;

import dev.provenance.api.digest.DigestSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy may know beyond the attestation itself.
 *
 * @param verificationTime the time of verification, from the verifier's clock
 * @param artifact the digests of the artifact being verified, when one was given
 */
public record PolicyContext(Instant verificationTime, Optional<DigestSet> artifact) {
  /**
   * Checks that no component is null.
   *
   * @param verificationTime the {@code verificationTime} component
   * @param artifact the {@code artifact} component
   */
  public PolicyContext {
    Objects.requireNonNull(verificationTime, "verificationTime");
    Objects.requireNonNull(artifact, "artifact");
  }
}
