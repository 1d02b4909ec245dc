package dev.provenance.core.json;

import dev.provenance.api.Finding;
import dev.provenance.api.dsse.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * The envelopes read from a JSON Lines document ({@code .intoto.jsonl}, <a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/bundle.md">in-toto bundle</a>),
 * and the lines that were skipped because they are not valid envelopes. The bundle is not
 * authenticated as a whole, and consumers must ignore unrecognized lines, so a bad line never
 * hides the good ones; each envelope still has to be verified on its own.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param envelopes the envelopes, in line order
 * @param skipped one finding per skipped line, located {@code line[N]} (1-based line number)
 *     followed by the JSON Pointer of the problem within the line
 */
public record EnvelopeLines(List<Envelope> envelopes, List<Finding> skipped) {
  /**
   * Copies both lists.
   *
   * @param envelopes the {@code envelopes} component
   * @param skipped the {@code skipped} component
   */
  public EnvelopeLines {
    envelopes = List.copyOf(Objects.requireNonNull(envelopes, "envelopes"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
  }
}
