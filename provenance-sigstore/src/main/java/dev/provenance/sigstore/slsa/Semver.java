package dev.provenance.sigstore.slsa;

import java.util.Optional;

/**
 * A semantic version as Go's {@code golang.org/x/mod/semver} reads it, which is what slsa-verifier
 * compares tags with: a leading {@code v}, a major version, and optionally a minor and a patch
 * version; a prerelease ({@code -rc.1}) and build metadata ({@code +meta}) only after a full {@code
 * vMAJOR.MINOR.PATCH}. The shorthands {@code v1} and {@code v1.2} stand for {@code v1.0.0} and
 * {@code v1.2.0} but remember which parts were written.
 *
 * @param major the major version digits
 * @param minor the minor version digits, if written
 * @param patch the patch version digits, if written
 * @param prerelease the prerelease including its {@code -}, or empty
 * @param build the build metadata including its {@code +}, or empty
 */
record Semver(
    String major, Optional<String> minor, Optional<String> patch, String prerelease, String build) {

  /**
   * Parses a version.
   *
   * @param text the text, for example {@code v1.2.3-rc.1+build.5}
   * @return the version, or empty when the text is not a valid semantic version
   */
  static Optional<Semver> parse(String text) {
    if (text.length() < 2 || text.charAt(0) != 'v') {
      return Optional.empty();
    }
    Cursor c = new Cursor(text, 1);
    String major = c.number();
    if (major == null) {
      return Optional.empty();
    }
    if (c.atEnd()) {
      return Optional.of(new Semver(major, Optional.empty(), Optional.empty(), "", ""));
    }
    if (!c.take('.')) {
      return Optional.empty();
    }
    String minor = c.number();
    if (minor == null) {
      return Optional.empty();
    }
    if (c.atEnd()) {
      return Optional.of(new Semver(major, Optional.of(minor), Optional.empty(), "", ""));
    }
    if (!c.take('.')) {
      return Optional.empty();
    }
    String patch = c.number();
    if (patch == null) {
      return Optional.empty();
    }
    String prerelease = "";
    if (c.peek('-')) {
      prerelease = c.identifiers('-', true);
      if (prerelease == null) {
        return Optional.empty();
      }
    }
    String build = "";
    if (c.peek('+')) {
      build = c.identifiers('+', false);
      if (build == null) {
        return Optional.empty();
      }
    }
    if (!c.atEnd()) {
      return Optional.empty();
    }
    return Optional.of(
        new Semver(major, Optional.of(minor), Optional.of(patch), prerelease, build));
  }

  /** Returns {@code vMAJOR}. */
  String majorTag() {
    return "v" + major;
  }

  /** Returns the minor version, {@code 0} when not written. */
  String minorOrZero() {
    return minor.orElse("0");
  }

  /** Returns the patch version, {@code 0} when not written. */
  String patchOrZero() {
    return patch.orElse("0");
  }

  /** Returns the canonical form {@code vMAJOR.MINOR.PATCH[-PRERELEASE]}, without build metadata. */
  String canonical() {
    return "v" + major + "." + minorOrZero() + "." + patchOrZero() + prerelease;
  }

  /** Walks the text of a version. */
  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s, int i) {
      this.s = s;
      this.i = i;
    }

    boolean atEnd() {
      return i == s.length();
    }

    boolean peek(char ch) {
      return i < s.length() && s.charAt(i) == ch;
    }

    boolean take(char ch) {
      if (peek(ch)) {
        i++;
        return true;
      }
      return false;
    }

    /** Digits without a leading zero (a lone {@code 0} is fine), or null. */
    String number() {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
        return null;
      }
      return s.substring(start, i);
    }

    /**
     * Dot-separated identifiers after a marker, returned with the marker, or null when one is
     * empty, holds another character, or (for a prerelease) is numeric with a leading zero.
     */
    String identifiers(char marker, boolean prerelease) {
      int start = i;
      i++;
      while (true) {
        int idStart = i;
        boolean numeric = true;
        while (i < s.length() && isIdentifierChar(s.charAt(i))) {
          numeric &= isDigit(s.charAt(i));
          i++;
        }
        if (i == idStart) {
          return null;
        }
        if (prerelease && numeric && s.charAt(idStart) == '0' && i - idStart > 1) {
          return null;
        }
        if (!take('.')) {
          break;
        }
      }
      if (marker == '-' && !atEnd() && !peek('+')) {
        return null;
      }
      return s.substring(start, i);
    }

    private static boolean isDigit(char ch) {
      return ch >= '0' && ch <= '9';
    }

    private static boolean isIdentifierChar(char ch) {
      return isDigit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
    }
  }
}
