package dev.provenance.examples.cli.chain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a deterministic {@code .tar.gz}: POSIX ustar entries in name order with fixed mode,
 * owner, group and modification time, gzip with no file name and a zero timestamp. The same files
 * always give the same bytes, so a release archive can be reproduced and its digest compared.
 *
 * <p>Stateless and thread-safe.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * Writes an archive of the given files.
   *
   * @param out the archive file to create
   * @param entries archive names (relative, '/'-separated, at most 100 bytes) to source files
   * @param mtime the modification time written for every entry, in seconds since the epoch
   * @throws IOException if a file cannot be read or the archive written
   */
  static void write(Path out, Map<String, Path> entries, long mtime) throws IOException {
    TreeMap<String, Path> sorted = new TreeMap<>(entries);
    try (OutputStream file = Files.newOutputStream(out);
        GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16)) {
      for (Map.Entry<String, Path> e : sorted.entrySet()) {
        byte[] content = Files.readAllBytes(e.getValue());
        gz.write(header(e.getKey(), content.length, mtime));
        gz.write(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        gz.write(new byte[pad]);
      }
      gz.write(new byte[2 * BLOCK]); // end-of-archive marker: two zero blocks
    }
  }

  private static byte[] header(String name, long size, long mtime) throws IOException {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length == 0 || n.length > 100) {
      throw new IOException("tar entry name must be 1 to 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(n, 0, h, 0, n.length);
    octal(h, 100, 8, 0644); // mode
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    for (int i = 148; i < 156; i++) {
      h[i] = ' '; // checksum field counts as spaces while summing
    }
    h[156] = '0'; // regular file
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  /** Writes {@code value} as zero-padded octal digits followed by NUL in {@code len} bytes. */
  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    int digits = len - 1;
    if (s.length() > digits) {
      throw new IllegalArgumentException("value too large for tar header field: " + value);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = s.length(); i < digits; i++) {
      b.write('0');
    }
    b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    System.arraycopy(b.toByteArray(), 0, h, off, digits);
    h[off + digits] = 0;
  }
}
