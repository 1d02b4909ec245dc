package dev.provenance.core.chain;

import dev.provenance.api.Bytes;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * A step that {@link ChainRecorder} recorded: the statement, the signed envelope, the exact bytes
 * stored and their SHA-256, by which the next step names it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the step name
 * @param statement the signed statement
 * @param envelope the DSSE envelope
 * @param bytes the envelope as stored (one JSON line)
 * @param digest the SHA-256 of {@code bytes}
 * @param stored where it was stored, when the recorder has a store
 */
public record RecordedStep(
    String name,
    Statement statement,
    Envelope envelope,
    Bytes bytes,
    DigestSet digest,
    Optional<StoredAttestation> stored) {
  /**
   * Checks that no component is null.
   *
   * @param name the {@code name} component
   * @param statement the {@code statement} component
   * @param envelope the {@code envelope} component
   * @param bytes the {@code bytes} component
   * @param digest the {@code digest} component
   * @param stored the {@code stored} component
   */
  public RecordedStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(stored, "stored");
  }
}
