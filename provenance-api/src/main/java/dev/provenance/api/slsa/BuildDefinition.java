package dev.provenance.api.slsa;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs that define a SLSA build.
 *
 * @param buildType URI of the template describing how the build runs
 * @param externalParameters parameters under external control; complete at Build L3
 * @param internalParameters parameters set by the build platform; empty when none
 * @param resolvedDependencies artifacts fetched during the build; empty when none
 */
public record BuildDefinition(
    String buildType,
    JsonObject externalParameters,
    JsonObject internalParameters,
    List<ResourceDescriptor> resolvedDependencies) {
  /**
   * Checks that no component is null and that the build type is set.
   *
   * @param buildType the {@code buildType} component
   * @param externalParameters the {@code externalParameters} component
   * @param internalParameters the {@code internalParameters} component
   * @param resolvedDependencies the {@code resolvedDependencies} component
   */
  public BuildDefinition {
    Objects.requireNonNull(buildType, "buildType");
    Objects.requireNonNull(externalParameters, "externalParameters");
    Objects.requireNonNull(internalParameters, "internalParameters");
    resolvedDependencies = Collections2.listCopy(resolvedDependencies, "resolvedDependencies");
    if (buildType.isEmpty()) {
      throw new IllegalArgumentException("empty buildType");
    }
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builds a {@link BuildDefinition}. Not thread-safe. */
  public static final class Builder {
    private String buildType;
    private final Map<String, JsonValue> externalParameters = new LinkedHashMap<>();
    private final Map<String, JsonValue> internalParameters = new LinkedHashMap<>();
    private final List<ResourceDescriptor> resolvedDependencies = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the build type.
     *
     * @param buildType the URI
     * @return this builder
     */
    public Builder buildType(String buildType) {
      this.buildType = Objects.requireNonNull(buildType, "buildType");
      return this;
    }

    /**
     * Adds an external parameter.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder externalParameter(String name, JsonValue value) {
      externalParameters.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Adds an internal parameter.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder internalParameter(String name, JsonValue value) {
      internalParameters.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Adds a resolved dependency.
     *
     * @param dependency the dependency
     * @return this builder
     */
    public Builder addResolvedDependency(ResourceDescriptor dependency) {
      resolvedDependencies.add(Objects.requireNonNull(dependency, "dependency"));
      return this;
    }

    /**
     * Adds resolved dependencies.
     *
     * @param dependencies the dependencies
     * @return this builder
     */
    public Builder resolvedDependencies(List<ResourceDescriptor> dependencies) {
      dependencies.forEach(this::addResolvedDependency);
      return this;
    }

    /**
     * Returns the build definition.
     *
     * @return a new build definition
     * @throws IllegalStateException if the build type is missing
     */
    public BuildDefinition build() {
      if (buildType == null) {
        throw new IllegalStateException("buildType not set");
      }
      return new BuildDefinition(
          buildType,
          JsonObject.of(externalParameters),
          JsonObject.of(internalParameters),
          resolvedDependencies);
    }
  }
}
