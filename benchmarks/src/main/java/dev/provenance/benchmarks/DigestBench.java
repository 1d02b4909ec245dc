package dev.provenance.benchmarks;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.digest.Digester;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Hashing one large file (256 MiB by default, in the page cache after warm-up): the digester with
 * SHA-256, SHA-512 and both in one pass, against {@code openssl dgst} run as a process on the same
 * file in the same run. Ratios of interest: {@code sha256} vs {@code opensslSha256} (throughput)
 * and {@code sha256AndSha512} vs {@code sha512} (one-pass overlap).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DigestBench {
  /** File size in MiB. */
  @Param("256")
  public int sizeMiB;

  private Path file;
  private Digester sha256;
  private Digester sha512;
  private Digester sha256AndSha512;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    file = Files.createTempFile("digest-bench", ".bin");
    byte[] chunk = new byte[1 << 20];
    SplittableRandom random = new SplittableRandom(42);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < sizeMiB; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    sha256 = Digester.newBuilder().algorithms(DigestAlgorithm.SHA256).build();
    sha512 = Digester.newBuilder().algorithms(DigestAlgorithm.SHA512).build();
    sha256AndSha512 =
        Digester.newBuilder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build();
    // Same answer as openssl, so the two sides do the same work.
    String ours = sha256.digest(file).get(DigestAlgorithm.SHA256).orElseThrow();
    String theirs = openssl("-sha256");
    if (!theirs.contains(ours)) {
      throw new IllegalStateException("sha256 differs from openssl: " + ours + " vs " + theirs);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public DigestSet sha256() throws Exception {
    return sha256.digest(file);
  }

  @Benchmark
  public DigestSet sha512() throws Exception {
    return sha512.digest(file);
  }

  @Benchmark
  public DigestSet sha256AndSha512() throws Exception {
    return sha256AndSha512.digest(file);
  }

  /** {@code openssl dgst -sha256 FILE} as a process, start-up included (a few ms). */
  @Benchmark
  public String opensslSha256() throws Exception {
    return openssl("-sha256");
  }

  /** {@code openssl dgst -sha512 FILE} as a process, start-up included (a few ms). */
  @Benchmark
  public String opensslSha512() throws Exception {
    return openssl("-sha512");
  }

  private String openssl(String algorithm) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("openssl", "dgst", algorithm, "-r", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl failed: " + out);
    }
    return out;
  }
}
