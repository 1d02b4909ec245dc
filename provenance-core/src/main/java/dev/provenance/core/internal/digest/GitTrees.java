package dev.provenance.core.internal.digest;

import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.digest.GitObjectFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Git object ids computed in Java: {@code <type> SP <size> NUL <content>} hashed with the
 * repository's object hash; tree content is a series of {@code <mode> SP <name> NUL <raw id>}
 * entries in git's order (names compared as bytes, a directory as if its name ended in {@code /}).
 * Stateless.
 */
public final class GitTrees {
  private GitTrees() {}

  /**
   * Returns the id of an object with the given type and content.
   *
   * @param type {@code blob}, {@code tree}, {@code commit} or {@code tag}
   * @param content the object content
   * @param format the object format
   * @return the raw id
   */
  public static byte[] objectId(String type, byte[] content, GitObjectFormat format) {
    MessageDigest md = newDigest(format);
    md.update((type + " " + content.length).getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0);
    md.update(content);
    return md.digest();
  }

  /**
   * Computes the tree id of a scanned directory. Directories without any file below them are left
   * out, as git's index cannot hold them; the root is still written (the empty tree) when empty.
   *
   * @param root the directory
   * @param blobId the raw blob id of the regular file with a given {@link TreeNode#fileIndex()}
   * @param format the object format
   * @return the raw tree id
   */
  public static byte[] treeId(TreeNode root, IntFunction<byte[]> blobId, GitObjectFormat format) {
    return tree(root, blobId, format).orElseGet(() -> objectId("tree", new byte[0], format));
  }

  private static Optional<byte[]> tree(
      TreeNode dir, IntFunction<byte[]> blobId, GitObjectFormat format) {
    List<Entry> entries = new ArrayList<>(dir.children().size());
    for (TreeNode child : dir.children()) {
      byte[] name = Names.utf8(child.name());
      switch (child.kind()) {
        case DIRECTORY:
          if (child.gitlink().isPresent()) {
            byte[] commit = HexFormat.of().parseHex(child.gitlink().get());
            entries.add(new Entry("160000", name, false, commit));
          } else {
            Optional<byte[]> sub = tree(child, blobId, format);
            sub.ifPresent(id -> entries.add(new Entry("40000", name, true, id)));
          }
          break;
        case FILE:
        case EXECUTABLE:
          entries.add(
              new Entry(child.kind().gitMode(), name, false, blobId.apply(child.fileIndex())));
          break;
        case SYMLINK:
          entries.add(
              new Entry(
                  child.kind().gitMode(),
                  name,
                  false,
                  objectId("blob", child.linkTarget(), format)));
          break;
        default:
          throw new ProvenanceBugException("unknown kind " + child.kind());
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    entries.sort(GitTrees::compareEntries);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      out.writeBytes(e.mode.getBytes(StandardCharsets.US_ASCII));
      out.write(' ');
      out.writeBytes(e.name);
      out.write(0);
      out.writeBytes(e.id);
    }
    return Optional.of(objectId("tree", out.toByteArray(), format));
  }

  /** Git's base_name_compare: bytes, unsigned, a tree's name continuing with '/'. */
  private static int compareEntries(Entry a, Entry b) {
    int n = Math.min(a.name.length, b.name.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a.name[i] & 0xff, b.name[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    int ca = a.name.length > n ? a.name[n] & 0xff : a.tree ? '/' : 0;
    int cb = b.name.length > n ? b.name[n] & 0xff : b.tree ? '/' : 0;
    return Integer.compare(ca, cb);
  }

  private static MessageDigest newDigest(GitObjectFormat format) {
    try {
      return MessageDigest.getInstance(format.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("every JDK provides " + format.jcaName(), e);
    }
  }

  private static final class Entry {
    final String mode;
    final byte[] name;
    final boolean tree;
    final byte[] id;

    Entry(String mode, byte[] name, boolean tree, byte[] id) {
      this.mode = mode;
      this.name = name;
      this.tree = tree;
      this.id = id;
    }
  }
}
