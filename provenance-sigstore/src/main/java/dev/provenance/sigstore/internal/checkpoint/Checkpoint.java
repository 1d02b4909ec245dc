package dev.provenance.sigstore.internal.checkpoint;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.core.internal.util.StrictBase64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a transparency log checkpoint (C2SP tlog-checkpoint): origin, tree size, root hash
 * and optional extension lines. Immutable and thread-safe.
 *
 * @param origin the log's origin line
 * @param treeSize the number of leaves
 * @param rootHash the Merkle tree root hash
 * @param extensions the lines after the root hash, for example Rekor's {@code Timestamp: ...}
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensions) {
  /**
   * Checks the components.
   *
   * @param origin the {@code origin} component
   * @param treeSize the {@code treeSize} component
   * @param rootHash the {@code rootHash} component
   * @param extensions the {@code extensions} component
   */
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /**
   * Parses a checkpoint body: the text of a signed note.
   *
   * @param text the note text, ending in a newline
   * @return the checkpoint
   * @throws MalformedInputException {@code MALFORMED_INPUT} if a line is missing, empty or
   *     malformed
   */
  public static Checkpoint parse(String text) throws MalformedInputException {
    if (!text.endsWith("\n")) {
      throw malformed("checkpoint text must end with a newline");
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end);
      if (line.isEmpty()) {
        throw malformed("empty line in checkpoint text");
      }
      lines.add(line);
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw malformed("a checkpoint needs origin, tree size and root hash lines");
    }
    long size = parseSize(lines.get(1));
    byte[] root;
    if (lines.get(2).indexOf('-') >= 0 || lines.get(2).indexOf('_') >= 0) {
      throw malformed("checkpoint root hash must be standard base64");
    }
    try {
      root = StrictBase64.decode(lines.get(2), 64);
    } catch (StrictBase64.DecodingException e) {
      throw malformed("checkpoint root hash is not valid base64");
    }
    if (root.length != 32) {
      throw malformed("checkpoint root hash must be 32 bytes, got " + root.length);
    }
    return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
  }

  private static long parseSize(String line) throws MalformedInputException {
    if (line.length() > 19 || (line.length() > 1 && line.charAt(0) == '0')) {
      throw malformed("checkpoint tree size is not a canonical decimal number");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed("checkpoint tree size is not a decimal number");
      }
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw malformed("checkpoint tree size is out of range");
    }
  }

  private static MalformedInputException malformed(String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, "", message);
  }
}
