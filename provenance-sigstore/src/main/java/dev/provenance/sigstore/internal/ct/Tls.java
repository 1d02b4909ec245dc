package dev.provenance.sigstore.internal.ct;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.nio.ByteBuffer;

/** Bounds-checked readers for the TLS presentation language structures of RFC 6962. */
final class Tls {
  private Tls() {}

  static int u8(ByteBuffer in, String location) throws VerificationException {
    need(in, 1, location);
    return in.get() & 0xFF;
  }

  static int u16(ByteBuffer in, String location) throws VerificationException {
    need(in, 2, location);
    return in.getShort() & 0xFFFF;
  }

  static long u64(ByteBuffer in, String location) throws VerificationException {
    need(in, 8, location);
    return in.getLong();
  }

  static byte[] bytes(ByteBuffer in, int length, String location) throws VerificationException {
    need(in, length, location);
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  /** Reads {@code opaque<0..2^16-1>}: a 16-bit length, then that many bytes. */
  static byte[] opaque16(ByteBuffer in, String location) throws VerificationException {
    return bytes(in, u16(in, location), location);
  }

  private static void need(ByteBuffer in, int length, String location)
      throws VerificationException {
    if (in.remaining() < length) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, location, "truncated TLS structure");
    }
  }
}
