package dev.provenance.core.internal.chain;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams stored attestations from files and directories without holding more than one at a
 * time: a {@code .jsonl} file holds one attestation per non-blank line; any other file holds one.
 * A directory contributes its regular files whose names end in {@code .jsonl}, {@code .json},
 * {@code .link} or {@code .dsse}, in name order (not recursively).
 *
 * <p>Each attestation is capped at {@code maxBytes}: a longer one is reported as oversized after
 * reading at most the cap, and the rest of its line is skipped. Not thread-safe.
 */
public final class StoredReader {
  /** Receives each stored attestation. */
  public interface Sink {
    /**
     * Receives one attestation.
     *
     * @param location file name, with {@code :line} for JSON Lines
     * @param bytes its bytes, or empty with {@code oversized} set when it exceeded the cap
     * @param oversized whether it exceeded the cap and was not read
     * @return false to stop reading
     */
    boolean accept(String location, byte[] bytes, boolean oversized);
  }

  private final int maxBytes;

  /**
   * Creates a reader.
   *
   * @param maxBytes the largest attestation accepted
   */
  public StoredReader(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Lists the attestation files a path stands for.
   *
   * @param path a file or directory
   * @return the files, in name order for a directory
   * @throws IOException if the path cannot be listed
   */
  public static List<Path> files(Path path) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(path)) {
      out.add(path);
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (Files.isRegularFile(p)
            && (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".link") || n.endsWith(".dsse"))) {
          out.add(p);
        }
      }
    }
    out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return out;
  }

  /**
   * Reads every attestation under the paths.
   *
   * @param paths files or directories
   * @param sink receives each attestation
   * @throws IOException if a file cannot be read
   */
  public void read(List<Path> paths, Sink sink) throws IOException {
    for (Path path : paths) {
      for (Path file : files(path)) {
        if (!readFile(file, sink)) {
          return;
        }
      }
    }
  }

  private boolean readFile(Path file, Sink sink) throws IOException {
    String name = file.getFileName().toString();
    boolean lines = name.endsWith(".jsonl");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      if (!lines) {
        byte[] b = in.readNBytes(maxBytes + 1);
        if (b.length > maxBytes) {
          return sink.accept(name, new byte[0], true);
        }
        return sink.accept(name, b, false);
      }
      return readLines(name, in, sink);
    }
  }

  /**
   * Reads JSON Lines from a stream.
   *
   * @param name the name used in locations
   * @param in the stream
   * @param sink receives each non-blank line
   * @return false if the sink asked to stop
   * @throws IOException if the stream fails
   */
  public boolean readLines(String name, InputStream in, Sink sink) throws IOException {
    byte[] chunk = new byte[1 << 16];
    byte[] line = new byte[8192];
    int len = 0;
    int lineNo = 0;
    boolean oversized = false;
    while (true) {
      int n = in.read(chunk);
      int from = 0;
      for (int i = 0; i < Math.max(n, 0); i++) {
        if (chunk[i] != '\n') {
          continue;
        }
        // append chunk[from, i) and emit the line
        if (!oversized) {
          int add = i - from;
          if ((long) len + add > maxBytes) {
            oversized = true;
          } else {
            line = ensure(line, len + add);
            System.arraycopy(chunk, from, line, len, add);
            len += add;
          }
        }
        lineNo++;
        if (!emit(name, lineNo, line, len, oversized, sink)) {
          return false;
        }
        len = 0;
        oversized = false;
        from = i + 1;
      }
      if (n < 0) {
        if (len > 0 || oversized) {
          return emit(name, lineNo + 1, line, len, oversized, sink);
        }
        return true;
      }
      if (!oversized) {
        int add = n - from;
        if ((long) len + add > maxBytes) {
          oversized = true;
          len = 0;
        } else {
          line = ensure(line, len + add);
          System.arraycopy(chunk, from, line, len, add);
          len += add;
        }
      }
    }
  }

  private static byte[] ensure(byte[] b, int size) {
    if (size <= b.length) {
      return b;
    }
    return java.util.Arrays.copyOf(b, Math.max(size, (int) Math.min((long) b.length * 2, Integer.MAX_VALUE - 8)));
  }

  private static boolean emit(
      String name, int lineNo, byte[] line, int len, boolean oversized, Sink sink) {
    if (oversized) {
      return sink.accept(name + ":" + lineNo, new byte[0], true);
    }
    if (blank(line, len)) {
      return true;
    }
    int end = len;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    return sink.accept(name + ":" + lineNo, java.util.Arrays.copyOf(line, end), false);
  }

  private static boolean blank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
