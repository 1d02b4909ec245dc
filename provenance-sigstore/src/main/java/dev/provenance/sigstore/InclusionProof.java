package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 6962 inclusion proof of a transparency log entry, with the log's signed checkpoint.
 *
 * @param logIndex the index of the entry in the tree the proof is for (a shard's tree for sharded
 *     Rekor v1 logs, which can differ from the entry's global index)
 * @param rootHash the root hash of that tree
 * @param treeSize the size of that tree
 * @param hashes the audit path, leaf to root
 * @param checkpoint the signed-note checkpoint for the root; required from bundle v0.2 on
 */
public record InclusionProof(
    long logIndex, Bytes rootHash, long treeSize, List<Bytes> hashes, Optional<String> checkpoint) {
  /**
   * Checks the components.
   *
   * @param logIndex the {@code logIndex} component
   * @param rootHash the {@code rootHash} component
   * @param treeSize the {@code treeSize} component
   * @param hashes the {@code hashes} component
   * @param checkpoint the {@code checkpoint} component
   */
  public InclusionProof {
    Objects.requireNonNull(rootHash, "rootHash");
    hashes = Collections2.listCopy(hashes, "hashes");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }
}
