package dev.provenance.api;

import dev.provenance.api.internal.BytesAccess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable sequence of bytes, for records that carry binary content (payloads, signatures,
 * descriptor content). Equality is by content; {@link #toString()} shows the length and a short
 * prefix only.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static {
    BytesAccess.install(b -> b.bytes);
  }

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns a copy of the given bytes.
   *
   * @param bytes the content; copied
   * @return the bytes
   */
  public static Bytes of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /**
   * Returns a copy of a range of the given bytes.
   *
   * @param bytes the content
   * @param offset the first byte
   * @param length how many bytes
   * @return the bytes
   */
  public static Bytes of(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /**
   * Returns the UTF-8 encoding of a string.
   *
   * @param text the text
   * @return its UTF-8 bytes
   */
  public static Bytes utf8(String text) {
    Objects.requireNonNull(text, "text");
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the empty sequence.
   *
   * @return zero bytes
   */
  public static Bytes empty() {
    return EMPTY;
  }

  /**
   * Wraps an array without copying it. Only for arrays the caller created and never changes
   * again; not API.
   *
   * @param bytes the content, owned by the result from now on
   * @return the bytes
   */
  public static Bytes wrap(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes);
  }

  /**
   * Returns the number of bytes.
   *
   * @return the length
   */
  public int length() {
    return bytes.length;
  }

  /**
   * Returns whether there are no bytes.
   *
   * @return true for the empty sequence
   */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /**
   * Returns the byte at an index.
   *
   * @param index from 0 to {@code length() - 1}
   * @return the byte
   */
  public byte get(int index) {
    return bytes[index];
  }

  /**
   * Returns a fresh copy of the content.
   *
   * @return a new array
   */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /**
   * Returns a stream over the content.
   *
   * @return a new stream
   */
  public InputStream newInputStream() {
    return new ByteArrayInputStream(bytes);
  }

  /**
   * Decodes the content as UTF-8, replacing malformed sequences. For display only; strict
   * decoding belongs to the JSON parser.
   *
   * @return the text
   */
  public String asUtf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns the lowercase hexadecimal encoding.
   *
   * @return the hex string
   */
  public String toHex() {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Returns the standard, padded base64 encoding (RFC 4648 section 4).
   *
   * @return the base64 string
   */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Compares the content with an array in time independent of where they differ.
   *
   * @param other the array to compare with
   * @return true if both hold the same bytes
   */
  public boolean contentEquals(byte[] other) {
    return MessageDigest.isEqual(bytes, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes && MessageDigest.isEqual(bytes, ((Bytes) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    int shown = Math.min(bytes.length, 8);
    StringBuilder sb = new StringBuilder("Bytes[").append(bytes.length).append("; ");
    for (int i = 0; i < shown; i++) {
      sb.append(HEX[(bytes[i] >> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
    }
    return sb.append(bytes.length > shown ? "…]" : "]").toString();
  }
}
