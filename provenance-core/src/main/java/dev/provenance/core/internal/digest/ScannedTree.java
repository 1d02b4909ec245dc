package dev.provenance.core.internal.digest;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link TreeScanner#scan}: the tree and its regular files in scan order. Immutable.
 *
 * @param root the root directory node
 * @param files the regular files, indexed by {@link TreeNode#fileIndex()}
 * @param totalBytes the sum of the file sizes (and link target lengths) seen while scanning
 */
public record ScannedTree(TreeNode root, List<ScannedFile> files, long totalBytes) {
  /**
   * Copies the file list.
   *
   * @param root the root directory node
   * @param files the regular files
   * @param totalBytes the total size
   */
  public ScannedTree {
    files = List.copyOf(files);
  }

  /**
   * A regular file found by the scan.
   *
   * @param relativePath slash-separated path from the root
   * @param path the file system path (the caller's root resolved with the relative path)
   * @param size the size when listed
   * @param executable whether the owner-execute bit is set
   */
  public record ScannedFile(String relativePath, Path path, long size, boolean executable) {}
}
