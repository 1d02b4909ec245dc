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
  private byte[] one;

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
    one = lines.get(lines.size() / 2);
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

  /** The baseline: parse and verify one DSSE envelope of the chain with the same key type. */
  @Benchmark
  public VerifiedEnvelope dsseVerifyOne() throws Exception {
    return dsse.verify(codec.parseEnvelope(one));
  }

  /**
   * Prints the CPU time of {@link #verifyChain()} per attestation for 10, 1,000 and 10,000 links
   * against {@link #dsseVerifyOne()}, and {@code time(10000) / time(1000)}, for each key type
   * given (default Ed25519).
   *
   * @param args key types, names of {@link SignatureAlgorithm}
   * @throws Exception if setting up or verifying fails
   */
  public static void main(String[] args) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (String key : args.length == 0 ? new String[] {"ED25519"} : args) {
      ChainVerifyBench one = new ChainVerifyBench();
      one.links = 10;
      one.keyType = key;
      one.setUp();
      for (int i = 0; i < 20_000; i++) {
        one.dsseVerifyOne();
      }
      long t = os.getProcessCpuTime();
      for (int i = 0; i < 20_000; i++) {
        one.dsseVerifyOne();
      }
      double dsse = (os.getProcessCpuTime() - t) / 20_000.0;
      System.out.printf("%s dsseVerifyOne: %.1f us CPU%n", key, dsse / 1e3);
      double[] perOp = new double[3];
      int[] sizes = {10, 1000, 10_000};
      for (int k = 0; k < sizes.length; k++) {
        ChainVerifyBench b = new ChainVerifyBench();
        b.links = sizes[k];
        b.keyType = key;
        b.setUp();
        int reps = Math.max(4, 40_000 / sizes[k]);
        for (int r = 0; r < reps; r++) {
          b.verifyChain();
        }
        long t0 = os.getProcessCpuTime();
        for (int r = 0; r < reps; r++) {
          b.verifyChain();
        }
        perOp[k] = (os.getProcessCpuTime() - t0) / (double) reps;
        System.out.printf(
            "%s verifyChain links=%d: %.1f ms CPU, %.1f us per attestation = %.2f x dsseVerifyOne%n",
            key, sizes[k], perOp[k] / 1e6, perOp[k] / 1e3 / sizes[k], perOp[k] / sizes[k] / dsse);
      }
      System.out.printf("%s time(10000)/time(1000) = %.2f%n", key, perOp[2] / perOp[1]);
    }
  }
}
