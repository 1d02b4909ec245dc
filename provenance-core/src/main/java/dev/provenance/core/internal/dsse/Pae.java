package dev.provenance.core.internal.dsse;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.ProvenanceBugException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The DSSE v1 pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP
 * body}, where {@code LEN} is the ASCII decimal byte length without leading zeros (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">protocol.md</a>).
 *
 * <p>Built from bytes only: the type is UTF-8 encoded once and the body is copied as raw bytes,
 * never through a {@code String} (the route by which two peers computed wrong lengths for
 * non-ASCII types and invalid-UTF-8 bodies). Not API; thread-safe.
 */
public final class Pae {
  private static final byte[] PREFIX = {'D', 'S', 'S', 'E', 'v', '1', ' '};

  private Pae() {}

  /**
   * Encodes a payload type and payload.
   *
   * @param payloadType the payload type, UTF-8 encoded here
   * @param payload the raw payload bytes
   * @return the PAE bytes
   */
  public static byte[] encode(String payloadType, byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    byte[] type = utf8(payloadType);
    byte[] out = allocate(type, payload.length);
    int pos = writeHeader(out, type, payload.length);
    System.arraycopy(payload, 0, out, pos, payload.length);
    return out;
  }

  /**
   * Encodes a payload type and payload held as {@link Bytes}, copying the payload once.
   *
   * @param payloadTypeUtf8 the UTF-8 bytes of the payload type; not modified
   * @param payload the raw payload bytes
   * @return the PAE bytes
   */
  public static byte[] encode(byte[] payloadTypeUtf8, Bytes payload) {
    Objects.requireNonNull(payloadTypeUtf8, "payloadTypeUtf8");
    Objects.requireNonNull(payload, "payload");
    int n = payload.length();
    byte[] out = allocate(payloadTypeUtf8, n);
    int pos = writeHeader(out, payloadTypeUtf8, n);
    // ByteArrayInputStream.transferTo hands its internal array to write(): one copy, into out.
    try {
      payload.newInputStream().transferTo(new ArraySink(out, pos));
    } catch (IOException e) {
      throw new ProvenanceBugException("in-memory copy failed", e);
    }
    return out;
  }

  /**
   * Encodes a payload type and payload held as {@link Bytes}.
   *
   * @param payloadType the payload type, UTF-8 encoded here
   * @param payload the raw payload bytes
   * @return the PAE bytes
   */
  public static byte[] encode(String payloadType, Bytes payload) {
    return encode(utf8(payloadType), payload);
  }

  /**
   * Returns the UTF-8 encoding of a payload type.
   *
   * @param payloadType the type
   * @return its UTF-8 bytes
   */
  public static byte[] utf8(String payloadType) {
    return Objects.requireNonNull(payloadType, "payloadType").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns whether a string is well-formed UTF-16, so that its UTF-8 encoding is lossless. A
   * lone surrogate would be replaced during encoding, letting two different strings share a PAE.
   *
   * @param s the string
   * @return true if every surrogate is paired
   */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] allocate(byte[] type, int payloadLength) {
    long size =
        (long) PREFIX.length
            + digits(type.length)
            + 1
            + type.length
            + 1
            + digits(payloadLength)
            + 1
            + payloadLength;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("payload too large for a PAE");
    }
    return new byte[(int) size];
  }

  private static int writeHeader(byte[] out, byte[] type, int payloadLength) {
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    int pos = writeDecimal(out, PREFIX.length, type.length);
    out[pos++] = ' ';
    System.arraycopy(type, 0, out, pos, type.length);
    pos += type.length;
    out[pos++] = ' ';
    pos = writeDecimal(out, pos, payloadLength);
    out[pos++] = ' ';
    return pos;
  }

  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }

  private static int writeDecimal(byte[] out, int pos, int n) {
    int end = pos + digits(n);
    int i = end;
    do {
      out[--i] = (byte) ('0' + n % 10);
      n /= 10;
    } while (n > 0);
    return end;
  }

  /** Writes into a preallocated array at a fixed offset. */
  private static final class ArraySink extends OutputStream {
    private final byte[] target;
    private int pos;

    ArraySink(byte[] target, int pos) {
      this.target = target;
      this.pos = pos;
    }

    @Override
    public void write(int b) {
      target[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, target, pos, len);
      pos += len;
    }
  }
}
