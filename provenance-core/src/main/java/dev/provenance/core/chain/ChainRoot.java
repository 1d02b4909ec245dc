package dev.provenance.core.chain;

import dev.provenance.api.internal.Collections2;
import dev.provenance.core.internal.chain.Glob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a path of a chain may end. Either a source repository, optionally pinned to commits and
 * restricted to refs, or a step whose attestations are origins (their inputs are not followed,
 * for steps such as an in-toto {@code clone} that record no materials).
 *
 * <p>A repository root matches an input whose {@code uri} is the repository, or the repository
 * followed by {@code @} and a ref (the SLSA convention {@code git+https://host/repo@refs/heads/main}),
 * and whose digest has a {@code gitCommit} (or, as GitHub's generators write it, {@code sha1}).
 * When {@code commits} is not empty the commit must be one of them; when {@code refs} is not empty
 * the input's ref must match one of these globs. Instances are immutable and thread-safe.
 *
 * @param repository the repository URI, exact
 * @param commits the allowed commit ids (hex); empty for any
 * @param refs the allowed refs as globs, for example {@code refs/heads/main}; empty for any
 * @param step the origin step's name
 */
public record ChainRoot(
    Optional<String> repository, List<String> commits, List<String> refs, Optional<String> step) {
  /**
   * Checks every component.
   *
   * @param repository the {@code repository} component
   * @param commits the {@code commits} component
   * @param refs the {@code refs} component
   * @param step the {@code step} component
   * @throws IllegalArgumentException unless exactly one of repository and step is set, commits
   *     and refs are only given with a repository, commits are lowercase hex of 40 or 64
   *     characters and refs are valid globs
   */
  public ChainRoot {
    Objects.requireNonNull(repository, "repository");
    commits = Collections2.listCopy(commits, "commits");
    refs = Collections2.listCopy(refs, "refs");
    Objects.requireNonNull(step, "step");
    if (repository.isPresent() == step.isPresent()) {
      throw new IllegalArgumentException("a root names either a repository or a step");
    }
    if (step.isPresent() && (!commits.isEmpty() || !refs.isEmpty())) {
      throw new IllegalArgumentException("commits and refs belong to a repository root");
    }
    if (repository.map(String::isEmpty).orElse(false) || step.map(String::isEmpty).orElse(false)) {
      throw new IllegalArgumentException("empty repository or step");
    }
    for (String c : commits) {
      if (!c.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a commit is 40 or 64 lowercase hex characters");
      }
    }
    for (String r : refs) {
      Glob.compile(r);
    }
  }

  /**
   * Returns a repository root.
   *
   * @param repository the repository URI
   * @param commits the allowed commits; empty for any
   * @param refs the allowed ref globs; empty for any
   * @return the root
   */
  public static ChainRoot ofRepository(String repository, List<String> commits, List<String> refs) {
    return new ChainRoot(Optional.of(repository), commits, refs, Optional.empty());
  }

  /**
   * Returns an origin-step root.
   *
   * @param step the step name
   * @return the root
   */
  public static ChainRoot ofStep(String step) {
    return new ChainRoot(Optional.empty(), List.of(), List.of(), Optional.of(step));
  }
}
