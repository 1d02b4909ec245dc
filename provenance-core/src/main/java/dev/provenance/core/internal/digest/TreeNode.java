package dev.provenance.core.internal.digest;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a scanned directory tree. Immutable after the scan.
 *
 * <p>A directory that holds a nested git checkout keeps its scanned content (for content hashes)
 * and also the checkout's HEAD commit, which is what git records for it (a gitlink).
 */
public final class TreeNode {
  /** The kind of entry, with its git tree mode. */
  public enum Kind {
    /** A directory. */
    DIRECTORY("40000"),
    /** A regular file without the owner-execute bit. */
    FILE("100644"),
    /** A regular file with the owner-execute bit. */
    EXECUTABLE("100755"),
    /** A symbolic link, recorded by its target text. */
    SYMLINK("120000");

    private final String gitMode;

    Kind(String gitMode) {
      this.gitMode = gitMode;
    }

    /**
     * Returns the mode git writes for this kind in a tree object.
     *
     * @return the octal mode without leading zeros
     */
    public String gitMode() {
      return gitMode;
    }
  }

  private final String name;
  private final String path;
  private final Kind kind;
  private final List<TreeNode> children;
  private final int fileIndex;
  private final byte[] linkTarget;
  private final String gitlink;

  private TreeNode(
      String name,
      String path,
      Kind kind,
      List<TreeNode> children,
      int fileIndex,
      byte[] linkTarget,
      String gitlink) {
    this.name = name;
    this.path = path;
    this.kind = kind;
    this.children = children;
    this.fileIndex = fileIndex;
    this.linkTarget = linkTarget;
    this.gitlink = gitlink;
  }

  static TreeNode directory(String name, String path, List<TreeNode> children, String gitlink) {
    return new TreeNode(name, path, Kind.DIRECTORY, List.copyOf(children), -1, null, gitlink);
  }

  static TreeNode file(String name, String path, boolean executable, int fileIndex) {
    return new TreeNode(
        name, path, executable ? Kind.EXECUTABLE : Kind.FILE, List.of(), fileIndex, null, null);
  }

  static TreeNode symlink(String name, String path, byte[] target) {
    return new TreeNode(name, path, Kind.SYMLINK, List.of(), -1, target.clone(), null);
  }

  /**
   * Returns the entry's name within its directory.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the slash-separated path from the tree root; empty for the root.
   *
   * @return the relative path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the entries of a directory, in no particular order.
   *
   * @return the children; empty for other kinds
   */
  public List<TreeNode> children() {
    return children;
  }

  /**
   * Returns the position of a regular file in {@link ScannedTree#files()}.
   *
   * @return the index, or -1 for other kinds
   */
  public int fileIndex() {
    return fileIndex;
  }

  /**
   * Returns the target text of a symbolic link, as UTF-8.
   *
   * @return a copy of the target bytes; empty for other kinds
   */
  public byte[] linkTarget() {
    return linkTarget == null ? new byte[0] : linkTarget.clone();
  }

  /**
   * Returns the HEAD commit of a nested git checkout in this directory.
   *
   * @return the commit id in hex, or empty
   */
  public Optional<String> gitlink() {
    return Optional.ofNullable(gitlink);
  }
}
