package dev.provenance.core.digest;

import dev.provenance.api.MalformedInputException;
import dev.provenance.core.internal.digest.GitRepository;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads the commit a git checkout has checked out, for the {@code gitCommit} of a source
 * dependency, without running git: {@code HEAD}, then the branch's loose ref or its {@code
 * packed-refs} line. Handles detached HEADs, linked worktrees and submodules (a {@code .git} file
 * with {@code gitdir:}), and SHA-1 and SHA-256 repositories (<a
 * href="https://git-scm.com/docs/gitrepository-layout">gitrepository-layout</a>). The reftable ref
 * store is not supported.
 *
 * <p>All methods are thread-safe.
 */
public final class GitCheckout {
  private GitCheckout() {}

  /**
   * Returns the HEAD commit of a checkout.
   *
   * @param repo the working tree (holding {@code .git}) or the git directory itself
   * @return the commit, its object format and the branch HEAD names
   * @throws MalformedInputException MALFORMED_INPUT if {@code repo} is not a git checkout, a file
   *     is malformed, a ref name is invalid, or HEAD names a branch without commits;
   *     UNSUPPORTED_FORMAT for an unknown object format or the reftable ref store;
   *     RESOURCE_LIMIT_EXCEEDED for an oversized HEAD, ref or config file; the location is the
   *     file concerned
   */
  public static GitHead headCommit(Path repo) throws MalformedInputException {
    Objects.requireNonNull(repo, "repo");
    return GitRepository.readHead(repo);
  }
}
