package dev.provenance.benchmarks;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.VerifiedBundle;
import dev.provenance.sigstore.internal.cache.VerifiedSignatures;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full offline verification of one real Sigstore bundle v0.3 holding a DSSE in-toto attestation
 * (sigstore-java's {@code bundle.dsse.sigstore}: Fulcio certificate with an embedded SCT, Rekor
 * {@code dsse} entry with signed entry timestamp, inclusion proof and signed checkpoint), against
 * the Sigstore public-good trusted root and the signer's identity, from the bundle's JSON text.
 *
 * <ul>
 *   <li>{@code provenanceBundle}: {@link SigstoreVerifier#verify(byte[], Artifact)}: parse,
 *       certificate path at the signed time, SCT, log entry binding, SET, inclusion proof,
 *       checkpoint, DSSE signature, identity, statement and subject.
 *   <li>{@code sigstoreJavaBundle}: sigstore-java 2.0.0 {@code Bundle.from} and {@code
 *       KeylessVerifier.verify} with a Fulcio certificate matcher, the same job.
 *
 *   <li>{@code provenanceBundleFirstSight}: the same as {@code provenanceBundle}, after forgetting
 *       every remembered signature check, so each call costs what a bundle never seen before
 *       costs (trusted keys stay decoded and trusted chains stay checked: that is configuration).
 * </ul>
 *
 * <p>Both verifiers are built once in setup (trusted root loaded and compiled), as a service
 * would. Every method throws if verification fails, so a broken path cannot look fast.
 *
 * <p>Reading the numbers: a first verification does five ECDSA verifications (leaf certificate,
 * P-384; SCT, SET, checkpoint and DSSE signature, P-256). Ours uses Bouncy Castle's arithmetic with
 * the trusted keys' point tables kept across calls, and remembers (bounded, exact bytes) the checks
 * that succeeded under trusted keys: on a repeated bundle the certificate, SCT, SET and checkpoint
 * signatures cost a lookup, while the DSSE signature under the leaf's key, the certificate path at
 * the signed time, trust windows, the identity, the log entry binding, the inclusion proof and the
 * statement run every time. sigstore-java uses the JDK's {@code SunEC}, several times slower per
 * operation; re-verifying the same bundle here, the JDK's {@code CertificateFactory} cache hands it
 * the same {@code X509CertImpl} whose signature check is remembered, so its certificate path costs
 * almost no EC work in this loop either.
 *
 * <p>On a machine shared with other work, wall-clock scores swing with the load; {@link
 * #main(String[])} measures the methods in process CPU time, alternating in one process:
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar \
 *     dev.provenance.benchmarks.BundleVerifyBench 8 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
public class BundleVerifyBench {
  private static final String SAN =
      "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  private byte[] bundleJson;
  private String bundleText;
  private byte[] artifactSha256;
  private Artifact artifact;
  private SigstoreVerifier provenance;
  private KeylessVerifier sigstoreJava;
  private VerificationOptions sigstoreJavaOptions;
  private Path trustedRootFile;

  /** Loads the bundle and builds both verifiers; none of this is measured. */
  @Setup
  public void setup() throws Exception {
    bundleJson = resource("bundle.dsse.sigstore");
    bundleText = new String(bundleJson, StandardCharsets.UTF_8);
    artifactSha256 = MessageDigest.getInstance("SHA-256").digest(resource("artifact.txt"));
    artifact =
        Artifact.ofDigest(
            DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(artifactSha256)));

    TrustedRoot root = TrustedRoot.publicGood();
    provenance =
        SigstoreVerifier.newBuilder()
            .trustedRoot(root)
            .addCertificateIdentity(
                CertificateIdentity.newBuilder().subjectAlternativeName(SAN).issuer(ISSUER).build())
            .build();

    trustedRootFile = Files.createTempFile("trusted_root", ".json");
    Files.write(trustedRootFile, root.toJson());
    sigstoreJava =
        KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRootFile)).build();
    sigstoreJavaOptions =
        VerificationOptions.builder()
            .addCertificateMatchers(
                VerificationOptions.CertificateMatcher.fulcio()
                    .subjectAlternativeName(StringMatcher.string(SAN))
                    .issuer(StringMatcher.string(ISSUER))
                    .build())
            .build();

    // Both paths must accept what they are measured on.
    provenanceBundle();
    sigstoreJavaBundle();
  }

  /** Removes the temporary trusted root file. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(trustedRootFile);
  }

  /** Ours: bundle JSON to verified attestation. */
  @Benchmark
  public VerifiedBundle provenanceBundle() throws Exception {
    VerifiedBundle verified = provenance.verify(bundleJson, artifact);
    if (verified.attestation().isEmpty()) {
      throw new IllegalStateException("no attestation");
    }
    return verified;
  }

  /** Ours, as for a bundle never seen before: no remembered signature checks. */
  @Benchmark
  public VerifiedBundle provenanceBundleFirstSight() throws Exception {
    VerifiedSignatures.shared().clear();
    return provenanceBundle();
  }

  /** sigstore-java 2.0.0: bundle JSON to a verified bundle. */
  @Benchmark
  public Bundle sigstoreJavaBundle() throws Exception {
    Bundle bundle = Bundle.from(new StringReader(bundleText));
    sigstoreJava.verify(artifactSha256, bundle, sigstoreJavaOptions);
    return bundle;
  }

  /**
   * Measures {@link #provenanceBundle()}, {@link #provenanceBundleFirstSight()} and {@link
   * #sigstoreJavaBundle()} in process CPU time (which counts garbage collection but not time spent
   * waiting for a core), alternating them in rounds after a warm-up of four alternations, and
   * prints bundles per CPU second for each and the ratios to sigstore-java per round, then the
   * median of {@code provenanceBundle / sigstoreJavaBundle}. Run it with the serial collector, so
   * that each side's garbage is collected while that side runs.
   *
   * @param args rounds (default 5) and CPU seconds per side and round (default 3)
   * @throws Exception if setting up or verifying fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    BundleVerifyBench b = new BundleVerifyBench();
    b.setup();
    try {
      // long enough for the JIT to finish compiling both paths: its threads count as CPU time
      for (int i = 0; i < 4; i++) {
        perCpuSecond(b::provenanceBundle, seconds);
        perCpuSecond(b::provenanceBundleFirstSight, seconds);
        perCpuSecond(b::sigstoreJavaBundle, seconds);
      }
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        double ours = perCpuSecond(b::provenanceBundle, seconds);
        double first = perCpuSecond(b::provenanceBundleFirstSight, seconds);
        double theirs = perCpuSecond(b::sigstoreJavaBundle, seconds);
        ratios[r] = ours / theirs;
        System.out.printf(
            "round %d: provenanceBundle %.0f/s, sigstoreJavaBundle %.0f/s, ratio %.2f"
                + " (provenanceBundleFirstSight %.0f/s, %.2f x)%n",
            r + 1, ours, theirs, ratios[r], first, first / theirs);
      }
      java.util.Arrays.sort(ratios);
      System.out.printf("median ratio %.2f%n", ratios[rounds / 2]);
    } finally {
      b.tearDown();
    }
  }

  /** One verification; throws if it fails. */
  private interface Call {
    Object run() throws Exception;
  }

  private static double perCpuSecond(Call call, double seconds) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long budget = (long) (seconds * 1e9);
    long start = os.getProcessCpuTime();
    long used;
    long n = 0;
    do {
      for (int i = 0; i < 50; i++) {
        call.run();
      }
      n += 50;
      used = os.getProcessCpuTime() - start;
    } while (used < budget);
    return n / (used / 1e9);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BundleVerifyBench.class.getResourceAsStream("bundle/" + name)) {
      if (in == null) {
        throw new IOException("missing benchmark resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
