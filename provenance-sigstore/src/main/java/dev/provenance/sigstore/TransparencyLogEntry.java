package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * A transparency log (Rekor) entry carried in a bundle: where it is in the log, the canonicalized
 * body that was logged, and the log's evidence for it.
 *
 * @param logIndex the entry's global index in the log
 * @param logId the log's id (the SHA-256 of its public key, or its C2SP key id)
 * @param kind the body kind, for example {@code hashedrekord}, {@code dsse}, {@code intoto}
 * @param kindVersion the body version, for example {@code 0.0.1}
 * @param integratedTime when the log integrated the entry, in seconds since the epoch; 0 when the
 *     log gives no time (Rekor v2). It is trusted only when the inclusion promise verifies
 * @param inclusionPromise the signed entry timestamp (SET); required in bundle v0.1
 * @param inclusionProof the inclusion proof; required from bundle v0.2 on
 * @param canonicalizedBody the exact bytes the log hashed as the leaf
 */
public record TransparencyLogEntry(
    long logIndex,
    Bytes logId,
    String kind,
    String kindVersion,
    long integratedTime,
    Optional<Bytes> inclusionPromise,
    Optional<InclusionProof> inclusionProof,
    Bytes canonicalizedBody) {
  /**
   * Checks that no component is null.
   *
   * @param logIndex the {@code logIndex} component
   * @param logId the {@code logId} component
   * @param kind the {@code kind} component
   * @param kindVersion the {@code kindVersion} component
   * @param integratedTime the {@code integratedTime} component
   * @param inclusionPromise the {@code inclusionPromise} component
   * @param inclusionProof the {@code inclusionProof} component
   * @param canonicalizedBody the {@code canonicalizedBody} component
   */
  public TransparencyLogEntry {
    Objects.requireNonNull(logId, "logId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(kindVersion, "kindVersion");
    Objects.requireNonNull(inclusionPromise, "inclusionPromise");
    Objects.requireNonNull(inclusionProof, "inclusionProof");
    Objects.requireNonNull(canonicalizedBody, "canonicalizedBody");
  }
}
