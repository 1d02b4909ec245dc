package dev.provenance.core.digest;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import java.util.Objects;
import java.util.Optional;

/**
 * The commit a git checkout has checked out, read by {@link GitCheckout#headCommit}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param commit the commit id, lowercase hex (40 digits for SHA-1, 64 for SHA-256)
 * @param objectFormat the repository's object format
 * @param ref the branch or other ref HEAD points to (for example {@code refs/heads/main}); empty
 *     for a detached HEAD
 */
public record GitHead(String commit, GitObjectFormat objectFormat, Optional<String> ref) {
  /**
   * Validates the commit id against the object format.
   *
   * @param commit the {@code commit} component
   * @param objectFormat the {@code objectFormat} component
   * @param ref the {@code ref} component
   * @throws IllegalArgumentException if the commit id is not lowercase hex of the format's length
   */
  public GitHead {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(objectFormat, "objectFormat");
    Objects.requireNonNull(ref, "ref");
    if (commit.length() != objectFormat.hexLength()
        || !DigestAlgorithm.GIT_COMMIT.isValidValue(commit)) {
      throw new IllegalArgumentException("not a " + objectFormat + " commit id: " + commit);
    }
  }

  /**
   * Returns the commit as an in-toto DigestSet, for a {@code resolvedDependencies} entry or a
   * material.
   *
   * @return {@code {"gitCommit": commit}}
   */
  public DigestSet digestSet() {
    return DigestSet.of(DigestAlgorithm.GIT_COMMIT, commit);
  }
}
