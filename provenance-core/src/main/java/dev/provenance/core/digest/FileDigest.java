package dev.provenance.core.digest;

import dev.provenance.api.digest.DigestSet;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The digests of one file, as returned by {@link Digester#digestAll}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the path as the caller gave it
 * @param size the number of bytes hashed
 * @param digests the digests, one per configured algorithm
 */
public record FileDigest(Path path, long size, DigestSet digests) {
  /**
   * Checks the components.
   *
   * @param path the {@code path} component
   * @param size the {@code size} component
   * @param digests the {@code digests} component
   * @throws IllegalArgumentException if the size is negative
   */
  public FileDigest {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(digests, "digests");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
  }
}
