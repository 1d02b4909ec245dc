package dev.provenance.core.internal.digest;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.core.digest.GitHead;
import dev.provenance.core.digest.GitObjectFormat;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a directory tree without following symbolic links, checking names and limits, in a
 * deterministic order (names sorted by UTF-8 bytes), so the first error reported does not depend
 * on the order the file system lists entries in. Used by one thread.
 *
 * <p>Entries named {@code .git} are never part of the tree: at the root they are the checkout's
 * own repository, below it they mark a nested checkout, which git records as a gitlink to its HEAD
 * commit.
 */
public final class TreeScanner {
  /** What the scan is for. */
  public enum Mode {
    /**
     * Content hashes (dirHash, manifest) and the git tree. Symbolic links are rejected: dirHash
     * cannot tell a link from a file holding the same bytes, and the tools that define it disagree
     * on links (Go's {@code HashDir} follows them, the in-toto recipe {@code find -type f} skips
     * them). Names must not contain newlines, which would forge dirHash lines.
     */
    CONTENT,
    /** The git tree only: symbolic links are recorded by their target text, as git does. */
    GIT
  }

  private static final String GIT_DIR = ".git";

  private final Mode mode;
  private final boolean portable;
  private final long maxEntries;
  private final long maxTotalBytes;
  private final int maxDepth;
  private final GitObjectFormat objectFormat;

  private final List<ScannedTree.ScannedFile> files = new ArrayList<>();
  private long entries;
  private long totalBytes;

  private TreeScanner(
      Mode mode,
      boolean portable,
      long maxEntries,
      long maxTotalBytes,
      int maxDepth,
      GitObjectFormat objectFormat) {
    this.mode = mode;
    this.portable = portable;
    this.maxEntries = maxEntries;
    this.maxTotalBytes = maxTotalBytes;
    this.maxDepth = maxDepth;
    this.objectFormat = objectFormat;
  }

  /**
   * Scans the tree at {@code root}.
   *
   * @param root the directory (a symbolic link here is followed: the caller named it)
   * @param mode what the scan is for
   * @param portable whether non-portable names are rejected
   * @param maxEntries the most entries (files, links, directories) accepted
   * @param maxTotalBytes the most content bytes accepted
   * @param maxDepth the deepest directory nesting accepted
   * @param objectFormat the object format that nested checkouts must use
   * @return the scanned tree
   * @throws MalformedInputException MALFORMED_INPUT for unreadable entries, rejected names and
   *     kinds; RESOURCE_LIMIT_EXCEEDED when a limit is passed; UNSUPPORTED_FORMAT for a nested
   *     checkout of another object format
   */
  public static ScannedTree scan(
      Path root,
      Mode mode,
      boolean portable,
      long maxEntries,
      long maxTotalBytes,
      int maxDepth,
      GitObjectFormat objectFormat)
      throws MalformedInputException {
    if (!Files.isDirectory(root)) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, root.toString(), "not a directory");
    }
    TreeScanner s =
        new TreeScanner(mode, portable, maxEntries, maxTotalBytes, maxDepth, objectFormat);
    TreeNode node = s.directory(root, "", "", 0);
    return new ScannedTree(node, s.files, s.totalBytes);
  }

  private TreeNode directory(Path dir, String rel, String name, int depth)
      throws MalformedInputException {
    if (depth > maxDepth) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          dir.toString(),
          "directories nested deeper than " + maxDepth);
    }
    List<String> names = list(dir);
    names.sort(Names.UTF8_ORDER);
    String gitlink = null;
    if (depth > 0 && names.contains(GIT_DIR)) {
      gitlink = nestedCheckoutHead(dir);
      if (mode == Mode.GIT) {
        return TreeNode.directory(name, rel, List.of(), gitlink);
      }
    }
    Map<String, String> seen = portable ? new HashMap<>() : Map.of();
    List<TreeNode> children = new ArrayList<>(names.size());
    for (String childName : names) {
      if (childName.equals(GIT_DIR)) {
        continue;
      }
      Path child = dir.resolve(childName);
      String childRel = rel.isEmpty() ? childName : rel + "/" + childName;
      Optional<String> problem = Names.checkEntryName(childName, portable, mode == Mode.CONTENT);
      if (problem.isPresent()) {
        throw malformed(child, problem.get());
      }
      if (portable) {
        String other = seen.put(Names.collisionKey(childName), childName);
        if (other != null) {
          throw malformed(
              child,
              "name collides with '" + other + "' on case- or normalization-insensitive systems");
        }
      }
      if (++entries > maxEntries) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            child.toString(),
            "more than " + maxEntries + " entries in the tree");
      }
      children.add(entry(child, childRel, childName, depth));
    }
    return TreeNode.directory(name, rel, children, gitlink);
  }

  private TreeNode entry(Path path, String rel, String name, int depth)
      throws MalformedInputException {
    BasicFileAttributes attrs = lstat(path);
    if (attrs.isDirectory()) {
      return directory(path, rel, name, depth + 1);
    }
    if (attrs.isRegularFile()) {
      addBytes(path, attrs.size());
      boolean executable = isExecutable(attrs);
      files.add(new ScannedTree.ScannedFile(rel, path, attrs.size(), executable));
      return TreeNode.file(name, rel, executable, files.size() - 1);
    }
    if (attrs.isSymbolicLink()) {
      if (mode == Mode.CONTENT) {
        throw malformed(
            path,
            "symbolic link: dirHash and the manifest hash file content only"
                + " (use the git tree id for trees with links)");
      }
      String target;
      try {
        target = Files.readSymbolicLink(path).toString();
      } catch (IOException e) {
        throw HashEngine.unreadable(path.toString(), e);
      }
      if (target.indexOf('\uFFFD') >= 0) {
        throw malformed(path, "link target is not valid UTF-8");
      }
      byte[] bytes = Names.utf8(target);
      addBytes(path, bytes.length);
      return TreeNode.symlink(name, rel, bytes);
    }
    throw malformed(path, "not a regular file, directory or symbolic link");
  }

  private void addBytes(Path path, long size) throws MalformedInputException {
    if (size > maxTotalBytes - totalBytes) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          path.toString(),
          "tree content exceeds the limit of " + maxTotalBytes + " bytes");
    }
    totalBytes += size;
  }

  private List<String> list(Path dir) throws MalformedInputException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        // Bound the listing itself, not just the entries kept: one huge directory is enough.
        if (names.size() >= maxEntries - entries + 1) {
          throw new MalformedInputException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED,
              dir.toString(),
              "more than " + maxEntries + " entries in the tree");
        }
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw HashEngine.unreadable(dir.toString(), e);
    } catch (DirectoryIteratorException e) {
      throw HashEngine.unreadable(dir.toString(), e.getCause());
    }
    return names;
  }

  private String nestedCheckoutHead(Path dir) throws MalformedInputException {
    GitHead head = GitRepository.readHead(dir);
    if (head.objectFormat() != objectFormat) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT,
          dir.toString(),
          "nested checkout uses "
              + head.objectFormat().configName()
              + " object ids, the tree "
              + objectFormat.configName());
    }
    return head.commit();
  }

  /**
   * Returns whether git would record a file with these attributes as executable: the
   * owner-execute bit, as git checks it.
   *
   * @param attrs the attributes
   * @return true for mode 100755
   */
  public static boolean isExecutable(BasicFileAttributes attrs) {
    return attrs instanceof PosixFileAttributes
        && ((PosixFileAttributes) attrs).permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /**
   * Reads the attributes of {@code path} itself, not of a link's target: POSIX attributes where
   * the file system has them.
   *
   * @param path the path, also the error location
   * @return the attributes
   * @throws MalformedInputException MALFORMED_INPUT if they cannot be read
   */
  public static BasicFileAttributes lstat(Path path) throws MalformedInputException {
    try {
      try {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException e) {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw HashEngine.unreadable(path.toString(), e);
    }
  }

  private static MalformedInputException malformed(Path path, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, path.toString(), message);
  }

}
