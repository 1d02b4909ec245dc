package dev.provenance.sigstore.internal.x509;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;

/**
 * Bounds the nesting depth of BER/DER input before Bouncy Castle parses it. Its ASN.1 parser
 * recurses once per constructed level, so 3,000 nested SEQUENCE headers (12 KB) overflow a 1 MiB
 * thread stack: a {@code StackOverflowError} that no verifier may let escape. This walk is
 * iterative and reads only tags and lengths.
 *
 * <p>Stateless; thread-safe.
 */
public final class Asn1Nesting {
  /**
   * Deepest nesting accepted. Real inputs stay far below it: a time-stamp response reaches about
   * 14 levels (response, token, signed data, signer info, attributes, ESS certificate id, issuer
   * name), a certificate about 8.
   */
  public static final int MAX_DEPTH = 32;

  private static final int INDEFINITE = -1;

  private Asn1Nesting() {}

  /**
   * Checks that the input is one or more well-delimited TLVs nested at most {@link #MAX_DEPTH}
   * deep. Full structural validation is left to the parser that follows.
   *
   * @param encoding the BER or DER bytes
   * @param location where the input is, for the error
   * @throws VerificationException {@code RESOURCE_LIMIT_EXCEEDED} if nested deeper than the limit,
   *     {@code MALFORMED_INPUT} if a tag or length runs past its container
   */
  public static void check(byte[] encoding, String location) throws VerificationException {
    int[] ends = new int[MAX_DEPTH];
    int depth = 0;
    int pos = 0;
    while (true) {
      while (depth > 0 && ends[depth - 1] == pos) {
        depth--;
      }
      int limit = encoding.length;
      for (int i = depth - 1; i >= 0; i--) {
        if (ends[i] != INDEFINITE) {
          limit = ends[i];
          break;
        }
      }
      if (pos == encoding.length) {
        if (depth != 0) {
          throw malformed(location, "ASN.1 input ends inside a constructed value");
        }
        return;
      }
      if (depth > 0
          && ends[depth - 1] == INDEFINITE
          && encoding[pos] == 0
          && pos + 1 < limit
          && encoding[pos + 1] == 0) {
        pos += 2; // end-of-contents of an indefinite-length value
        depth--;
        continue;
      }
      int tag = encoding[pos++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        int tagBytes = 0;
        do {
          if (pos >= limit || ++tagBytes > 4) {
            throw malformed(location, "invalid ASN.1 tag");
          }
        } while ((encoding[pos++] & 0x80) != 0);
      }
      if (pos >= limit) {
        throw malformed(location, "ASN.1 length missing");
      }
      int first = encoding[pos++] & 0xFF;
      boolean constructed = (tag & 0x20) != 0;
      int length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x80) {
        if (!constructed) {
          throw malformed(location, "indefinite length on a primitive ASN.1 value");
        }
        length = INDEFINITE;
      } else {
        int count = first & 0x7F;
        if (count > 4 || pos + count > limit) {
          throw malformed(location, "invalid ASN.1 length");
        }
        long value = 0;
        for (int i = 0; i < count; i++) {
          value = (value << 8) | (encoding[pos++] & 0xFF);
        }
        if (value > Integer.MAX_VALUE) {
          throw malformed(location, "invalid ASN.1 length");
        }
        length = (int) value;
      }
      if (length != INDEFINITE && length > limit - pos) {
        throw malformed(location, "ASN.1 value runs past its container");
      }
      if (!constructed) {
        pos += length;
        continue;
      }
      if (depth == MAX_DEPTH) {
        throw new VerificationException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            location,
            "ASN.1 nesting deeper than " + MAX_DEPTH + " levels");
      }
      ends[depth++] = length == INDEFINITE ? INDEFINITE : pos + length;
    }
  }

  private static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
