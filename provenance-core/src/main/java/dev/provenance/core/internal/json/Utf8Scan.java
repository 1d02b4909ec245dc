package dev.provenance.core.internal.json;

/**
 * One pass over a JSON document's bytes before tokenising, checking what the tokenizer does not:
 * that the bytes are well-formed UTF-8 (RFC 3629: no overlong forms such as {@code C0 AF}, no
 * encoded surrogates, nothing above U+10FFFF), and that no control character other than tab, line
 * feed and carriage return occurs anywhere. Since JSON never allows those controls unescaped, the
 * second rule also guarantees that no NUL byte can make the tokenizer guess UTF-16 or UTF-32.
 *
 * <p>It also notes whether a {@code \}{@code uD} escape occurs, so that decoded strings need to be
 * checked for unpaired surrogates only when one might be present. Not thread-safe; one per scan.
 */
final class Utf8Scan {
  /** Offset of the first bad byte, relative to the scanned range, or -1. */
  final int badOffset;

  /** Whether a backslash-u-D sequence (a possible surrogate escape) occurs. */
  final boolean surrogateEscape;

  private Utf8Scan(int badOffset, boolean surrogateEscape) {
    this.badOffset = badOffset;
    this.surrogateEscape = surrogateEscape;
  }

  static Utf8Scan scan(byte[] b, int off, int len) {
    boolean escape = false;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i];
      if (c >= 0x20) {
        // Printable ASCII, the common case.
        if (c == '\\' && i + 2 < end && b[i + 1] == 'u' && (b[i + 2] | 0x20) == 'd') {
          escape = true;
        }
        i++;
        continue;
      }
      if (c >= 0) {
        if (c == '\t' || c == '\n' || c == '\r') {
          i++;
          continue;
        }
        return new Utf8Scan(i - off, escape);
      }
      c &= 0xff;
      int need;
      int lo = 0x80;
      int hi = 0xbf;
      if (c < 0xc2) {
        return new Utf8Scan(i - off, escape); // continuation byte, or overlong C0/C1 lead
      } else if (c < 0xe0) {
        need = 1;
      } else if (c < 0xf0) {
        need = 2;
        if (c == 0xe0) {
          lo = 0xa0; // overlong three-byte form
        } else if (c == 0xed) {
          hi = 0x9f; // U+D800..U+DFFF encoded directly
        }
      } else if (c < 0xf5) {
        need = 3;
        if (c == 0xf0) {
          lo = 0x90; // overlong four-byte form
        } else if (c == 0xf4) {
          hi = 0x8f; // above U+10FFFF
        }
      } else {
        return new Utf8Scan(i - off, escape);
      }
      if (i + need >= end) {
        return new Utf8Scan(i - off, escape); // truncated sequence
      }
      int c1 = b[i + 1] & 0xff;
      if (c1 < lo || c1 > hi) {
        return new Utf8Scan(i + 1 - off, escape);
      }
      for (int k = 2; k <= need; k++) {
        int ck = b[i + k] & 0xff;
        if (ck < 0x80 || ck > 0xbf) {
          return new Utf8Scan(i + k - off, escape);
        }
      }
      i += need + 1;
    }
    return new Utf8Scan(-1, escape);
  }
}
