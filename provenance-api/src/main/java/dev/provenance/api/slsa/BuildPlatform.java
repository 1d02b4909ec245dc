package dev.provenance.api.slsa;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The build platform ("builder" in SLSA) that ran a build. Its {@code id} alone determines the
 * SLSA Build level a verifier grants.
 *
 * @param id URI of the build platform
 * @param version component versions; empty when none
 * @param builderDependencies dependencies of the platform itself; empty when none
 */
public record BuildPlatform(
    String id, Map<String, String> version, List<ResourceDescriptor> builderDependencies) {
  /**
   * Checks that no component is null, copies in order, and that the id is set.
   *
   * @param id the {@code id} component
   * @param version the {@code version} component
   * @param builderDependencies the {@code builderDependencies} component
   */
  public BuildPlatform {
    Objects.requireNonNull(id, "id");
    version = Collections2.orderedCopy(version, "version");
    builderDependencies = Collections2.listCopy(builderDependencies, "builderDependencies");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty builder id");
    }
  }

  /**
   * Returns a platform with only an id.
   *
   * @param id the URI
   * @return the platform
   */
  public static BuildPlatform of(String id) {
    return new BuildPlatform(id, Map.of(), List.of());
  }
}
