package dev.provenance.core.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class HashEngineTest {
  private static final List<DigestAlgorithm> ALGORITHMS =
      List.of(
          DigestAlgorithm.SHA256,
          DigestAlgorithm.SHA512,
          DigestAlgorithm.SHA3_256,
          DigestAlgorithm.SHA1,
          DigestAlgorithm.SHA384);

  /** Rejects every task: the calling thread does all the work. */
  private static final Executor CALLER_ONLY =
      r -> {
        throw new java.util.concurrent.RejectedExecutionException();
      };

  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("hash-engine-test");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static List<HashFunction> functions(List<DigestAlgorithm> algorithms) throws Exception {
    List<HashFunction> f = new ArrayList<>();
    for (DigestAlgorithm a : algorithms) {
      f.add(HashFunction.jca(a));
    }
    f.add(HashFunction.gitBlob("SHA-1"));
    return f;
  }

  /** What each function must produce: computed one algorithm at a time, in one update. */
  private static byte[] expected(HashFunction f, byte[] data) throws Exception {
    if (f.needsSize()) {
      return GitTrees.objectId(
          "blob", data, dev.provenance.core.digest.GitObjectFormat.SHA1);
    }
    return MessageDigest.getInstance(f.algorithm().jcaName().orElseThrow()).digest(data);
  }

  @Provide
  Arbitrary<List<DigestAlgorithm>> algorithmSubsets() {
    return Arbitraries.of(ALGORITHMS).list().ofMinSize(1).ofMaxSize(4).uniqueElements();
  }

  @Property(tries = 100)
  void hashFile_anyChunkSize_equalsSingleAlgorithmDigests(
      @ForAll @Size(max = 40_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 9000) int chunk,
      @ForAll("algorithmSubsets") List<DigestAlgorithm> algorithms,
      @ForAll boolean parallel)
      throws Exception {
    Path f = Files.write(dir.resolve("f"), data);
    List<HashFunction> fns = functions(algorithms);
    Executor executor = parallel ? ForkJoinPool.commonPool() : CALLER_ONLY;
    HashEngine engine = new HashEngine(fns, executor, chunk);
    HashResult r = engine.hashFile(f, "f", true, -1, Long.MAX_VALUE, true);
    assertThat(r.size()).isEqualTo(data.length);
    for (int i = 0; i < fns.size(); i++) {
      assertThat(r.digest(i)).as(fns.get(i).toString()).isEqualTo(expected(fns.get(i), data));
    }
    HashResult sequential = engine.hashFile(f, "f", true, data.length, Long.MAX_VALUE, false);
    for (int i = 0; i < fns.size(); i++) {
      assertThat(sequential.digest(i)).isEqualTo(r.digest(i));
    }
    HashEngine single = new HashEngine(fns.subList(0, 1), executor, chunk);
    assertThat(single.hashFile(f, "f", true, -1, Long.MAX_VALUE, true).digest(0))
        .isEqualTo(r.digest(0));
  }

  @Provide
  Arbitrary<Integer> streamSizes() {
    // Uniform, so that sizes beyond one and two chunks are common, plus the chunk boundaries.
    int b = HashEngine.CHUNK;
    return Arbitraries.oneOf(
        Arbitraries.integers()
            .between(0, 2 * b + 100)
            .withDistribution(RandomDistribution.uniform()),
        Arbitraries.of(0, 1, b - 1, b, b + 1, 2 * b, 2 * b + 1));
  }

  @Property(tries = 40)
  void hashStream_anyContentAndReadSizes_equalsSingleAlgorithmDigests(
      @ForAll("streamSizes") int size,
      @ForAll long seed,
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 3_000_000) Integer> reads,
      @ForAll("algorithmSubsets") List<DigestAlgorithm> algorithms,
      @ForAll boolean parallel)
      throws Exception {
    List<HashFunction> fns = new ArrayList<>();
    for (DigestAlgorithm a : algorithms) {
      fns.add(HashFunction.jca(a));
    }
    byte[] data = bytes(size, seed);
    HashEngine engine = new HashEngine(fns, parallel ? ForkJoinPool.commonPool() : CALLER_ONLY);
    HashResult r = engine.hashStream(new ChoppyStream(data, reads), Long.MAX_VALUE);
    assertThat(r.size()).isEqualTo(data.length);
    for (int i = 0; i < fns.size(); i++) {
      assertThat(r.digest(i)).isEqualTo(expected(fns.get(i), data));
    }
  }

  @Provide
  Arbitrary<Integer> byteArraySizes() {
    int t = HashEngine.PARALLEL_BYTES_THRESHOLD;
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, t + t / 2).withDistribution(RandomDistribution.uniform()),
        Arbitraries.of(0, t - 1, t));
  }

  @Property(tries = 30)
  void hashBytes_largeOrSmall_equalsSingleAlgorithmDigests(
      @ForAll("byteArraySizes") int size,
      @ForAll("algorithmSubsets") List<DigestAlgorithm> algorithms)
      throws Exception {
    byte[] data = bytes(size, size);
    List<HashFunction> fns = functions(algorithms);
    HashResult r = new HashEngine(fns, ForkJoinPool.commonPool()).hash(data);
    for (int i = 0; i < fns.size(); i++) {
      assertThat(r.digest(i)).isEqualTo(expected(fns.get(i), data));
    }
  }

  @net.jqwik.api.Example
  void hashFile_sizeDiffersFromListing_throwsMalformedInput() throws Exception {
    Path f = Files.write(dir.resolve("g"), new byte[100]);
    HashEngine engine = new HashEngine(functions(List.of(DigestAlgorithm.SHA256)), CALLER_ONLY);
    assertThatThrownBy(() -> engine.hashFile(f, "g", false, 99, Long.MAX_VALUE, true))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).hasValue("g");
            });
  }

  @net.jqwik.api.Example
  void hashFile_symlinkWithoutFollowing_throwsMalformedInput() throws Exception {
    Path target = Files.write(dir.resolve("t"), new byte[10]);
    Path link = dir.resolve("link");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, target);
    HashEngine engine = new HashEngine(functions(List.of(DigestAlgorithm.SHA256)), CALLER_ONLY);
    assertThatThrownBy(() -> engine.hashFile(link, "link", false, 10, Long.MAX_VALUE, true))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** Returns the data in reads of the given sizes, cycling through them. */
  private static final class ChoppyStream extends InputStream {
    private final byte[] data;
    private final List<Integer> reads;
    private int pos;
    private int call;

    ChoppyStream(byte[] data, List<Integer> reads) {
      this.data = data;
      this.reads = reads;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, reads.get(call++ % reads.size())), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
