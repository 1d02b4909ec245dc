package dev.provenance.core.chain;

import dev.provenance.api.Bytes;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.internal.chain.EvidenceDigests;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One attestation as stored: the file, its location ({@code file:line} for JSON Lines) and the
 * exact bytes, whose SHA-256 is the digest by which a later step names it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param file the file it is stored in
 * @param location the file name and line, for example {@code build.intoto.jsonl:1}
 * @param bytes the stored bytes, without the line terminator
 */
public record StoredAttestation(Path file, String location, Bytes bytes) {
  /**
   * Checks that no component is null.
   *
   * @param file the {@code file} component
   * @param location the {@code location} component
   * @param bytes the {@code bytes} component
   */
  public StoredAttestation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * Returns the SHA-256 of the stored bytes, the digest by which later steps name this
   * attestation.
   *
   * @return {@code {sha256: hex}}
   */
  public DigestSet digest() {
    return EvidenceDigests.sha256(bytes.toByteArray());
  }
}
