package dev.provenance.core.internal.json;

/**
 * JSON Pointer (RFC 6901) helpers. Not API; may change without notice. Thread-safe: stateless.
 */
public final class Pointers {
  private Pointers() {}

  /**
   * Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}.
   *
   * @param token the member name
   * @return the escaped token
   */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    StringBuilder sb = new StringBuilder(token.length() + 4);
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~') {
        sb.append("~0");
      } else if (c == '/') {
        sb.append("~1");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Appends a member name to a pointer.
   *
   * @param pointer the parent pointer
   * @param name the member name
   * @return the child pointer
   */
  public static String child(String pointer, String name) {
    return pointer + "/" + escape(name);
  }

  /**
   * Appends an array index to a pointer.
   *
   * @param pointer the parent pointer
   * @param index the index
   * @return the child pointer
   */
  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }
}
