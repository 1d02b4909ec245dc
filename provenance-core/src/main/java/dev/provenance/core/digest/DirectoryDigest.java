package dev.provenance.core.digest;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.internal.digest.DirHash;
import dev.provenance.core.internal.digest.Names;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The digests of a directory tree, as returned by {@link Digester#digestTree}: the tree's {@code
 * dirHash} and {@code gitTree}, and a manifest with the digests of every regular file.
 *
 * <p>{@code dirHash} is Go's {@code dirhash.Hash1} as the <a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/digest_set.md">in-toto
 * DigestSet</a> defines it: the same SHA-256 that Go prints as {@code h1:} and base64, written as
 * lowercase hex without the prefix (the spec's example names the key {@code dirHash1}; this SDK
 * uses {@code dirHash}, the key the spec defines). {@link #goDirHash()} gives Go's form, to compare
 * with a {@code go.sum} line.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param digests {@code dirHash} and {@code gitTree} of the tree
 * @param manifest the regular files, sorted by the UTF-8 bytes of their names
 */
public record DirectoryDigest(DigestSet digests, List<ManifestEntry> manifest) {
  /**
   * Checks and copies the components.
   *
   * @param digests the {@code digests} component
   * @param manifest the {@code manifest} component
   * @throws IllegalArgumentException if {@code dirHash} or {@code gitTree} is missing, an entry
   *     lacks {@code sha256}, or the entries are not sorted by name without duplicates
   */
  public DirectoryDigest {
    Objects.requireNonNull(digests, "digests");
    manifest = List.copyOf(manifest);
    if (digests.get(DigestAlgorithm.DIR_HASH).isEmpty()
        || digests.get(DigestAlgorithm.GIT_TREE).isEmpty()) {
      throw new IllegalArgumentException("dirHash and gitTree are required");
    }
    String previous = null;
    for (ManifestEntry e : manifest) {
      if (e.digests().get(DigestAlgorithm.SHA256).isEmpty()) {
        throw new IllegalArgumentException("manifest entry without sha256: " + e.name());
      }
      if (previous != null && Names.compareUtf8(previous, e.name()) >= 0) {
        throw new IllegalArgumentException("manifest not sorted by name at " + e.name());
      }
      previous = e.name();
    }
  }

  /**
   * Returns the tree's {@code dirHash}.
   *
   * @return 64 lowercase hex digits
   */
  public String dirHash() {
    return digests.get(DigestAlgorithm.DIR_HASH).orElseThrow();
  }

  /**
   * Returns the tree's git tree id, in the digester's object format.
   *
   * @return 40 or 64 lowercase hex digits
   */
  public String gitTree() {
    return digests.get(DigestAlgorithm.GIT_TREE).orElseThrow();
  }

  /**
   * Returns {@code dirHash} the way Go writes it in {@code go.sum}: {@code h1:} and standard
   * base64.
   *
   * @return for example {@code h1:Khu2En+0gcYPZ2kuIihfswbzxv/mIHXgzPZ018Oty48=}
   */
  public String goDirHash() {
    return "h1:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(dirHash()));
  }

  /**
   * Returns the manifest as the text that {@code dirHash} is the SHA-256 of: one line {@code
   * <sha256 hex>  <name>} per file, which {@code sha256sum -c} can check inside the tree.
   *
   * @return the manifest text (UTF-8 when written out)
   */
  public String manifestText() {
    List<DirHash.Line> lines = new ArrayList<>(manifest.size());
    HexFormat hex = HexFormat.of();
    for (ManifestEntry e : manifest) {
      lines.add(
          new DirHash.Line(
              e.name(), hex.parseHex(e.digests().get(DigestAlgorithm.SHA256).orElseThrow())));
    }
    return DirHash.summary(lines);
  }

  /**
   * Returns the total size of the files in the manifest.
   *
   * @return the sum of the entry sizes
   */
  public long totalBytes() {
    long total = 0;
    for (ManifestEntry e : manifest) {
      total += e.size();
    }
    return total;
  }
}
