package dev.provenance.core.digest;

import dev.provenance.api.digest.DigestSet;
import java.util.Objects;

/**
 * One regular file of a directory manifest: its path relative to the tree root and its digests.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the slash-separated path from the root, canonical (no empty, {@code .} or {@code ..}
 *     component, not absolute)
 * @param size the number of bytes hashed
 * @param executable whether the owner-execute bit was set (git mode 100755)
 * @param digests the configured algorithms plus {@code sha256} (used by dirHash) and {@code
 *     gitBlob} (used by the git tree)
 */
public record ManifestEntry(String name, long size, boolean executable, DigestSet digests) {
  /**
   * Checks the components.
   *
   * @param name the {@code name} component
   * @param size the {@code size} component
   * @param executable the {@code executable} component
   * @param digests the {@code digests} component
   * @throws IllegalArgumentException if the name is not a canonical relative path, contains NUL
   *     or a newline, or the size is negative
   */
  public ManifestEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digests, "digests");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0");
    }
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("invalid manifest name");
    }
    for (String component : name.split("/", -1)) {
      if (component.isEmpty() || component.equals(".") || component.equals("..")) {
        throw new IllegalArgumentException("manifest name is not canonical: " + name);
      }
    }
  }
}
