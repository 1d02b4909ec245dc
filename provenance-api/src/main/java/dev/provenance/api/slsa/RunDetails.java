package dev.provenance.api.slsa;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Details of one run of a SLSA build.
 *
 * @param builder the build platform that ran it
 * @param metadata invocation id and times, when recorded
 * @param byproducts additional outputs; empty when none
 */
public record RunDetails(
    BuildPlatform builder, Optional<BuildMetadata> metadata, List<ResourceDescriptor> byproducts) {
  /**
   * Checks that no component is null.
   *
   * @param builder the {@code builder} component
   * @param metadata the {@code metadata} component
   * @param byproducts the {@code byproducts} component
   */
  public RunDetails {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(metadata, "metadata");
    byproducts = Collections2.listCopy(byproducts, "byproducts");
  }

  /**
   * Returns run details naming only the platform.
   *
   * @param builder the build platform
   * @return the run details
   */
  public static RunDetails of(BuildPlatform builder) {
    return new RunDetails(builder, Optional.empty(), List.of());
  }

  /**
   * Returns run details with metadata.
   *
   * @param builder the build platform
   * @param metadata the metadata
   * @return the run details
   */
  public static RunDetails of(BuildPlatform builder, BuildMetadata metadata) {
    return new RunDetails(builder, Optional.of(metadata), List.of());
  }
}
