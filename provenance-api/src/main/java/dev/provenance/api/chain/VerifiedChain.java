package dev.provenance.api.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;

/**
 * A chain that verified from an artifact back to its roots: every step, in order from the
 * artifact towards the source, and the roots (source commits, allowed external dependencies) where
 * every path ended.
 *
 * @param artifact the digests of the artifact the walk started from
 * @param steps the verified steps, nearest the artifact first
 * @param roots the roots reached
 */
public record VerifiedChain(
    DigestSet artifact, List<ChainStep> steps, List<ResourceDescriptor> roots) {
  /**
   * Checks that no component is null and that there is at least one step.
   *
   * @param artifact the {@code artifact} component
   * @param steps the {@code steps} component
   * @param roots the {@code roots} component
   */
  public VerifiedChain {
    Objects.requireNonNull(artifact, "artifact");
    steps = Collections2.listCopy(steps, "steps");
    roots = Collections2.listCopy(roots, "roots");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a verified chain has at least one step");
    }
  }
}
