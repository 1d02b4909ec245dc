package dev.provenance.core.digest;

import static dev.provenance.core.testing.ExternalTools.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitObjectsTest {
  @TempDir Path tmp;

  private static String init(Path dir, GitObjectFormat format) {
    return git(dir, "init", "-q", "--object-format=" + format.configName());
  }

  /** What git records for the directory: everything added, then the index written as a tree. */
  private static String gitWriteTree(Path dir) {
    git(dir, "add", "-A");
    return git(dir, "write-tree");
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void executable(Path file) throws Exception {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A tree with every kind git records, names whose order git defines specially, and unicode. */
  static void populate(Path dir, boolean withLinks) throws Exception {
    write(dir.resolve("README.md"), "# hello\n");
    write(dir.resolve("empty.txt"), "");
    write(dir.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
    executable(dir.resolve("bin/run.sh"));
    write(dir.resolve("bin/tool"), "not executable for its group only\n");
    Files.setPosixFilePermissions(dir.resolve("bin/tool"), PosixFilePermissions.fromString("rw-r-xr-x"));
    // git orders a directory as if its name ended in '/': a-b, a.b, a/, a0
    write(dir.resolve("a/inner.txt"), "inner\n");
    write(dir.resolve("a-b"), "dash\n");
    write(dir.resolve("a.b"), "dot\n");
    write(dir.resolve("a0"), "zero\n");
    write(dir.resolve("deep/er/and/deeper/leaf.txt"), "leaf\n");
    Files.createDirectories(dir.resolve("empty-dir"));
    Files.createDirectories(dir.resolve("only-empty/inside"));
    write(dir.resolve("unicode/caf\u00e9.txt"), "caf\u00e9\n");
    write(dir.resolve("unicode/\u65e5\u672c\u8a9e"), "nihongo\n");
    write(dir.resolve("unicode/\uD83D\uDE00 smile"), "emoji\n");
    write(dir.resolve(".gitignore"), "*.log\n"); // hashed as a file, not interpreted
    write(dir.resolve("Zebra"), "upper case sorts first\n");
    byte[] big = new byte[5 << 20];
    new SplittableRandom(7).nextBytes(big);
    Files.write(dir.resolve("big.bin"), big);
    if (withLinks) {
      Files.createSymbolicLink(dir.resolve("link-to-readme"), Path.of("README.md"));
      Files.createSymbolicLink(dir.resolve("link-to-dir"), Path.of("a"));
      Files.createSymbolicLink(dir.resolve("dangling"), Path.of("no/such/target"));
      Files.createSymbolicLink(dir.resolve("absolute"), Path.of("/etc/passwd"));
      Files.createSymbolicLink(dir.resolve("escape"), Path.of("../../outside"));
    }
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void treeId_mixedTree_equalsGitWriteTree(GitObjectFormat format) throws Exception {
    init(tmp, format);
    populate(tmp, true);
    assertThat(GitObjects.treeId(tmp, format)).isEqualTo(gitWriteTree(tmp));
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void treeId_afterCommit_equalsRevParseHeadTree(GitObjectFormat format) throws Exception {
    init(tmp, format);
    populate(tmp, true);
    git(tmp, "add", "-A");
    git(tmp, "commit", "-q", "-m", "one");
    assertThat(GitObjects.treeId(tmp, format)).isEqualTo(git(tmp, "rev-parse", "HEAD^{tree}"));
  }

  @Test
  void treeId_randomTrees_equalGitWriteTree() throws Exception {
    SplittableRandom random = new SplittableRandom(20240611);
    for (int round = 0; round < 6; round++) {
      Path dir = Files.createDirectory(tmp.resolve("r" + round));
      init(dir, round % 2 == 0 ? GitObjectFormat.SHA1 : GitObjectFormat.SHA256);
      String[] names = {"a", "b", "a.x", "a-x", "a0", "C", "x y", "\u00e9t\u00e9", "z"};
      for (int i = 0; i < 40; i++) {
        StringBuilder p = new StringBuilder();
        int depth = random.nextInt(4);
        for (int d = 0; d < depth; d++) {
          p.append("d").append(names[random.nextInt(names.length)]).append('/');
        }
        p.append(names[random.nextInt(names.length)]);
        Path f = dir.resolve(p.toString());
        if (Files.isDirectory(f)) {
          continue;
        }
        write(f, "content " + random.nextInt(5));
        if (random.nextInt(4) == 0) {
          executable(f);
        }
      }
      GitObjectFormat format = round % 2 == 0 ? GitObjectFormat.SHA1 : GitObjectFormat.SHA256;
      assertThat(GitObjects.treeId(dir, format)).as("round %d", round).isEqualTo(gitWriteTree(dir));
    }
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void treeId_emptyDirectory_isTheEmptyTree(GitObjectFormat format) throws Exception {
    init(tmp, format);
    Files.createDirectories(tmp.resolve("only/empty/dirs"));
    assertThat(GitObjects.treeId(tmp, format)).isEqualTo(gitWriteTree(tmp));
    assertThat(GitObjects.treeId(tmp, GitObjectFormat.SHA1))
        .isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  }

  @Test
  void treeId_nestedCheckout_isRecordedAsGitlink() throws Exception {
    Path outer = tmp.resolve("outer");
    Path inner = outer.resolve("vendor/inner");
    Files.createDirectories(inner);
    init(inner, GitObjectFormat.SHA1);
    write(inner.resolve("lib.c"), "int x;\n");
    git(inner, "add", "-A");
    git(inner, "commit", "-q", "-m", "inner");
    init(outer, GitObjectFormat.SHA1);
    write(outer.resolve("main.c"), "int main;\n");
    assertThat(GitObjects.treeId(outer, GitObjectFormat.SHA1)).isEqualTo(gitWriteTree(outer));
    assertThat(git(outer, "ls-files", "-s", "vendor/inner")).startsWith("160000 ");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, 5 << 20})
  void blobId_fileAndBytes_equalGitHashObject(int size) throws Exception {
    byte[] data = new byte[size];
    new SplittableRandom(size).nextBytes(data);
    Path f = Files.write(tmp.resolve("f"), data);
    String expected = git(tmp, "hash-object", "f");
    assertThat(GitObjects.blobId(f, GitObjectFormat.SHA1)).isEqualTo(expected);
    assertThat(GitObjects.blobId(data, GitObjectFormat.SHA1)).isEqualTo(expected);
    Path repo = Files.createDirectory(tmp.resolve("sha256"));
    init(repo, GitObjectFormat.SHA256);
    String expected256 = git(repo, "hash-object", f.toString());
    assertThat(GitObjects.blobId(f, GitObjectFormat.SHA256)).isEqualTo(expected256);
    assertThat(GitObjects.blobId(data, GitObjectFormat.SHA256)).isEqualTo(expected256);
  }

  @Test
  void treeId_fifoInTree_throwsMalformedInputAtFifo() throws Exception {
    write(tmp.resolve("ok.txt"), "ok");
    dev.provenance.core.testing.ExternalTools.run(tmp, "mkfifo", "pipe");
    assertThatThrownBy(() -> GitObjects.treeId(tmp, GitObjectFormat.SHA1))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).hasValue(tmp.resolve("pipe").toString());
            });
  }

  @Test
  void treeId_caseVariantOfDotGit_throwsMalformedInput() throws Exception {
    write(tmp.resolve(".GIT/config"), "[core]\n");
    assertThatThrownBy(() -> GitObjects.treeId(tmp, GitObjectFormat.SHA1))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).hasValue(tmp.resolve(".GIT").toString());
            });
  }

  @Test
  void treeId_caseOnlyDuplicates_rejectedByDefaultAcceptedWhenPosixNamesAllowed()
      throws Exception {
    init(tmp, GitObjectFormat.SHA1);
    write(tmp.resolve("Makefile"), "a");
    write(tmp.resolve("makefile"), "b");
    write(tmp.resolve("back\\slash"), "c");
    assertThatThrownBy(() -> GitObjects.treeId(tmp, GitObjectFormat.SHA1))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
    Digester posix = Digester.newBuilder().requirePortableNames(false).build();
    assertThat(posix.gitTreeId(tmp)).isEqualTo(gitWriteTree(tmp));
  }

  @Test
  void treeId_notADirectory_throwsMalformedInput() throws Exception {
    Path f = Files.write(tmp.resolve("f"), new byte[1]);
    assertThatThrownBy(() -> GitObjects.treeId(f, GitObjectFormat.SHA1))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).hasValue(f.toString());
            });
  }
}
