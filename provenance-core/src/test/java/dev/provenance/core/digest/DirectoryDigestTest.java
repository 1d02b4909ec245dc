package dev.provenance.core.digest;

import static dev.provenance.core.testing.ExternalTools.git;
import static dev.provenance.core.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryDigestTest {
  /** The in-toto DigestSet spec's definition of dirHash, as a shell pipeline. */
  private static final String IN_TOTO_RECIPE =
      "find . -type f | cut -c3- | LC_ALL=C sort | xargs -r sha256sum | sha256sum | cut -f1 -d' '";

  @TempDir Path tmp;

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Files only, names the shell pipeline handles (no whitespace or quotes). */
  private static void populate(Path dir) throws Exception {
    write(dir.resolve("README.md"), "# hello\n");
    write(dir.resolve("empty"), "");
    write(dir.resolve("bin/run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(dir.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(dir.resolve("a/inner.txt"), "inner\n");
    write(dir.resolve("a-b"), "dash\n");
    write(dir.resolve("a.b"), "dot\n");
    write(dir.resolve("a0"), "zero\n");
    write(dir.resolve("Zebra"), "Z\n");
    write(dir.resolve("unicode/caf\u00e9.txt"), "caf\u00e9\n");
    write(dir.resolve("unicode/\uD83D\uDE00"), "emoji\n");
    write(dir.resolve("unicode/\uFF21"), "fullwidth A sorts after ASCII\n");
    write(dir.resolve("deep/er/and/deeper/leaf"), "leaf\n");
    Files.createDirectories(dir.resolve("empty-dir/inside"));
    byte[] big = new byte[(5 << 20) + 17];
    new SplittableRandom(3).nextBytes(big);
    Files.write(dir.resolve("big.bin"), big);
  }

  /** Go's dirhash.Hash1 from its definition, independently of the code under test. */
  private static String goHash1Hex(Path dir) throws Exception {
    TreeMap<String, String> lines = new TreeMap<>(DirectoryDigestTest::compareUtf8);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          String name = dir.relativize(p).toString();
          lines.put(name, hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
      }
    }
    StringBuilder summary = new StringBuilder();
    lines.forEach((name, sum) -> summary.append(sum).append("  ").append(name).append('\n'));
    return hex(
        MessageDigest.getInstance("SHA-256")
            .digest(summary.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static int compareUtf8(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void digestTree_dirHash_equalsInTotoShellRecipe() throws Exception {
    populate(tmp);
    DirectoryDigest d = Digester.sha256().digestTree(tmp);
    assertThat(d.dirHash()).isEqualTo(run(tmp, "bash", "-c", IN_TOTO_RECIPE));
  }

  /**
   * Published go.sum values (as listed in the Go blog post "Using Go Modules"): the {@code /go.mod}
   * h1 of a module version is Hash1 over the single file {@code go.mod}.
   */
  @Test
  void digestTree_goModOfPublishedModules_equalsGoSumH1() throws Exception {
    assertGoModH1(
        "module \"rsc.io/quote\"\n\nrequire \"rsc.io/sampler\" v1.3.0\n",
        "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=");
    assertGoModH1(
        "module \"rsc.io/sampler\"\n\n"
            + "require \"golang.org/x/text\" v0.0.0-20170915032832-14c0d48ead0c\n",
        "h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=");
  }

  private void assertGoModH1(String goMod, String h1) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "module");
    write(dir.resolve("go.mod"), goMod);
    DirectoryDigest d = Digester.sha256().digestTree(dir);
    assertThat(d.goDirHash()).isEqualTo(h1);
    assertThat(d.dirHash())
        .isEqualTo(HexFormat.of().formatHex(Base64.getDecoder().decode(h1.substring(3))));
  }

  @Test
  void digestTree_namesWithSpaces_dirHashEqualsGoDefinition() throws Exception {
    populate(tmp);
    write(tmp.resolve("with space/and 'quote'.txt"), "x");
    write(tmp.resolve("with space/sub dir/f"), "y");
    DirectoryDigest d = Digester.sha256().digestTree(tmp);
    assertThat(d.dirHash()).isEqualTo(goHash1Hex(tmp));
    assertThat(d.goDirHash())
        .isEqualTo("h1:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(d.dirHash())));
  }

  @Test
  void digestTree_manifestText_passesSha256sumCheckAndHashesToDirHash() throws Exception {
    populate(tmp);
    write(tmp.resolve("with space/x"), "x");
    DirectoryDigest d = Digester.sha256().digestTree(tmp);
    Path manifest = Files.createTempFile("manifest", ".sha256");
    try {
      Files.writeString(manifest, d.manifestText(), StandardCharsets.UTF_8);
      String out = run(tmp, "sha256sum", "--check", "--strict", manifest.toString());
      assertThat(out.lines()).hasSize(d.manifest().size()).allMatch(l -> l.endsWith(": OK"));
    } finally {
      Files.delete(manifest);
    }
    assertThat(hex(MessageDigest.getInstance("SHA-256").digest(d.manifestText().getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(d.dirHash());
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void digestTree_gitTreeAndBlobs_equalGit(GitObjectFormat format) throws Exception {
    git(tmp, "init", "-q", "--object-format=" + format.configName());
    populate(tmp);
    Digester digester =
        Digester.newBuilder()
            .algorithms(DigestAlgorithm.SHA512, DigestAlgorithm.SHA3_256)
            .gitObjectFormat(format)
            .build();
    DirectoryDigest d = digester.digestTree(tmp);
    git(tmp, "add", "-A");
    assertThat(d.gitTree()).isEqualTo(git(tmp, "write-tree"));
    for (ManifestEntry e : d.manifest()) {
      String staged = git(tmp, "ls-files", "-s", "--", e.name());
      assertThat(staged).startsWith((e.executable() ? "100755 " : "100644 ") + e.digests().get(DigestAlgorithm.GIT_BLOB).orElseThrow());
      assertThat(e.digests().digests().keySet())
          .containsExactly(
              DigestAlgorithm.GIT_BLOB, DigestAlgorithm.SHA256, DigestAlgorithm.SHA3_256, DigestAlgorithm.SHA512);
      assertThat(e.digests()).isEqualTo(digester.digestTree(tmp).manifest().get(d.manifest().indexOf(e)).digests());
    }
    // .git is not part of any digest: the recipe over the tree without .git gives the same hash
    assertThat(d.dirHash())
        .isEqualTo(
            run(tmp, "bash", "-c", "find . -path ./.git -prune -o -type f -print | cut -c3- | LC_ALL=C sort"
                + " | xargs -r sha256sum | sha256sum | cut -f1 -d' '"));
  }

  @Test
  void digestTree_manifest_sortedWithSizesExecutableBitsAndDigestsOfEachFile() throws Exception {
    populate(tmp);
    DirectoryDigest d =
        Digester.newBuilder().algorithms(DigestAlgorithm.SHA512).build().digestTree(tmp);
    List<String> names = new ArrayList<>();
    for (ManifestEntry e : d.manifest()) {
      names.add(e.name());
      Path p = tmp.resolve(e.name());
      assertThat(e.size()).isEqualTo(Files.size(p));
      assertThat(e.executable()).isEqualTo(e.name().equals("bin/run.sh"));
      String sum = run(tmp, "sha512sum", "--", e.name());
      assertThat(e.digests().get(DigestAlgorithm.SHA512)).hasValue(sum.substring(0, 128));
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(DirectoryDigestTest::compareUtf8);
    assertThat(names).isEqualTo(sorted).hasSize(13).contains("unicode/caf\u00e9.txt", "empty");
    assertThat(d.totalBytes()).isEqualTo(d.manifest().stream().mapToLong(ManifestEntry::size).sum());
  }

  @Test
  void digestTree_parallelAndCallerOnly_giveSameResult() throws Exception {
    populate(tmp);
    for (int i = 0; i < 50; i++) {
      write(tmp.resolve("many/f" + i), "file " + i);
    }
    Digester callerOnly =
        Digester.newBuilder()
            .executor(
                r -> {
                  throw new RejectedExecutionException();
                })
            .build();
    assertThat(Digester.sha256().digestTree(tmp)).isEqualTo(callerOnly.digestTree(tmp));
  }

  @Test
  void digestTree_emptyDirectory_hasDigestsOfNothing() throws Exception {
    Files.createDirectories(tmp.resolve("a/b"));
    DirectoryDigest d = Digester.sha256().digestTree(tmp);
    assertThat(d.manifest()).isEmpty();
    assertThat(d.dirHash()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(d.gitTree()).isEqualTo("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  }

  @Test
  void digestTree_nestedCheckout_gitlinkInTreeFilesInManifest() throws Exception {
    Path inner = tmp.resolve("vendor/inner");
    Files.createDirectories(inner);
    git(inner, "init", "-q");
    write(inner.resolve("lib.c"), "int x;\n");
    git(inner, "add", "-A");
    git(inner, "commit", "-q", "-m", "inner");
    git(tmp, "init", "-q");
    write(tmp.resolve("main.c"), "int main;\n");
    DirectoryDigest d = Digester.sha256().digestTree(tmp);
    git(tmp, "add", "-A");
    assertThat(d.gitTree()).isEqualTo(git(tmp, "write-tree"));
    assertThat(d.manifest()).extracting(ManifestEntry::name).containsExactly("main.c", "vendor/inner/lib.c");
  }

  @Test
  void digestTree_symlink_throwsMalformedInputAtLink() throws Exception {
    populate(tmp);
    Path link = Files.createSymbolicLink(tmp.resolve("a/link"), Path.of("inner.txt"));
    assertError(() -> Digester.sha256().digestTree(tmp), ErrorCode.MALFORMED_INPUT, link);
  }

  @Test
  void digestTree_symlinkLoopAndEscape_throwMalformedInputWithoutFollowing() throws Exception {
    Path loop = Files.createSymbolicLink(tmp.resolve("loop"), Path.of("loop"));
    assertError(() -> Digester.sha256().digestTree(tmp), ErrorCode.MALFORMED_INPUT, loop);
    Files.delete(loop);
    Path escape = Files.createSymbolicLink(tmp.resolve("up"), Path.of(".."));
    assertError(() -> Digester.sha256().digestTree(tmp), ErrorCode.MALFORMED_INPUT, escape);
  }

  @Test
  void digestTree_fifo_throwsMalformedInputWithoutBlocking() throws Exception {
    populate(tmp);
    run(tmp.resolve("a"), "mkfifo", "pipe");
    assertError(() -> Digester.sha256().digestTree(tmp), ErrorCode.MALFORMED_INPUT, tmp.resolve("a/pipe"));
  }

  /** HOSTILE.md H38: names that another system would change or merge. */
  @ParameterizedTest
  @ValueSource(
      strings = {"back\\slash", "C:", "drive:x", "trailing.", "trailing ", "tab\there", "Caf\u00e9|caf\u00e9",
        "caf\u00e9|cafe\u0301", "README|readme", "\u212Aelvin|kelvin"})
  void digestTree_nonPortableNames_throwMalformedInput(String names) throws Exception {
    write(tmp.resolve("ok.txt"), "ok");
    String[] parts = names.split("\\|");
    for (String n : parts) {
      write(tmp.resolve("d").resolve(n), n);
    }
    assertThatThrownBy(() -> Digester.sha256().digestTree(tmp))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location().orElseThrow()).startsWith(tmp.resolve("d").toString() + "/");
            });
    Digester posix = Digester.newBuilder().requirePortableNames(false).build();
    assertThat(posix.digestTree(tmp).manifest()).hasSize(1 + parts.length);
  }

  @Test
  void digestTree_newlineInName_rejectedEvenWithoutPortableNames() throws Exception {
    write(tmp.resolve("evil\nname"), "x");
    Digester posix = Digester.newBuilder().requirePortableNames(false).build();
    assertError(() -> posix.digestTree(tmp), ErrorCode.MALFORMED_INPUT, tmp.resolve("evil\nname"));
  }

  @Test
  void digestTree_nameNotUtf8_throwsMalformedInput() throws Exception {
    run(tmp, "bash", "-c", "printf x > $'bad\\xff'");
    assertThat(Files.list(tmp).count()).isEqualTo(1);
    Digester posix = Digester.newBuilder().requirePortableNames(false).build();
    assertThatThrownBy(() -> posix.digestTree(tmp))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void digestTree_overEntryLimit_throwsResourceLimitExceeded() throws Exception {
    for (int i = 0; i < 10; i++) {
      write(tmp.resolve("f" + i), "x");
    }
    Digester limited =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxEntries(9).build()).build();
    assertThatThrownBy(() -> limited.digestTree(tmp))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED));
    Digester enough =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxEntries(10).build()).build();
    assertThat(enough.digestTree(tmp).manifest()).hasSize(10);
  }

  @Test
  void digestTree_overByteLimit_throwsResourceLimitExceededAtCrossingFile() throws Exception {
    write(tmp.resolve("a"), "12345");
    write(tmp.resolve("b"), "12345");
    Digester limited =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxTotalBytes(9).build()).build();
    assertError(() -> limited.digestTree(tmp), ErrorCode.RESOURCE_LIMIT_EXCEEDED, tmp.resolve("b"));
  }

  @Test
  void digestTree_overDepthLimit_throwsResourceLimitExceeded() throws Exception {
    write(tmp.resolve("1/2/3/4/f"), "x");
    Digester limited =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxDepth(3).build()).build();
    assertError(() -> limited.digestTree(tmp), ErrorCode.RESOURCE_LIMIT_EXCEEDED, tmp.resolve("1/2/3/4"));
    Digester enough =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxDepth(4).build()).build();
    assertThat(enough.digestTree(tmp).manifest()).hasSize(1);
  }

  @Test
  void digestTree_fileWhereDirectoryExpected_throwsMalformedInput() throws Exception {
    Path f = Files.write(tmp.resolve("f"), new byte[1]);
    assertError(() -> Digester.sha256().digestTree(f), ErrorCode.MALFORMED_INPUT, f);
  }

  @Test
  void constructor_unsortedManifest_throwsIllegalArgument() {
    DigestSet sha = DigestSet.of(DigestAlgorithm.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    DigestSet tree =
        DigestSet.of(DigestAlgorithm.DIR_HASH, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            .with(DigestAlgorithm.GIT_TREE, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    List<ManifestEntry> unsorted =
        List.of(new ManifestEntry("b", 0, false, sha), new ManifestEntry("a", 0, false, sha));
    assertThatThrownBy(() -> new DirectoryDigest(tree, unsorted))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ManifestEntry("a/../b", 0, false, sha))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void assertError(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code, Path location) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.location()).hasValue(location.toString());
            });
  }
}
