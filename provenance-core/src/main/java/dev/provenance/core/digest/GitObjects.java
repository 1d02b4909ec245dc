package dev.provenance.core.digest;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.internal.digest.GitTrees;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Git object ids of content and directories, computed in Java as git computes them: the object
 * hash over {@code <type> SP <size> NUL <content>} (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/digest_set.md">in-toto {@code
 * gitBlob}, {@code gitTree}</a>). For other limits, names or executors, configure a {@link
 * Digester} and use its {@code gitBlob} algorithm and {@link Digester#gitTreeId(Path)}.
 *
 * <p>All methods are thread-safe.
 */
public final class GitObjects {
  private GitObjects() {}

  /**
   * Returns the blob id of content, as {@code git hash-object} prints it.
   *
   * @param content the content
   * @param format the object format
   * @return the id, lowercase hex
   */
  public static String blobId(byte[] content, GitObjectFormat format) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(format, "format");
    return HexFormat.of().formatHex(GitTrees.objectId("blob", content, format));
  }

  /**
   * Returns the blob id of a file's content, as {@code git hash-object FILE} prints it. A symbolic
   * link at {@code file} is followed (git records a link in a tree by its target text instead; see
   * {@link #treeId}).
   *
   * @param file the file
   * @param format the object format
   * @return the id, lowercase hex
   * @throws MalformedInputException as {@link Digester#digest(Path)}
   */
  public static String blobId(Path file, GitObjectFormat format) throws MalformedInputException {
    return digester(format).digest(file).get(DigestAlgorithm.GIT_BLOB).orElseThrow();
  }

  /**
   * Returns the tree id of a directory with the default limits and portable names required; see
   * {@link Digester#gitTreeId(Path)} for what is recorded.
   *
   * @param dir the directory
   * @param format the object format
   * @return the id, lowercase hex
   * @throws MalformedInputException as {@link Digester#gitTreeId(Path)}
   */
  public static String treeId(Path dir, GitObjectFormat format) throws MalformedInputException {
    return digester(format).gitTreeId(dir);
  }

  private static Digester digester(GitObjectFormat format) {
    Objects.requireNonNull(format, "format");
    try {
      return Digester.newBuilder()
          .algorithms(DigestAlgorithm.GIT_BLOB)
          .gitObjectFormat(format)
          .build();
    } catch (MalformedInputException e) {
      throw new ProvenanceBugException("gitBlob is always supported", e);
    }
  }
}
