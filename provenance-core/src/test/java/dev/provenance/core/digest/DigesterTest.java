package dev.provenance.core.digest;

import static dev.provenance.core.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigesterTest {
  private static final DigestAlgorithm[] JDK_ALGORITHMS = {
    DigestAlgorithm.SHA256,
    DigestAlgorithm.SHA224,
    DigestAlgorithm.SHA384,
    DigestAlgorithm.SHA512,
    DigestAlgorithm.SHA512_224,
    DigestAlgorithm.SHA512_256,
    DigestAlgorithm.SHA3_224,
    DigestAlgorithm.SHA3_256,
    DigestAlgorithm.SHA3_384,
    DigestAlgorithm.SHA3_512,
    DigestAlgorithm.SHA1,
    DigestAlgorithm.MD5
  };

  @TempDir Path tmp;

  private static Digester digester(DigestAlgorithm... algorithms) throws MalformedInputException {
    return Digester.newBuilder().algorithms(algorithms).build();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String coreutils(String tool, Path file) {
    String out = run(file.getParent(), tool, "-b", file.getFileName().toString());
    return out.substring(0, out.indexOf(' '));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 55, 56, 64, 1000, (1 << 20) + 3, (4 << 20) - 1, 4 << 20, 9_000_001})
  void digestFile_variousSizes_equalsCoreutils(int size) throws Exception {
    Path f = tmp.resolve("f.bin");
    Files.write(f, random(size));
    DigestSet d = digester(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.SHA384)
        .digest(f);
    assertThat(d.get(DigestAlgorithm.SHA256)).hasValue(coreutils("sha256sum", f));
    assertThat(d.get(DigestAlgorithm.SHA512)).hasValue(coreutils("sha512sum", f));
    assertThat(d.get(DigestAlgorithm.SHA384)).hasValue(coreutils("sha384sum", f));
  }

  @Test
  void digest_everyJdkAlgorithm_equalsOpenssl() throws Exception {
    Path f = tmp.resolve("f.bin");
    Files.write(f, random(100_000));
    DigestSet d = digester(JDK_ALGORITHMS).digest(f);
    String[][] openssl = {
      {"sha256", "-sha256"}, {"sha224", "-sha224"}, {"sha384", "-sha384"}, {"sha512", "-sha512"},
      {"sha512_224", "-sha512-224"}, {"sha512_256", "-sha512-256"}, {"sha3_224", "-sha3-224"},
      {"sha3_256", "-sha3-256"}, {"sha3_384", "-sha3-384"}, {"sha3_512", "-sha3-512"},
      {"sha1", "-sha1"}, {"md5", "-md5"}
    };
    for (String[] o : openssl) {
      String out = run(tmp, "openssl", "dgst", "-r", o[1], "f.bin");
      assertThat(d.get(DigestAlgorithm.of(o[0])))
          .as(o[0])
          .hasValue(out.substring(0, out.indexOf(' ')));
    }
    assertThat(d.digests()).hasSize(JDK_ALGORITHMS.length);
  }

  @Test
  void digest_bytesStreamAndFile_agree() throws Exception {
    byte[] data = random(5 << 20);
    Path f = tmp.resolve("f.bin");
    Files.write(f, data);
    Digester d = digester(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.SHA3_256);
    DigestSet fromFile = d.digest(f);
    assertThat(d.digest(data)).isEqualTo(fromFile);
    assertThat(d.digest(new ByteArrayInputStream(data))).isEqualTo(fromFile);
  }

  @Test
  void digest_gitBlob_equalsGitHashObject() throws Exception {
    Path f = tmp.resolve("f.bin");
    Files.write(f, random(6 << 20));
    DigestSet d = digester(DigestAlgorithm.SHA256, DigestAlgorithm.GIT_BLOB).digest(f);
    assertThat(d.get(DigestAlgorithm.GIT_BLOB)).hasValue(run(tmp, "git", "hash-object", "f.bin"));
    Digester sha256Git =
        Digester.newBuilder()
            .algorithms(DigestAlgorithm.GIT_BLOB)
            .gitObjectFormat(GitObjectFormat.SHA256)
            .build();
    Path repo = tmp.resolve("repo");
    Files.createDirectory(repo);
    run(repo, "git", "init", "-q", "--object-format=sha256");
    assertThat(sha256Git.digest(f).get(DigestAlgorithm.GIT_BLOB))
        .hasValue(run(repo, "git", "hash-object", f.toString()));
  }

  @Test
  void digest_inTotoGitBlobExample_matches() throws Exception {
    // digest_set.md: the 5 bytes "Hello" have gitBlob 5ab2f8a4323abafb10abb68657d9d39f1a775057.
    assertThat(
            digester(DigestAlgorithm.GIT_BLOB)
                .digest("Hello".getBytes(StandardCharsets.US_ASCII))
                .get(DigestAlgorithm.GIT_BLOB))
        .hasValue("5ab2f8a4323abafb10abb68657d9d39f1a775057");
  }

  @Test
  void digestStream_gitBlobConfigured_throwsUnsupportedFormat() throws Exception {
    assertThatThrownBy(
            () -> digester(DigestAlgorithm.GIT_BLOB).digest(new ByteArrayInputStream(new byte[1])))
        .isInstanceOf(MalformedInputException.class)
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blake2b", "shake128", "dirHash", "gitTree", "gitCommit", "sm3", "x-y"})
  void build_unsupportedAlgorithm_throwsUnsupportedFormat(String name) {
    assertThatThrownBy(() -> Digester.newBuilder().algorithms(DigestAlgorithm.of(name)).build())
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
              assertThat(e.location()).hasValue(name);
            });
  }

  @Test
  void digestAll_manyFiles_parallelEqualsSequentialInOrder() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Path f = tmp.resolve("f" + i);
      Files.write(f, random(i % 7 == 0 ? (5 << 20) + i : i * 1013));
      files.add(f);
    }
    Digester parallel = digester(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
    ExecutorService none = Executors.newSingleThreadExecutor();
    none.shutdown(); // rejects everything: the caller does all the work, in order
    Digester sequential =
        Digester.newBuilder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
            .executor(none)
            .build();
    List<FileDigest> a = parallel.digestAll(files);
    List<FileDigest> b = sequential.digestAll(files);
    assertThat(a).isEqualTo(b);
    for (int i = 0; i < files.size(); i++) {
      assertThat(a.get(i).path()).isEqualTo(files.get(i));
      assertThat(a.get(i).size()).isEqualTo(Files.size(files.get(i)));
      assertThat(a.get(i).digests()).isEqualTo(sequential.digest(files.get(i)));
    }
    assertThat(a.get(3).digests().get(DigestAlgorithm.SHA256))
        .hasValue(coreutils("sha256sum", files.get(3)));
  }

  @Test
  void digestAll_severalBadFiles_reportsFirstInListOrder() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Path f = tmp.resolve("f" + i);
      Files.write(f, random(1000));
      files.add(f);
    }
    Path missing = tmp.resolve("missing");
    files.add(10, tmp); // a directory
    files.add(30, missing);
    for (int round = 0; round < 5; round++) {
      assertThatThrownBy(() -> Digester.sha256().digestAll(files))
          .isInstanceOfSatisfying(
              MalformedInputException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                assertThat(e.location()).hasValue(tmp.toString());
              });
    }
  }

  @Test
  void digest_directory_throwsMalformedInputAtPath() {
    assertMalformed(() -> Digester.sha256().digest(tmp), ErrorCode.MALFORMED_INPUT, tmp);
  }

  @Test
  void digest_missingFile_throwsMalformedInputAtPath() {
    Path p = tmp.resolve("nope");
    assertMalformed(() -> Digester.sha256().digest(p), ErrorCode.MALFORMED_INPUT, p);
  }

  @Test
  void digest_fifo_throwsMalformedInputWithoutBlocking() {
    Path fifo = tmp.resolve("pipe");
    run(tmp, "mkfifo", "pipe");
    assertMalformed(() -> Digester.sha256().digest(fifo), ErrorCode.MALFORMED_INPUT, fifo);
  }

  @Test
  void digest_danglingSymlink_throwsMalformedInputAtPath() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("absent"));
    assertMalformed(() -> Digester.sha256().digest(link), ErrorCode.MALFORMED_INPUT, link);
  }

  @Test
  void digest_symlinkLoop_throwsMalformedInputAtPath() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    assertMalformed(() -> Digester.sha256().digest(a), ErrorCode.MALFORMED_INPUT, a);
  }

  @Test
  void digest_symlinkToFile_hashesTarget() throws Exception {
    Path f = tmp.resolve("f");
    Files.write(f, random(3000));
    Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
    assertThat(Digester.sha256().digest(link)).isEqualTo(Digester.sha256().digest(f));
  }

  @Test
  void digest_fileOverByteLimit_throwsResourceLimitExceeded() throws Exception {
    Path f = tmp.resolve("f");
    Files.write(f, random(101));
    Digester d =
        Digester.newBuilder()
            .limits(DigestLimits.newBuilder().maxTotalBytes(100).build())
            .build();
    assertMalformed(() -> d.digest(f), ErrorCode.RESOURCE_LIMIT_EXCEEDED, f);
    Files.write(f, random(100));
    assertThat(d.digest(f).get(DigestAlgorithm.SHA256)).isPresent();
  }

  @Test
  void digestAll_overByteLimitInTotal_throwsResourceLimitExceededAtCrossingFile()
      throws Exception {
    Path a = Files.write(tmp.resolve("a"), random(60));
    Path b = Files.write(tmp.resolve("b"), random(60));
    Digester d =
        Digester.newBuilder()
            .limits(DigestLimits.newBuilder().maxTotalBytes(100).build())
            .build();
    assertMalformed(() -> d.digestAll(List.of(a, b)), ErrorCode.RESOURCE_LIMIT_EXCEEDED, b);
  }

  @Test
  void digestAll_overEntryLimit_throwsResourceLimitExceeded() throws Exception {
    Path a = Files.write(tmp.resolve("a"), random(1));
    Digester d =
        Digester.newBuilder().limits(DigestLimits.newBuilder().maxEntries(2).build()).build();
    assertThatThrownBy(() -> d.digestAll(List.of(a, a, a)))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED));
    assertThat(d.digestAll(List.of(a, a))).hasSize(2);
  }

  @Test
  void digestStream_overByteLimit_throwsResourceLimitExceeded() throws Exception {
    Digester d =
        Digester.newBuilder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
            .limits(DigestLimits.newBuilder().maxTotalBytes(3 << 20).build())
            .build();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return len;
          }
        };
    assertThatThrownBy(() -> d.digest(endless))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED));
  }

  @Test
  void digestStream_readFails_throwsMalformedInput() {
    InputStream failing =
        new InputStream() {
          private int calls;

          @Override
          public int read() throws IOException {
            throw new IOException("boom");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (calls++ > 2) {
              throw new IOException("boom");
            }
            return Math.min(len, 1000);
          }
        };
    assertThatThrownBy(
            () -> digester(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).digest(failing))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void digestStream_zeroReadsForever_throwsMalformedInputInsteadOfHanging() {
    InputStream stuck =
        new InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return 0;
          }
        };
    assertThatThrownBy(() -> Digester.sha256().digest(stuck))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void algorithms_default_isSha256() throws Exception {
    assertThat(Digester.newBuilder().build().algorithms()).containsExactly(DigestAlgorithm.SHA256);
    assertThat(Digester.sha256().algorithms()).containsExactly(DigestAlgorithm.SHA256);
  }

  @Test
  void algorithms_empty_throwsIllegalArgument() {
    assertThatThrownBy(() -> Digester.newBuilder().algorithms(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** HOSTILE.md H36 and H38: artifact names that dodge rules or mean different files elsewhere. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "dir/../foo", "./foo", "foo/.", "//foo", "foo//bar", "/abs/x", "C:\\x", "C:x",
        "dir\\foo", "nul\u0000", "line\nbreak", "", "..", "foo/", "trailing.", ".GIT/x"
      })
  void digestNamed_hostileName_throwsMalformedInputAtName(String name) throws Exception {
    Files.createDirectories(tmp.resolve("dir"));
    Files.write(tmp.resolve("foo"), random(10));
    assertThatThrownBy(() -> Digester.sha256().digestNamed(tmp, List.of("foo", name)))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              // an empty location means the whole input, so the empty name has none
              assertThat(e.location().orElse("")).isEqualTo(name);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9|cafe\u0301", "Foo|foo", "a/B|a/b", "x|x"})
  void digestNamed_namesCollidingElsewhere_throwMalformedInput(String pair) throws Exception {
    String[] names = pair.split("\\|");
    for (String n : names) {
      Files.createDirectories(tmp.resolve(n).getParent());
      Files.write(tmp.resolve(n), random(10));
    }
    assertThatThrownBy(() -> Digester.sha256().digestNamed(tmp, List.of(names)))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void digestNamed_pathThroughSymlinkedDirectory_throwsMalformedInput() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.write(outside.resolve("secret"), random(10));
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.write(root.resolve("real"), random(10));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    assertMalformed(
        () -> Digester.sha256().digestNamed(root, List.of("out/secret")),
        ErrorCode.MALFORMED_INPUT,
        root.resolve("out/secret"));
    assertMalformed(
        () -> Digester.sha256().digestNamed(root, List.of("alias")),
        ErrorCode.MALFORMED_INPUT,
        root.resolve("alias"));
    assertMalformed(
        () -> Digester.sha256().digestNamed(root, List.of("missing")),
        ErrorCode.MALFORMED_INPUT,
        root.resolve("missing"));
  }

  @Test
  void digestNamed_validNames_equalTreeManifestEntriesSortedByName() throws Exception {
    Files.createDirectories(tmp.resolve("src/main"));
    Files.write(tmp.resolve("src/main/App.java"), random(4000));
    Files.write(tmp.resolve("build.sh"), random(100));
    Files.write(tmp.resolve("caf\u00e9"), random(7 << 20));
    Files.setPosixFilePermissions(
        tmp.resolve("build.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr--r--"));
    Digester d = digester(DigestAlgorithm.SHA512);
    List<ManifestEntry> named =
        d.digestNamed(tmp, List.of("src/main/App.java", "caf\u00e9", "build.sh"));
    assertThat(named).extracting(ManifestEntry::name)
        .containsExactly("build.sh", "caf\u00e9", "src/main/App.java");
    assertThat(named).isEqualTo(d.digestTree(tmp).manifest());
    assertThat(named.get(0).executable()).isTrue();
  }

  static void assertMalformed(
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
