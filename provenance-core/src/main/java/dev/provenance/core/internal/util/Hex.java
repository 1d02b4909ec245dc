package dev.provenance.core.internal.util;

/**
 * Lowercase hexadecimal encoding and strict decoding. Not API; may change without notice.
 * Thread-safe: stateless.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /**
   * Encodes bytes as lowercase hex.
   *
   * @param bytes the bytes
   * @return two characters per byte
   */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes lowercase hex; uppercase digits, odd lengths and any other character are rejected.
   *
   * @param hex the text
   * @return the bytes
   * @throws IllegalArgumentException if the text is not lowercase hex of even length
   */
  public static byte[] decode(CharSequence hex) {
    int n = hex.length();
    if ((n & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits");
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      out[i / 2] = (byte) (digit(hex.charAt(i)) << 4 | digit(hex.charAt(i + 1)));
    }
    return out;
  }

  /**
   * Returns whether the text is non-empty lowercase hex of even length.
   *
   * @param hex the text
   * @return true if {@link #decode} would accept it and it is not empty
   */
  public static boolean isLowerHex(CharSequence hex) {
    int n = hex.length();
    if (n == 0 || (n & 1) != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    throw new IllegalArgumentException("not a lowercase hex digit");
  }
}
