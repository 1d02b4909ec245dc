package dev.provenance.core.internal.chain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that an artifact name is canonical and portable before artifact rules see it, so that no
 * two spellings of one file can get different rule outcomes (in-toto-golang CVE-2021-41087).
 *
 * <p>Two kinds of names are accepted. A name that starts with a URI scheme of two or more
 * characters ({@code git+https:}, {@code pkg:}) is a resource URI (in-toto ITE-4) and is taken
 * verbatim. Any other name is a relative path and must already be in canonical form: no leading
 * {@code /}, no {@code .}, {@code ..} or empty segments, no trailing {@code /}, no backslash, no
 * drive letter. Every name must be non-empty, free of control characters and in Unicode NFC.
 * Non-canonical names are rejected rather than normalised, so what was signed is what is matched.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArtifactNames {
  /** Longest accepted name, in characters. */
  public static final int MAX_NAME_LENGTH = 4096;

  private ArtifactNames() {}

  /**
   * Returns why a name is not acceptable, or empty when it is.
   *
   * @param name the artifact name
   * @return the reason, or empty for an acceptable name
   */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("empty name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("name longer than " + MAX_NAME_LENGTH + " characters");
    }
    boolean ascii = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return Optional.of("control character in name");
      }
      if (c == '\\') {
        return Optional.of("backslash in name (use '/' separators)");
      }
      ascii &= c < 0x80;
    }
    if (!ascii && !Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
      return Optional.of("name is not in Unicode NFC");
    }
    if (isUri(name)) {
      return Optional.empty();
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
      return Optional.of("drive-letter path");
    }
    if (name.charAt(0) == '/') {
      return Optional.of("absolute path");
    }
    if (name.equals("_")) {
      return Optional.empty();
    }
    int start = 0;
    while (true) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? name.length() : slash;
      String segment = name.substring(start, end);
      if (segment.isEmpty()) {
        return Optional.of(slash < 0 ? "trailing '/'" : "empty path segment");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("'" + segment + "' path segment");
      }
      if (slash < 0) {
        return Optional.empty();
      }
      start = slash + 1;
    }
  }

  /**
   * Returns the key under which names that differ only in letter case collide: on a
   * case-insensitive file system they denote one file.
   *
   * @param name an acceptable name
   * @return the case-folded name
   */
  public static String caseFold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns whether the name starts with a URI scheme of at least two characters.
   *
   * @param name the name
   * @return true for a URI
   */
  public static boolean isUri(String name) {
    int colon = name.indexOf(':');
    if (colon < 2) {
      return false;
    }
    if (!isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
