package dev.provenance.core.internal.crypto;

import java.math.BigInteger;

/**
 * ECDSA signature encodings. DER is decoded strictly (H75): one SEQUENCE of exactly two minimal
 * positive INTEGERs, minimal lengths, nothing after it. IEEE P1363 (raw {@code r || s}) is only
 * decoded where a verifier was built for it; the format is never guessed from the length.
 *
 * <p>Both decoders check {@code 1 <= r, s <= n - 1} themselves, so a provider that once accepted
 * {@code r = s = 0} (JDK 15 to 18, CVE-2022-21449) never sees such values.
 */
final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /** Decodes a DER signature into {r, s}, range-checked for the curve. */
  static BigInteger[] fromDer(byte[] der, EcCurve curve) throws DerFormatException {
    // SEQUENCE header (<= 3 bytes) + two INTEGERs of at most fieldBytes + 1 content bytes
    int max = 3 + 2 * (3 + curve.fieldBytes() + 1);
    if (der.length > max) {
      throw new DerFormatException("signature too long for " + curve);
    }
    DerReader outer = DerReader.of(der);
    DerReader seq = outer.sequence();
    outer.expectEnd();
    BigInteger r = positive(seq.integerBytes());
    BigInteger s = positive(seq.integerBytes());
    seq.expectEnd();
    checkRange(r, s, curve);
    return new BigInteger[] {r, s};
  }

  /** Decodes a raw {@code r || s} signature of exactly twice the field length. */
  static BigInteger[] fromP1363(byte[] raw, EcCurve curve) throws DerFormatException {
    int n = curve.fieldBytes();
    if (raw.length != 2 * n) {
      throw new DerFormatException("an IEEE P1363 signature on " + curve + " is " + 2 * n + " bytes");
    }
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, n));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(raw, n, 2 * n));
    checkRange(r, s, curve);
    return new BigInteger[] {r, s};
  }

  static byte[] toDer(BigInteger r, BigInteger s) {
    return DerWriter.sequence(DerWriter.integer(r), DerWriter.integer(s));
  }

  static byte[] toP1363(BigInteger r, BigInteger s, EcCurve curve) {
    int n = curve.fieldBytes();
    byte[] out = new byte[2 * n];
    copyUnsigned(r, out, 0, n);
    copyUnsigned(s, out, n, n);
    return out;
  }

  private static void copyUnsigned(BigInteger v, byte[] out, int offset, int length) {
    byte[] b = v.toByteArray();
    int skip = b.length > length ? b.length - length : 0; // a sign byte
    int copy = b.length - skip;
    System.arraycopy(b, skip, out, offset + length - copy, copy);
  }

  private static BigInteger positive(byte[] minimal) throws DerFormatException {
    if ((minimal[0] & 0x80) != 0) {
      throw new DerFormatException("negative INTEGER in signature");
    }
    return new BigInteger(1, minimal);
  }

  private static void checkRange(BigInteger r, BigInteger s, EcCurve curve)
      throws DerFormatException {
    BigInteger n = curve.order();
    if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      throw new DerFormatException("r or s outside [1, n-1]");
    }
  }
}
