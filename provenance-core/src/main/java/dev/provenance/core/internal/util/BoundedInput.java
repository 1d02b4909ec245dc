package dev.provenance.core.internal.util;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads untrusted streams into memory without trusting any length they claim: at most {@code cap +
 * 1} bytes are ever read, so a stream longer than the cap is rejected after reading just past it.
 * Not API; may change without notice. Thread-safe: stateless.
 */
public final class BoundedInput {
  private static final int FIRST_CHUNK = 8192;

  private BoundedInput() {}

  /**
   * Reads a whole stream of at most {@code cap} bytes. The stream is not closed.
   *
   * @param in the stream
   * @param cap the largest number of bytes accepted
   * @param what names the input in the error message, for example {@code "envelope"}
   * @return the bytes
   * @throws IOException if reading fails
   * @throws MalformedInputException with {@code RESOURCE_LIMIT_EXCEEDED} if the stream holds more
   *     than {@code cap} bytes
   */
  public static byte[] readAtMost(InputStream in, int cap, String what)
      throws IOException, MalformedInputException {
    if (cap < 0 || cap > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("cap out of range: " + cap);
    }
    // Grow geometrically so that an attacker's claimed size never drives the allocation.
    byte[] buf = new byte[(int) Math.min(FIRST_CHUNK, (long) cap + 1)];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n > cap) {
          throw new MalformedInputException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", what + " is larger than " + cap + " bytes");
        }
        buf = Arrays.copyOf(buf, (int) Math.min((long) cap + 1, (long) n * 2));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    if (n > cap) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", what + " is larger than " + cap + " bytes");
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }
}
