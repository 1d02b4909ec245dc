package dev.provenance.core.internal.util;

import java.util.Base64;

/**
 * A strict base64 decoder (RFC 4648) for signed material. DSSE verifiers must accept the standard
 * and the URL-safe alphabet, so both are accepted, but never mixed in one value; whitespace, line
 * breaks, characters outside the alphabet, misplaced or partial padding and non-zero trailing bits
 * are all rejected, so each byte string has exactly one accepted encoding per alphabet. Padding is
 * required for the standard alphabet and optional for the URL-safe one. The decoded size is
 * checked against a cap before anything is allocated.
 *
 * <p>Not API; may change without notice. Thread-safe: stateless.
 */
public final class StrictBase64 {
  private static final byte STD = 1;
  private static final byte URL = 2;
  private static final byte[] EMPTY = new byte[0];

  /**
   * For each ASCII character: its 6-bit value, with bit 8 set for the standard-only characters and
   * bit 9 for the URL-safe-only ones; -1 for characters outside both alphabets.
   */
  private static final int[] TABLE = new int[128];

  static {
    java.util.Arrays.fill(TABLE, -1);
    String common = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < common.length(); i++) {
      TABLE[common.charAt(i)] = i;
    }
    TABLE['+'] = 62 | STD << 8;
    TABLE['/'] = 63 | STD << 8;
    TABLE['-'] = 62 | URL << 8;
    TABLE['_'] = 63 | URL << 8;
  }

  private StrictBase64() {}

  /**
   * Decodes a string.
   *
   * @param text the encoded text
   * @param maxDecodedBytes the largest decoded size accepted
   * @return the decoded bytes
   * @throws DecodingException if the text is not strict base64 or decodes to too many bytes
   */
  public static byte[] decode(String text, int maxDecodedBytes) throws DecodingException {
    return decode(text.toCharArray(), 0, text.length(), maxDecodedBytes);
  }

  /**
   * Decodes a range of characters.
   *
   * @param src the characters
   * @param off the first character
   * @param len how many characters
   * @param maxDecodedBytes the largest decoded size accepted
   * @return the decoded bytes
   * @throws DecodingException if the text is not strict base64 or decodes to too many bytes
   */
  public static byte[] decode(char[] src, int off, int len, int maxDecodedBytes)
      throws DecodingException {
    if (len == 0) {
      return EMPTY;
    }
    int pad = 0;
    if (src[off + len - 1] == '=') {
      if (len % 4 != 0) {
        throw new DecodingException("padded base64 whose length is not a multiple of 4", false);
      }
      pad = src[off + len - 2] == '=' ? 2 : 1;
    } else if (len % 4 == 1) {
      throw new DecodingException("base64 length leaves a single dangling character", false);
    }
    int data = len - pad;
    // Size check before allocating (an attacker controls len).
    long decoded = (long) data * 6 / 8;
    if (decoded > maxDecodedBytes) {
      throw new DecodingException(
          "base64 decodes to " + decoded + " bytes, more than the limit " + maxDecodedBytes, true);
    }
    byte[] out = new byte[(int) decoded];
    int flags = 0;
    int o = 0;
    int i = off;
    int fullEnd = off + (data & ~3);
    while (i < fullEnd) {
      char c0 = src[i];
      char c1 = src[i + 1];
      char c2 = src[i + 2];
      char c3 = src[i + 3];
      if ((c0 | c1 | c2 | c3) >= 128) {
        throw invalidCharacter(src, i, 4);
      }
      int a = TABLE[c0];
      int b = TABLE[c1];
      int c = TABLE[c2];
      int d = TABLE[c3];
      int all = a | b | c | d;
      if (all < 0) {
        throw invalidCharacter(src, i, 4);
      }
      flags |= all;
      int bits = (a & 63) << 18 | (b & 63) << 12 | (c & 63) << 6 | (d & 63);
      out[o] = (byte) (bits >> 16);
      out[o + 1] = (byte) (bits >> 8);
      out[o + 2] = (byte) bits;
      o += 3;
      i += 4;
    }
    int rest = data & 3;
    if (rest != 0) {
      int bits = 0;
      for (int k = 0; k < rest; k++) {
        int v = value(src[i + k]);
        if (v < 0) {
          throw invalidCharacter(src, i, rest);
        }
        flags |= v;
        bits = bits << 6 | (v & 63);
      }
      if (rest == 2) {
        if ((bits & 0xf) != 0) {
          throw new DecodingException("non-zero trailing bits in base64", false);
        }
        out[o] = (byte) (bits >> 4);
      } else {
        if ((bits & 0x3) != 0) {
          throw new DecodingException("non-zero trailing bits in base64", false);
        }
        out[o] = (byte) (bits >> 10);
        out[o + 1] = (byte) (bits >> 2);
      }
      if (pad == 0 && (flags >> 8) == STD) {
        throw new DecodingException("standard base64 must be padded", false);
      }
    }
    int alphabet = flags >> 8;
    if (alphabet == (STD | URL)) {
      throw new DecodingException("base64 mixes the standard and URL-safe alphabets", false);
    }
    return out;
  }

  /**
   * Encodes bytes as standard, padded base64.
   *
   * @param bytes the bytes
   * @return the encoding
   */
  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static int value(char c) {
    return c < 128 ? TABLE[c] : -1;
  }

  private static DecodingException invalidCharacter(char[] src, int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (value(src[k]) < 0) {
        char c = src[k];
        String shown = c == '=' ? "misplaced padding '='" : "character U+" + hex4(c);
        return new DecodingException("invalid base64: " + shown, false);
      }
    }
    return new DecodingException("invalid base64", false);
  }

  private static String hex4(char c) {
    String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(h.length()) + h;
  }

  /** A value is not strict base64, or decodes to more bytes than allowed. */
  public static final class DecodingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether the failure is the size cap rather than the encoding. */
    private final boolean limitExceeded;

    DecodingException(String message, boolean limitExceeded) {
      super(message, null, false, false);
      this.limitExceeded = limitExceeded;
    }

    /**
     * Returns whether the decoded size exceeded the cap.
     *
     * @return true for a size failure, false for an encoding failure
     */
    public boolean isLimitExceeded() {
      return limitExceeded;
    }
  }
}
