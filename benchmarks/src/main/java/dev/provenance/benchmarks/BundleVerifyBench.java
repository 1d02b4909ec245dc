package dev.provenance.benchmarks;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.VerifiedBundle;
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
 * </ul>
 *
 * <p>Both verifiers are built once in setup (trusted root loaded and compiled), as a service
 * would. Every method throws if verification fails, so a broken path cannot look fast.
 *
 * <p>Reading the numbers: both do five ECDSA verifications per bundle (leaf certificate, P-384;
 * SCT, SET, checkpoint and DSSE signature, P-256). Ours uses Bouncy Castle's arithmetic with the
 * trusted keys' point tables kept across calls; only the leaf's key is new each time. sigstore-java
 * uses the JDK's {@code SunEC}, several times slower per operation, but it re-verifies the same
 * bundle here, so the JDK's {@code CertificateFactory} cache hands it the same {@code X509CertImpl}
 * whose signature check is remembered: its certificate path costs almost no EC work in this loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
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

  /** sigstore-java 2.0.0: bundle JSON to a verified bundle. */
  @Benchmark
  public Bundle sigstoreJavaBundle() throws Exception {
    Bundle bundle = Bundle.from(new StringReader(bundleText));
    sigstoreJava.verify(artifactSha256, bundle, sigstoreJavaOptions);
    return bundle;
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
