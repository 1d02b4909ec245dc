package dev.provenance.core.internal.util;

import java.nio.charset.StandardCharsets;
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
  private static final int STD = 1;
  private static final int URL = 2;
  private static final int BAD = Integer.MIN_VALUE;
  private static final byte[] EMPTY = new byte[0];

  /**
   * For each Latin-1 character: {@link #STD} or {@link #URL} for the characters only one alphabet
   * has, 0 for those both share, and {@link #BAD} (negative) for everything else, so one OR over
   * the whole text tells whether it is valid and which alphabet it uses.
   */
  private static final int[] CLASS = new int[256];

  /** For each ASCII character: its 6-bit value in either alphabet, or -1. */
  private static final int[] VALUE = new int[128];

  static {
    java.util.Arrays.fill(CLASS, BAD);
    java.util.Arrays.fill(VALUE, -1);
    String common = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < common.length(); i++) {
      CLASS[common.charAt(i)] = 0;
      VALUE[common.charAt(i)] = i;
    }
    CLASS['+'] = STD;
    CLASS['/'] = STD;
    CLASS['-'] = URL;
    CLASS['_'] = URL;
    VALUE['+'] = 62;
    VALUE['/'] = 63;
    VALUE['-'] = 62;
    VALUE['_'] = 63;
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
    int len = text.length();
    if (len == 0) {
      return EMPTY;
    }
    int pad = padding(len, text.charAt(len - 1), len >= 2 ? text.charAt(len - 2) : 0);
    int decoded = decodedSize(len - pad, maxDecodedBytes);
    return decode(text, pad, decoded);
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
    int pad = padding(len, src[off + len - 1], len >= 2 ? src[off + len - 2] : 0);
    int decoded = decodedSize(len - pad, maxDecodedBytes);
    return decode(new String(src, off, len), pad, decoded);
  }

  /** Returns the number of padding characters, after checking the length rules. */
  private static int padding(int len, char last, char beforeLast) throws DecodingException {
    if (last == '=') {
      if (len % 4 != 0) {
        throw new DecodingException("padded base64 whose length is not a multiple of 4", false);
      }
      return beforeLast == '=' ? 2 : 1;
    }
    if (len % 4 == 1) {
      throw new DecodingException("base64 length leaves a single dangling character", false);
    }
    return 0;
  }

  /** Checks the decoded size against the cap; called before anything is allocated. */
  private static int decodedSize(int data, int maxDecodedBytes) throws DecodingException {
    long decoded = (long) data * 6 / 8;
    if (decoded > maxDecodedBytes) {
      throw new DecodingException(
          "base64 decodes to " + decoded + " bytes, more than the limit " + maxDecodedBytes, true);
    }
    return (int) decoded;
  }

  /**
   * Decodes text whose length and padding have been checked. The bulk work is done by the JDK
   * decoders, several times faster than a hand-written loop (measured); this method adds what
   * they do not check: padding only at the end, one alphabet per value, padding present for the
   * standard alphabet, and zero trailing bits. Any failure is re-diagnosed by {@link #diagnose}
   * so that the message names the first problem.
   */
  private static byte[] decode(String text, int pad, int decoded) throws DecodingException {
    int data = text.length() - pad;
    int firstPad = text.indexOf('=');
    if (firstPad >= 0 && firstPad < data) {
      throw diagnose(text, pad);
    }
    // Characters above U+00FF become '?', which neither alphabet has, so narrowing cannot alias a
    // foreign character onto an alphabet character.
    byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[decoded];
    boolean url = false;
    if (!decodes(Base64.getDecoder(), ascii, out)) {
      // Not the standard alphabet: the URL-safe one, or invalid or mixed.
      if (!decodes(Base64.getUrlDecoder(), ascii, out)) {
        throw diagnose(text, pad);
      }
      url = true;
    }
    int rest = data & 3;
    if (rest != 0) {
      int last = value(text.charAt(data - 1));
      if ((last & (rest == 2 ? 0xf : 0x3)) != 0) {
        throw new DecodingException("non-zero trailing bits in base64", false);
      }
      if (pad == 0 && !url && (text.indexOf('+') >= 0 || text.indexOf('/') >= 0)) {
        throw new DecodingException("standard base64 must be padded", false);
      }
    }
    return out;
  }

  private static boolean decodes(Base64.Decoder decoder, byte[] ascii, byte[] out) {
    try {
      return decoder.decode(ascii, out) == out.length;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Finds the first reason a value that the fast path rejected is not strict base64: a character
   * outside both alphabets (including misplaced padding), non-zero trailing bits, missing padding
   * of the standard alphabet, or mixed alphabets, in that order.
   */
  private static DecodingException diagnose(String text, int pad) {
    int data = text.length() - pad;
    int flags = 0;
    for (int i = 0; i < data; i++) {
      char c = text.charAt(i);
      int cls = c < 256 ? CLASS[c] : BAD;
      if (cls < 0) {
        String shown = c == '=' ? "misplaced padding '='" : "character U+" + hex4(c);
        return new DecodingException("invalid base64: " + shown, false);
      }
      flags |= cls;
    }
    int rest = data & 3;
    if (rest != 0) {
      int last = value(text.charAt(data - 1));
      if ((last & (rest == 2 ? 0xf : 0x3)) != 0) {
        return new DecodingException("non-zero trailing bits in base64", false);
      }
      if (pad == 0 && flags == STD) {
        return new DecodingException("standard base64 must be padded", false);
      }
    }
    if (flags == (STD | URL)) {
      return new DecodingException("base64 mixes the standard and URL-safe alphabets", false);
    }
    return new DecodingException("invalid base64", false);
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
    return c < 128 ? VALUE[c] : -1;
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
