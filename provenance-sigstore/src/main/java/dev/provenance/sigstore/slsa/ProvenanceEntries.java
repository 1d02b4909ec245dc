package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a provenance file into its attestations: one JSON document (a Sigstore bundle, which may
 * span several lines) or JSON Lines ({@code .intoto.jsonl}: one bundle or legacy DSSE envelope per
 * line; blank lines are ignored). Nothing is parsed beyond what tells the two apart. Stateless.
 */
final class ProvenanceEntries {
  private ProvenanceEntries() {}

  /** One attestation of the file: its 0-based position and its bytes. */
  record Entry(int index, byte[] json) {}

  /**
   * Splits a file.
   *
   * @param file the file's bytes
   * @param codec the codec whose limits bound the file and each line
   * @param maxEntries the most attestations accepted
   * @return the entries, possibly none
   * @throws VerificationException {@code RESOURCE_LIMIT_EXCEEDED} for a file larger than the
   *     codec's input limit or with more than {@code maxEntries} lines
   */
  static List<Entry> split(byte[] file, JsonCodec codec, int maxEntries)
      throws VerificationException {
    if (file.length > codec.limits().maxInputBytes()) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "",
          "provenance of "
              + file.length
              + " bytes exceeds the limit of "
              + codec.limits().maxInputBytes());
    }
    if (isOneDocument(file, codec)) {
      return List.of(new Entry(0, file.clone()));
    }
    List<Entry> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        if (!isBlank(file, start, i)) {
          if (lines.size() == maxEntries) {
            throw new VerificationException(
                ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                "",
                "provenance holds more than " + maxEntries + " attestations");
          }
          lines.add(new Entry(lines.size(), Arrays.copyOfRange(file, start, i)));
        }
        start = i + 1;
      }
    }
    return List.copyOf(lines);
  }

  /**
   * A file that parses as one object is one attestation, however many lines it spans (a
   * pretty-printed bundle); a JSON Lines file fails this at the end of its first line.
   */
  private static boolean isOneDocument(byte[] file, JsonCodec codec) {
    try {
      JsonObject ignored = codec.parseObject(file);
      return ignored != null;
    } catch (MalformedInputException e) {
      return false;
    }
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
