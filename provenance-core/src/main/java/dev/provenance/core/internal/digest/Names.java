package dev.provenance.core.internal.digest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.Optional;

/**
 * Checks on file and artifact names. A name recorded in a manifest or tree must mean the same file
 * on every system that later checks it out, so names that a common file system would change,
 * merge or misread are rejected (hostile-input rows H36 and H38: {@code ..}, absolute paths,
 * Windows drives, backslashes, NUL, NFC/NFD and case-only duplicates).
 */
public final class Names {
  private Names() {}

  /** Compares names by their UTF-8 bytes, unsigned, as Go's {@code sort.Strings} and git do. */
  public static final Comparator<String> UTF8_ORDER = Names::compareUtf8;

  private static final boolean UTF8_FILE_NAMES =
      "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"));

  /**
   * Compares two strings in the order of their UTF-8 encodings, which is code point order.
   *
   * @param a one string
   * @param b the other
   * @return negative, zero or positive
   */
  public static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Checks one name read from a directory.
   *
   * @param name the name
   * @param portable whether names that other systems treat differently are rejected
   * @param lineSafe whether a newline is rejected (names are written one per line in dirHash)
   * @return what is wrong, or empty if the name is acceptable
   */
  public static Optional<String> checkEntryName(String name, boolean portable, boolean lineSafe) {
    if (name.indexOf('\uFFFD') >= 0) {
      // The JDK decodes invalid UTF-8 to U+FFFD, so the original bytes can no longer be named.
      return Optional.of("name is not valid UTF-8");
    }
    if (hasLoneSurrogate(name)) {
      return Optional.of("name is not valid Unicode");
    }
    if (!UTF8_FILE_NAMES && !isAscii(name)) {
      return Optional.of("non-ASCII name while the JVM does not decode file names as UTF-8");
    }
    if (name.equalsIgnoreCase(".git") && !name.equals(".git")) {
      // Git refuses every case variant of .git: on a case-insensitive system it is the repository.
      return Optional.of("case variant of .git");
    }
    if (lineSafe && name.indexOf('\n') >= 0) {
      return Optional.of("name contains a newline");
    }
    if (portable) {
      return checkPortableComponent(name);
    }
    return Optional.empty();
  }

  private static Optional<String> checkPortableComponent(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("name contains a control character");
      }
      if (c == '\\') {
        return Optional.of("name contains a backslash (a separator on Windows)");
      }
      if (c == ':') {
        return Optional.of("name contains a colon (drive or stream separator on Windows)");
      }
    }
    char last = name.charAt(name.length() - 1);
    if (last == '.' || last == ' ') {
      return Optional.of("name ends with a dot or space (dropped on Windows)");
    }
    return Optional.empty();
  }

  /**
   * Checks a relative artifact name given by a caller: slash-separated, canonical (no empty,
   * {@code .} or {@code ..} component), not absolute, no drive letter, no backslash, no control
   * character, and portable components.
   *
   * @param name the name
   * @return what is wrong, or empty if the name is acceptable
   */
  public static Optional<String> checkRelativeName(String name) {
    if (name.isEmpty()) {
      return Optional.of("empty name");
    }
    if (name.charAt(0) == '/') {
      return Optional.of("absolute name");
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
      return Optional.of("Windows drive name");
    }
    if (name.indexOf('\\') >= 0) {
      return Optional.of("backslash in name");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("NUL in name");
    }
    int start = 0;
    while (true) {
      int slash = name.indexOf('/', start);
      String component = slash < 0 ? name.substring(start) : name.substring(start, slash);
      if (component.isEmpty()) {
        return Optional.of("empty path component");
      }
      if (component.equals(".") || component.equals("..")) {
        return Optional.of("'" + component + "' path component");
      }
      Optional<String> problem = checkEntryName(component, true, true);
      if (problem.isPresent()) {
        return problem;
      }
      if (slash < 0) {
        return Optional.empty();
      }
      start = slash + 1;
    }
  }

  /**
   * Returns the key under which two names collide on common case-insensitive or
   * normalization-insensitive file systems (macOS, Windows): NFC with simple case folding.
   *
   * @param name the name
   * @return the collision key
   */
  public static String collisionKey(String name) {
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
    StringBuilder sb = new StringBuilder(nfc.length());
    nfc.codePoints()
        .forEach(cp -> sb.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return sb.toString();
  }

  /**
   * Returns the UTF-8 bytes of a name.
   *
   * @param name the name
   * @return the bytes
   */
  public static byte[] utf8(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
