package dev.provenance.api.slsa;

import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import java.util.Objects;

/**
 * The SLSA Provenance v1 predicate ({@code https://slsa.dev/provenance/v1}): how an artifact was
 * built, by which build platform, from which inputs.
 *
 * @param buildDefinition the inputs that define the build
 * @param runDetails the platform and metadata of this run
 */
public record SlsaProvenance(BuildDefinition buildDefinition, RunDetails runDetails)
    implements Predicate {
  /**
   * Checks that no component is null.
   *
   * @param buildDefinition the {@code buildDefinition} component
   * @param runDetails the {@code runDetails} component
   */
  public SlsaProvenance {
    Objects.requireNonNull(buildDefinition, "buildDefinition");
    Objects.requireNonNull(runDetails, "runDetails");
  }

  @Override
  public String predicateType() {
    return PredicateTypes.SLSA_PROVENANCE_V1;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builds a {@link SlsaProvenance}. Not thread-safe. */
  public static final class Builder {
    private BuildDefinition buildDefinition;
    private RunDetails runDetails;

    private Builder() {}

    /**
     * Sets the build definition.
     *
     * @param buildDefinition the build definition
     * @return this builder
     */
    public Builder buildDefinition(BuildDefinition buildDefinition) {
      this.buildDefinition = Objects.requireNonNull(buildDefinition, "buildDefinition");
      return this;
    }

    /**
     * Sets the run details.
     *
     * @param runDetails the run details
     * @return this builder
     */
    public Builder runDetails(RunDetails runDetails) {
      this.runDetails = Objects.requireNonNull(runDetails, "runDetails");
      return this;
    }

    /**
     * Returns the predicate.
     *
     * @return a new predicate
     * @throws IllegalStateException if a required part is missing
     */
    public SlsaProvenance build() {
      if (buildDefinition == null) {
        throw new IllegalStateException("buildDefinition not set");
      }
      if (runDetails == null) {
        throw new IllegalStateException("runDetails not set");
      }
      return new SlsaProvenance(buildDefinition, runDetails);
    }
  }
}
