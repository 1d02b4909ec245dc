package dev.provenance.api.slsa;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of a SLSA build run.
 *
 * @param invocationId identifies this invocation, when known
 * @param startedOn when the build started, when known
 * @param finishedOn when the build finished, when known
 */
public record BuildMetadata(
    Optional<String> invocationId, Optional<Instant> startedOn, Optional<Instant> finishedOn) {
  /**
   * Checks that no component is null.
   *
   * @param invocationId the {@code invocationId} component
   * @param startedOn the {@code startedOn} component
   * @param finishedOn the {@code finishedOn} component
   */
  public BuildMetadata {
    Objects.requireNonNull(invocationId, "invocationId");
    Objects.requireNonNull(startedOn, "startedOn");
    Objects.requireNonNull(finishedOn, "finishedOn");
  }
}
