package dev.provenance.benchmarks;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ChainVerifier;
import dev.provenance.core.chain.KeyFunctionary;
import dev.provenance.core.chain.StepPolicy;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chain verification over generated linear chains of 10, 1,000 and 10,000 signed SLSA provenance
 * attestations (each consuming the previous one's output, the first a source commit), against one
 * DSSE verification of an attestation of the same chain with the same key type, in the same run.
 *
 * <p>Targets: {@code time(10000) / time(1000) <= 11} (linear), and the cost per attestation,
 * {@code verifyChain / links}, at most 1.2 times {@code dsseVerifyOne}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChainVerifyBench
 * </pre>
 *
 * <p>On a machine shared with other work, wall-clock scores swing with the load; {@link
 * #main(String[])} measures the same operations in process CPU time instead, which does not count
 * time spent waiting for a core:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *     dev.provenance.benchmarks.ChainVerifyBench ED25519 ECDSA_P256_SHA256
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChainVerifyBench {
  @Param({"10", "1000", "10000"})
  public int links;

  @Param({"ED25519", "ECDSA_P256_SHA256"})
  public String keyType;

  private List<byte[]> lines;
  private DigestSet last;
  private ChainVerifier verifier;
  private DsseVerifier dsse;
  private JsonCodec codec;
  private int next;

  /** Generates the chain and the verifiers. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SignatureAlgorithm alg = SignatureAlgorithm.valueOf(keyType);
    KeyPair key = JcaKeys.generate(alg);
    DsseSigner signer = DsseSigner.of(JcaKeys.signer(key.getPrivate(), key.getPublic()));
    codec = JsonCodec.standard();
    String repo = "git+https://example.com/app";
    String commit = "c".repeat(40);
    ResourceDescriptor input =
        ResourceDescriptor.ofUri(repo + "@refs/heads/main", DigestSet.of(DigestAlgorithm.GIT_COMMIT, commit));
    lines = new ArrayList<>(links);
    for (int i = 0; i < links; i++) {
      DigestSet out = sha256("artifact-" + i);
      Statement st =
          Statement.newBuilder()
              .addSubject(ResourceDescriptor.ofDigest("artifact-" + i + ".bin", out))
              .predicate(
                  SlsaProvenance.newBuilder()
                      .buildDefinition(
                          BuildDefinition.newBuilder()
                              .buildType("https://example.com/stage@v1")
                              .externalParameter("step", JsonValue.of("stage"))
                              .addResolvedDependency(input)
                              .build())
                      .runDetails(RunDetails.of(BuildPlatform.of("https://example.com/builder")))
                      .build())
              .build();
      lines.add(codec.writeEnvelope(signer.sign(PayloadTypes.IN_TOTO, codec.writeStatement(st))));
      input = ResourceDescriptor.ofDigest("artifact-" + i + ".bin", out);
      last = out;
    }
    String pem = PemKeys.publicKeyPem(key.getPublic());
    ChainPolicy policy =
        ChainPolicy.newBuilder()
            .expires(Instant.parse("2099-01-01T00:00:00Z"))
            .addFunctionary(KeyFunctionary.of("k", pem))
            .addStep(
                StepPolicy.newBuilder("stage")
                    .addPredicateType("https://slsa.dev/provenance/v1")
                    .addFunctionary("k")
                    .addMaterialRule(ArtifactRule.match("artifact-*", ArtifactRule.Target.PRODUCTS, "stage"))
                    .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "git+*"))
                    .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                    .build())
            .addRoot(ChainRoot.ofRepository(repo, List.of(commit), List.of()))
            .build();
    verifier = ChainVerifier.newBuilder().policy(policy).build();
    dsse = DsseVerifier.newBuilder().addVerifier(PemKeys.verifier(pem)).build();
    if (verifier.verify(last, lines).steps().size() != links) {
      throw new IllegalStateException("the generated chain does not verify");
    }
  }

  private static DigestSet sha256(String s) throws Exception {
    return DigestSet.of(
        DigestAlgorithm.SHA256,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))));
  }

  /** Verifies the whole chain from its last artifact. */
  @Benchmark
  public VerifiedChain verifyChain() throws Exception {
    return verifier.verify(last, lines);
  }

  /**
   * The baseline: parse and verify one DSSE envelope of the chain, with the same key; each call
   * takes the next envelope of the chain, so the baseline averages over the same signatures the
   * chain verifies.
   */
  @Benchmark
  public VerifiedEnvelope dsseVerifyOne() throws Exception {
    byte[] envelope = lines.get(next);
    next = next + 1 == lines.size() ? 0 : next + 1;
    return dsse.verify(codec.parseEnvelope(envelope));
  }

  /**
   * Prints the CPU time of {@link #verifyChain()} per attestation for 10, 1,000 and 10,000 links
   * against {@link #dsseVerifyOne()}, and {@code time(10000) / time(1000)}, for each key type
   * given (default Ed25519). Each of five rounds measures the baseline (over the same chain's
   * envelopes) right before each chain size, so a change in the machine's load between
   * measurements does not skew a ratio; the medians over the rounds are printed.
   *
   * @param args key types, names of {@link SignatureAlgorithm}
   * @throws Exception if setting up or verifying fails
   */
  public static void main(String[] args) throws Exception {
    int[] sizes = {10, 1000, 10_000};
    int rounds = 5;
    for (String key : args.length == 0 ? new String[] {"ED25519"} : args) {
      ChainVerifyBench[] benches = new ChainVerifyBench[sizes.length];
      for (int k = 0; k < sizes.length; k++) {
        benches[k] = new ChainVerifyBench();
        benches[k].links = sizes[k];
        benches[k].keyType = key;
        benches[k].setUp();
      }
      for (ChainVerifyBench b : benches) {
        for (int i = 0; i < 20_000; i++) {
          b.dsseVerifyOne();
        }
        for (int r = 0; r < Math.max(2, 20_000 / b.links); r++) {
          b.verifyChain();
        }
      }
      double[][] ratio = new double[sizes.length][rounds];
      double[][] perAttestation = new double[sizes.length][rounds];
      double[] scale = new double[rounds];
      double[] baseline = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        double[] chainTime = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
          ChainVerifyBench b = benches[k];
          double dsse = cpuNanos(() -> b.dsseVerifyOne(), Math.max(10_000, sizes[k]));
          chainTime[k] = cpuNanos(() -> b.verifyChain(), Math.max(4, 40_000 / sizes[k]));
          perAttestation[k][round] = chainTime[k] / sizes[k];
          ratio[k][round] = perAttestation[k][round] / dsse;
          baseline[round] += dsse / sizes.length;
        }
        scale[round] = chainTime[2] / chainTime[1];
      }
      System.out.printf("%s dsseVerifyOne: %.1f us CPU (median of %d rounds)%n", key, median(baseline) / 1e3, rounds);
      for (int k = 0; k < sizes.length; k++) {
        System.out.printf(
            "%s verifyChain links=%d: %.1f us per attestation = %.2f x dsseVerifyOne (rounds %s)%n",
            key, sizes[k], median(perAttestation[k]) / 1e3, median(ratio[k]), format(ratio[k]));
      }
      System.out.printf("%s time(10000)/time(1000) = %.2f (rounds %s)%n", key, median(scale), format(scale));
    }
  }

  /** An operation measured by {@link #cpuNanos}. */
  private interface Operation {
    Object run() throws Exception;
  }

  /** The process CPU time of one run of {@code op}, averaged over {@code reps} runs. */
  private static double cpuNanos(Operation op, int reps) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long t = os.getProcessCpuTime();
    for (int i = 0; i < reps; i++) {
      op.run();
    }
    return (os.getProcessCpuTime() - t) / (double) reps;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String format(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.2f", v));
    }
    return b.toString();
  }
}
