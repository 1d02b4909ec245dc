package dev.provenance.core.internal.digest;

import dev.provenance.api.internal.ProvenanceBugException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Go's {@code dirhash.Hash1} (golang.org/x/mod/sumdb/dirhash): SHA-256 over one line {@code
 * <sha256 hex>  <name>\n} per file, sorted by name bytes. Go writes the result as {@code h1:} and
 * base64; the in-toto DigestSet key {@code dirHash} holds the same 32 bytes as lowercase hex.
 * Stateless.
 */
public final class DirHash {
  private DirHash() {}

  /**
   * A file's name and SHA-256, one line of the summary.
   *
   * @param name slash-separated name; must not contain a newline
   * @param sha256 the raw SHA-256 of the content
   */
  public record Line(String name, byte[] sha256) {}

  /**
   * Returns the summary text that dirHash hashes, which is also a {@code sha256sum -c} manifest.
   *
   * @param lines the files, sorted by {@link Names#UTF8_ORDER} of their names
   * @return the summary
   */
  public static String summary(List<Line> lines) {
    HexFormat hex = HexFormat.of();
    StringBuilder sb = new StringBuilder(lines.size() * 100);
    String previous = null;
    for (Line l : lines) {
      if (l.name().indexOf('\n') >= 0) {
        throw new ProvenanceBugException("newline in dirHash name");
      }
      if (previous != null && Names.compareUtf8(previous, l.name()) >= 0) {
        throw new ProvenanceBugException("dirHash lines not sorted");
      }
      previous = l.name();
      sb.append(hex.formatHex(l.sha256())).append("  ").append(l.name()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Returns the raw dirHash of a summary.
   *
   * @param summary the text from {@link #summary}
   * @return the SHA-256 of its UTF-8 bytes
   */
  public static byte[] hash(String summary) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(summary.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("every JDK provides SHA-256", e);
    }
  }
}
