package dev.provenance.core.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** DER encoding of the few structures we write: keys, key infos and ECDSA signatures. */
final class DerWriter {
  private DerWriter() {}

  static byte[] tlv(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(DerReader.SEQUENCE, parts);
  }

  /** Minimal two's-complement INTEGER. */
  static byte[] integer(BigInteger value) {
    return tlv(DerReader.INTEGER, value.toByteArray());
  }

  static byte[] integer(int value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] oid(byte[] contents) {
    return tlv(DerReader.OID, contents);
  }

  static byte[] nullValue() {
    return new byte[] {DerReader.NULL, 0};
  }

  static byte[] octetString(byte[] contents) {
    return tlv(DerReader.OCTET_STRING, contents);
  }

  static byte[] bitString(byte[] bytes) {
    return tlv(DerReader.BIT_STRING, new byte[] {0}, bytes);
  }

  static byte[] context(int n, byte[]... parts) {
    return tlv(0xa0 | n, parts);
  }
}
