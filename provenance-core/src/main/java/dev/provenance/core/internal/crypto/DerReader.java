package dev.provenance.core.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict DER reader over a byte range: definite minimal lengths, single-byte tags, minimal
 * INTEGERs. BER leniency (indefinite or long-form short lengths, padded integers) is how signature
 * malleability and parser confusion get in, so none of it is accepted.
 *
 * <p>Not thread-safe: a reader is a cursor used by one parse.
 */
final class DerReader {
  static final int BOOLEAN = 0x01;
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  private final byte[] buf;
  private final int end;
  private int pos;
  // start and end of the last element's contents
  private int contentStart;
  private int contentEnd;
  private int elementStart;

  private DerReader(byte[] buf, int start, int end) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** Returns a reader over the whole array, which must hold exactly one element. */
  static DerReader of(byte[] der) {
    return new DerReader(der, 0, der.length);
  }

  boolean hasMore() {
    return pos < end;
  }

  /** Returns the tag of the next element without consuming it, or -1 at the end. */
  int peekTag() {
    return pos < end ? buf[pos] & 0xff : -1;
  }

  /** Fails unless every byte was consumed. */
  void expectEnd() throws DerFormatException {
    if (pos != end) {
      throw new DerFormatException("unexpected trailing data");
    }
  }

  private void next(int expectedTag) throws DerFormatException {
    if (pos >= end) {
      throw new DerFormatException("missing element, expected tag 0x" + Integer.toHexString(expectedTag));
    }
    int tag = buf[pos] & 0xff;
    if (tag != expectedTag) {
      throw new DerFormatException(
          "expected tag 0x" + Integer.toHexString(expectedTag) + ", found 0x" + Integer.toHexString(tag));
    }
    elementStart = pos;
    int p = pos + 1;
    if (p >= end) {
      throw new DerFormatException("truncated length");
    }
    int first = buf[p++] & 0xff;
    int length;
    if (first < 0x80) {
      length = first;
    } else if (first == 0x80) {
      throw new DerFormatException("indefinite length");
    } else {
      int count = first & 0x7f;
      if (count > 3) {
        throw new DerFormatException("length too large");
      }
      if (end - p < count) {
        throw new DerFormatException("truncated length");
      }
      if (buf[p] == 0) {
        throw new DerFormatException("non-minimal length");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (buf[p++] & 0xff);
      }
      if (length < 0x80) {
        throw new DerFormatException("non-minimal length");
      }
    }
    if (length > end - p) {
      throw new DerFormatException("length exceeds input");
    }
    contentStart = p;
    contentEnd = p + length;
    pos = contentEnd;
  }

  /** Reads a constructed element with the given tag and returns a reader over its contents. */
  DerReader constructed(int tag) throws DerFormatException {
    next(tag);
    return new DerReader(buf, contentStart, contentEnd);
  }

  DerReader sequence() throws DerFormatException {
    return constructed(SEQUENCE);
  }

  /** Reads a SEQUENCE and returns its complete encoding (tag, length and contents). */
  byte[] sequenceEncoding() throws DerFormatException {
    next(SEQUENCE);
    return Arrays.copyOfRange(buf, elementStart, contentEnd);
  }

  /** Reads any element with the given tag and returns its contents. */
  byte[] primitive(int tag) throws DerFormatException {
    next(tag);
    return Arrays.copyOfRange(buf, contentStart, contentEnd);
  }

  /** Skips the next element, whatever its tag (only single-byte tags are valid here). */
  void skip() throws DerFormatException {
    if (pos >= end) {
      throw new DerFormatException("missing element");
    }
    int tag = buf[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new DerFormatException("multi-byte tags are not supported");
    }
    next(tag);
  }

  /** Reads an INTEGER's minimal two's-complement contents. */
  byte[] integerBytes() throws DerFormatException {
    next(INTEGER);
    int len = contentEnd - contentStart;
    if (len == 0) {
      throw new DerFormatException("empty INTEGER");
    }
    if (len > 1) {
      int b0 = buf[contentStart] & 0xff;
      int b1 = buf[contentStart + 1] & 0x80;
      if ((b0 == 0x00 && b1 == 0) || (b0 == 0xff && b1 != 0)) {
        throw new DerFormatException("non-minimal INTEGER");
      }
    }
    return Arrays.copyOfRange(buf, contentStart, contentEnd);
  }

  /** Reads a non-negative INTEGER. */
  BigInteger nonNegativeInteger() throws DerFormatException {
    byte[] v = integerBytes();
    if ((v[0] & 0x80) != 0) {
      throw new DerFormatException("negative INTEGER");
    }
    return new BigInteger(1, v);
  }

  /** Reads a small non-negative INTEGER such as a version number. */
  int smallInteger() throws DerFormatException {
    byte[] v = integerBytes();
    if ((v[0] & 0x80) != 0 || v.length > 3) {
      throw new DerFormatException("INTEGER out of range");
    }
    int r = 0;
    for (byte b : v) {
      r = (r << 8) | (b & 0xff);
    }
    return r;
  }

  /** Reads an OBJECT IDENTIFIER and returns its contents (the encoded arcs). */
  byte[] oid() throws DerFormatException {
    byte[] v = primitive(OID);
    if (v.length == 0 || (v[v.length - 1] & 0x80) != 0) {
      throw new DerFormatException("malformed OBJECT IDENTIFIER");
    }
    for (int i = 0; i < v.length; i++) {
      // a sub-identifier never starts with 0x80 (non-minimal base-128 encoding)
      if ((v[i] & 0xff) == 0x80 && (i == 0 || (v[i - 1] & 0x80) == 0)) {
        throw new DerFormatException("non-minimal OBJECT IDENTIFIER");
      }
    }
    return v;
  }

  void nullValue() throws DerFormatException {
    next(NULL);
    if (contentEnd != contentStart) {
      throw new DerFormatException("NULL with contents");
    }
  }

  byte[] octetString() throws DerFormatException {
    return primitive(OCTET_STRING);
  }

  /** Reads a BIT STRING whose length is a whole number of bytes and returns those bytes. */
  byte[] bitStringBytes() throws DerFormatException {
    byte[] v = primitive(BIT_STRING);
    if (v.length == 0 || v[0] != 0) {
      throw new DerFormatException("BIT STRING with unused bits");
    }
    return Arrays.copyOfRange(v, 1, v.length);
  }

  /** Whether the next element is the context-specific constructed tag {@code [n]}. */
  boolean nextIsContext(int n) {
    return peekTag() == (0xa0 | n);
  }

  /** Reads the context-specific constructed element {@code [n]} and returns a reader over it. */
  DerReader context(int n) throws DerFormatException {
    return constructed(0xa0 | n);
  }

  /** Renders OID contents in dotted form, for messages. */
  static String oidToString(byte[] oid) {
    StringBuilder sb = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (byte b : oid) {
      if (value > (Long.MAX_VALUE >> 7)) {
        return "(oversized OID)";
      }
      value = (value << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        if (first) {
          long a = Math.min(value / 40, 2);
          sb.append(a).append('.').append(value - 40 * a);
          first = false;
        } else {
          sb.append('.').append(value);
        }
        value = 0;
      }
    }
    return sb.toString();
  }
}
