package dev.provenance.sigstore.slsa;

import java.util.Optional;

/**
 * A builder id split as slsa-verifier splits it: a name (the reusable workflow's URL) and an
 * optional version after a single {@code @}, for example {@code
 * https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml}
 * and {@code refs/tags/v2.1.0}. No normalisation happens: case, percent-encoding and trailing
 * slashes all count (H31).
 *
 * @param name the id before the {@code @}
 * @param version the text after it, or empty when the id has no {@code @}
 */
record BuilderId(String name, String version) {

  /**
   * Splits an id.
   *
   * @param id the id
   * @return empty for an empty id or name, more than one {@code @}, or an empty version after it
   */
  static Optional<BuilderId> parse(String id) {
    int at = id.indexOf('@');
    if (at < 0) {
      return id.isEmpty() ? Optional.empty() : Optional.of(new BuilderId(id, ""));
    }
    if (at == 0 || at == id.length() - 1 || id.indexOf('@', at + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new BuilderId(id.substring(0, at), id.substring(at + 1)));
  }

  /** Returns whether the id carries a version. */
  boolean hasVersion() {
    return !version.isEmpty();
  }

  /**
   * Returns whether an expected id names this builder: the names are equal and, when the expected
   * id has a version, so are the versions, where {@code vX} also matches {@code refs/tags/vX}.
   */
  boolean matchesLoosely(BuilderId expected) {
    return name.equals(expected.name) && (!expected.hasVersion() || sameVersion(expected));
  }

  /**
   * Returns whether an expected id names this builder at this exact version ({@code vX} also
   * matches {@code refs/tags/vX}).
   */
  boolean matchesExactly(BuilderId expected) {
    return name.equals(expected.name) && sameVersion(expected);
  }

  private boolean sameVersion(BuilderId expected) {
    return version.equals(expected.version) || version.equals("refs/tags/" + expected.version);
  }

  @Override
  public String toString() {
    return version.isEmpty() ? name : name + "@" + version;
  }
}
