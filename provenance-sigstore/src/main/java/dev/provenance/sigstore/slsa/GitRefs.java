package dev.provenance.sigstore.slsa;

import java.util.Optional;

/**
 * Git URIs and refs as slsa-verifier reads them: {@code
 * git+https://github.com/org/repo@refs/heads/main} splits at the first {@code @} into a repository
 * and a ref, and a ref {@code refs/TYPE/NAME} has a type ({@code heads}, {@code tags}) and a name.
 * Stateless.
 */
final class GitRefs {
  private GitRefs() {}

  /** A repository URI and the ref after its first {@code @} (empty when there is none). */
  record UriAndRef(String uri, String ref) {}

  /**
   * Writes a repository in the {@code git+https://} form: {@code github.com/org/repo} and {@code
   * https://github.com/org/repo} both become {@code git+https://github.com/org/repo}.
   */
  static String normalize(String repository) {
    if (repository.startsWith("git+")) {
      return repository;
    }
    return repository.contains("://") ? "git+" + repository : "git+https://" + repository;
  }

  /**
   * Splits a {@code git+} URI at its first {@code @}.
   *
   * @return empty when the URI is empty or lacks the {@code git+} prefix
   */
  static Optional<UriAndRef> split(String uri) {
    if (uri.isEmpty() || !uri.startsWith("git+")) {
      return Optional.empty();
    }
    int at = uri.indexOf('@');
    return Optional.of(
        at < 0
            ? new UriAndRef(uri, "")
            : new UriAndRef(uri.substring(0, at), uri.substring(at + 1)));
  }

  /** Returns the name of a {@code refs/tags/NAME} ref, or empty for any other ref. */
  static Optional<String> tag(String ref) {
    return name("tags", ref);
  }

  /** Returns the name of a {@code refs/heads/NAME} ref, or empty for any other ref. */
  static Optional<String> branch(String ref) {
    return name("heads", ref);
  }

  private static Optional<String> name(String type, String ref) {
    String prefix = "refs/" + type + "/";
    if (!ref.startsWith(prefix) || ref.length() == prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(ref.substring(prefix.length()));
  }
}
