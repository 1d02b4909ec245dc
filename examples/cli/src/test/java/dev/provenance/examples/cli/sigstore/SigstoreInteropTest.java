package dev.provenance.examples.cli.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import dev.provenance.examples.cli.Main;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.KeyedBundleSigner;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.VerifiedBundle;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with sigstore-js and sigstore-java over the loopback Sigstore stack of the sigstore-js
 * peer: bundles we sign are verified by both peers and by us; bundles they sign are verified by us;
 * a wrong identity or artifact is rejected by all. Skipped when the peers are not configured (see
 * {@link Peers}), failed instead when {@code provenance.interop.required} is set.
 */
@Tag("interop")
class SigstoreInteropTest {
  static final String SAN = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String OTHER_SAN = "https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main";

  @TempDir static Path work;

  static Path js;
  static Optional<Path> javaPeer;
  static Peers.MockStack stack;
  static Path artifact;
  static Path otherArtifact;
  static Path statement;
  static String digest;
  static Path v1Config;
  static Path v2Config;

  @BeforeAll
  static void startStack() throws Exception {
    js = Peers.sigstoreJs();
    javaPeer = Peers.hasSigstoreJava() ? Optional.of(Peers.sigstoreJava()) : Optional.empty();
    if (Boolean.getBoolean("provenance.interop.required")) {
      javaPeer = Optional.of(Peers.sigstoreJava());
    }
    stack = Peers.MockStack.start(js, work.resolve("stack"), javaPeer);
    byte[] content = "release artifact\n".getBytes(StandardCharsets.UTF_8);
    artifact = Files.write(work.resolve("app.txt"), content);
    otherArtifact = Files.write(work.resolve("other.txt"), "something else\n".getBytes(StandardCharsets.UTF_8));
    digest = Hex.encode(MessageDigest.getInstance("SHA-256").digest(content));
    statement =
        Files.writeString(
            work.resolve("statement.json"),
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.txt\","
                + "\"digest\":{\"sha256\":\"" + digest + "\"}}],"
                + "\"predicateType\":\"https://example.com/test/v1\",\"predicate\":{\"ok\":true}}");
    // with the gRPC Fulcio for sigstore-java running, the mock's config names it; we speak REST
    SigningConfig mock = SigningConfig.parse(Files.readAllBytes(stack.signingConfig));
    SigningConfig.Service ca = mock.caUrls().get(0);
    SigningConfig ours =
        new SigningConfig(
            List.of(new SigningConfig.Service(stack.url, 1, ca.validFor(), ca.operator())),
            mock.oidcUrls(), mock.rekorTlogUrls(), mock.rekorTlogConfig(), mock.tsaUrls(), mock.tsaConfig());
    v2Config = Files.write(work.resolve("signing_config.json"), ours.toJson());
    v1Config = Files.write(work.resolve("signing_config.v1.json"), onlyRekorV1(ours).toJson());
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /** The mock's signing config lists Rekor v1 and v2; this keeps v1 only. */
  static SigningConfig onlyRekorV1(SigningConfig c) {
    List<SigningConfig.Service> v1 = new ArrayList<>();
    for (SigningConfig.Service s : c.rekorTlogUrls()) {
      if (s.majorApiVersion() == 1) {
        v1.add(s);
      }
    }
    return new SigningConfig(c.caUrls(), c.oidcUrls(), v1, c.rekorTlogConfig(), c.tsaUrls(), c.tsaConfig());
  }

  /** Our CLI, in process. */
  record Run(int exit, String out, String err) {}

  static Run provenance(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path signBundle(String name, Path config, boolean inToto) throws Exception {
    return readableBySigstoreJs(
        () -> {
          Run r = signBundleRun(name, config, inToto);
          assertThat(r.exit()).as("sign-bundle: %s %s", r.out(), r.err()).isZero();
          assertThat(r.out() + r.err()).doesNotContain(Peers.token(SAN).substring(0, 40));
          return work.resolve(name);
        });
  }

  /** Makes a bundle. */
  @FunctionalInterface
  interface BundleMaker {
    Path make() throws Exception;
  }

  /**
   * Makes bundles until their RFC 3161 times are ones sigstore-js can read (at most five tries).
   * The mock TSA writes DER GeneralizedTime, which drops trailing zeros of the fraction ({@code
   * .12Z}); sigstore-js 4.1 reads only three-digit fractions and fails with "invalid time" on the
   * others, about one timestamp in ten.
   */
  static Path readableBySigstoreJs(BundleMaker maker) throws Exception {
    for (int attempt = 1; ; attempt++) {
      Path bundle = maker.make();
      boolean readable = true;
      for (dev.provenance.api.Bytes ts :
          SigstoreBundle.parse(Files.readAllBytes(bundle)).verificationMaterial().rfc3161Timestamps()) {
        String genTime =
            new org.bouncycastle.tsp.TimeStampResponse(ts.toByteArray())
                .getTimeStampToken().getTimeStampInfo().toASN1Structure().getGenTime().getTimeString();
        readable &= genTime.matches("[0-9]{14}(\\.[0-9]{3})?Z");
      }
      if (readable || attempt == 5) {
        return bundle;
      }
    }
  }

  static Run signBundleRun(String name, Path config, boolean inToto) {
    Path bundle = work.resolve(name);
    List<String> args = new ArrayList<>(List.of("sigstore", "sign-bundle"));
    if (inToto) {
      args.add("--in-toto");
    }
    args.addAll(List.of("--identity-token", Peers.token(SAN), "--bundle", bundle.toString(),
        "--trusted-root", stack.trustedRoot.toString(), "--signing-config", config.toString(),
        (inToto ? statement : artifact).toString()));
    return provenance(args.toArray(new String[0]));
  }

  static Run ourVerify(Path bundle, String san, String artifactOrDigest) {
    return provenance("sigstore", "verify-bundle", "--bundle", bundle.toString(),
        "--certificate-identity", san, "--certificate-oidc-issuer", ISSUER,
        "--trusted-root", stack.trustedRoot.toString(), artifactOrDigest);
  }

  static void assertOursAccepts(Path bundle, Path file) {
    for (String input : List.of(file.toString(), "sha256:" + digestOf(file))) {
      Run r = ourVerify(bundle, SAN, input);
      assertThat(r.exit()).as("verify-bundle %s: %s %s", input, r.out(), r.err()).isZero();
    }
  }

  static void assertOursRejects(Path bundle, String san, Path file) {
    Run r = ourVerify(bundle, san, file.toString());
    assertThat(r.exit()).as("verify-bundle: %s %s", r.out(), r.err()).isEqualTo(1);
  }

  static String digestOf(Path file) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Peers.Result jsVerify(Path bundle, String san, Optional<Path> file) {
    List<String> args = new ArrayList<>(List.of("verify", bundle.toString(), stack.trustedRoot.toString(), san, ISSUER));
    if (file.isPresent()) {
      args.add("");
      args.add(file.get().toString());
    }
    return Peers.sigstoreJs(js, args.toArray(new String[0]));
  }

  static Peers.Result javaVerify(Path bundle, String san, Path file) throws Exception {
    return Peers.sigstoreJava(javaPeer.orElseThrow(), Optional.empty(), "verify", bundle.toString(),
        stack.trustedRoot.toString(), file.toString(), san, ISSUER);
  }

  // ---------------------------------------------------------------- ours -> sigstore-js, sigstore-java, ours

  /**
   * A message signature bundle over {@link #artifact}: sigstore-js, sigstore-java and we accept
   * it, and all three reject it for another identity or another artifact.
   */
  static void assertAllThreeAcceptAndRejectMismatches(Path bundle) throws Exception {
    Peers.Result jsResult = jsVerify(bundle, SAN, Optional.of(artifact));
    assertThat(jsResult.exit()).as(jsResult.both()).isZero();
    if (javaPeer.isPresent()) {
      Peers.Result r = javaVerify(bundle, SAN, artifact);
      assertThat(r.exit()).as(r.both()).isZero();
    }
    assertOursAccepts(bundle, artifact);

    assertThat(jsVerify(bundle, OTHER_SAN, Optional.of(artifact)).exit()).isNotZero();
    assertThat(jsVerify(bundle, SAN, Optional.of(otherArtifact)).exit()).isNotZero();
    if (javaPeer.isPresent()) {
      assertThat(javaVerify(bundle, OTHER_SAN, artifact).exit()).isNotZero();
      assertThat(javaVerify(bundle, SAN, otherArtifact).exit()).isNotZero();
    }
    assertOursRejects(bundle, OTHER_SAN, artifact);
    assertOursRejects(bundle, SAN, otherArtifact);
  }

  @Test
  void signBundle_rekorV1AndTimestamp_acceptedByAllThreeAndMismatchesRejectedByAll()
      throws Exception {
    Path bundle = signBundle("ours-v1.sigstore.json", v1Config, false);

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.1");
    assertAllThreeAcceptAndRejectMismatches(bundle);
  }

  @Test
  void signBundle_rekorV2AndTimestamp_acceptedByAllThreeAndMismatchesRejectedByAll()
      throws Exception {
    // The mock's Rekor v2 signs checkpoints with the Rekor v1 style origin "127.0.0.1 - <tree id>"
    // under the name "127.0.0.1": the log's host, so it verifies (docs/verification-semantics.md).
    Path bundle = signBundle("ours-v2.sigstore.json", v2Config, false);

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.2");
    assertThat(timestamps(bundle)).isEqualTo(1);
    assertAllThreeAcceptAndRejectMismatches(bundle);
  }

  @Test
  void signBundleInToto_rekorV2AndTimestamp_loggedAsHashedRekordOverPae() throws Exception {
    Path bundle = signBundle("ours-dsse-v2.sigstore.json", v2Config, true);

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.2");
    assertThat(timestamps(bundle)).isEqualTo(1);
    assertOursAccepts(bundle, artifact);
    assertOursRejects(bundle, OTHER_SAN, artifact);
    assertOursRejects(bundle, SAN, otherArtifact);
    // sigstore-js 4.1 (@sigstore/verify 3.1) compares a hashedrekord digest with the digest of the
    // DSSE payload, not of the PAE the entry is over (rekor-v2-spec section 6.1.4; later
    // @sigstore/verify releases compare the PAE digest), so it refuses the entry.
    Peers.Result js = jsVerify(bundle, SAN, Optional.empty());
    assertThat(js.exit()).as(js.both()).isEqualTo(1);
    assertThat(js.err()).contains("TLOG_BODY_ERROR").contains("digest mismatch");
    // sigstore-java 2.0 expects a DSSE bundle's Rekor v2 entry to be dsse 0.0.2 (2.2.0 moved to
    // hashedrekord over the PAE), so it refuses the entry type.
    if (javaPeer.isPresent()) {
      Peers.Result r = javaVerify(bundle, SAN, artifact);
      assertThat(r.exit()).as(r.both()).isEqualTo(1);
      assertThat(r.err()).contains("Expecting type dsse:0.0.2, but found hashedrekord:0.0.2");
    }
  }

  @Test
  void signBundleInToto_rekorV1_acceptedByAllThree() throws Exception {
    Path bundle = signBundle("ours-dsse-v1.sigstore.json", v1Config, true);

    assertThat(kinds(bundle)).containsExactly("dsse:0.0.1");
    Peers.Result jsResult = jsVerify(bundle, SAN, Optional.empty());
    assertThat(jsResult.exit()).as(jsResult.both()).isZero();
    if (javaPeer.isPresent()) {
      Peers.Result r = javaVerify(bundle, SAN, artifact);
      assertThat(r.exit()).as(r.both()).isZero();
    }
    assertOursAccepts(bundle, artifact);
  }

  @Test
  void keyedBundleSigner_attestAndLogEnvelope_acceptedBySigstoreJsAndUs() throws Exception {
    KeyPair pair = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Signer signer = JcaKeys.signer(pair.getPrivate(), pair.getPublic());
    Path pub = Files.writeString(work.resolve("keyed.pub.pem"), PemKeys.publicKeyPem(pair.getPublic()));
    KeyedBundleSigner keyed =
        KeyedBundleSigner.newBuilder()
            .signer(signer, pair.getPublic())
            .signingConfig(SigningConfig.parse(Files.readAllBytes(v1Config)))
            .trustedRoot(TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot)))
            .build();
    Envelope elsewhere = DsseSigner.of(signer).sign(PayloadTypes.IN_TOTO, Files.readAllBytes(statement));

    List<BundleMaker> makers =
        List.of(
            () -> Files.write(work.resolve("keyed-attest.json"), keyed.attest(Files.readAllBytes(statement)).toJson()),
            () -> Files.write(work.resolve("keyed-logged.json"), keyed.logEnvelope(elsewhere).toJson()));
    for (BundleMaker maker : makers) {
      Path bundle = readableBySigstoreJs(maker);
      assertThat(kinds(bundle)).containsExactly("dsse:0.0.1");
      Peers.Result r =
          Peers.sigstoreJs(js, "verify", bundle.toString(), stack.trustedRoot.toString(), "", "", pub.toString());
      assertThat(r.exit()).as(r.both()).isZero();
      Run ours = provenance("sigstore", "verify-bundle", "--bundle", bundle.toString(), "--key",
          pub.toString(), "--trusted-root", stack.trustedRoot.toString(), "sha256:" + digest);
      assertThat(ours.exit()).as(ours.err()).isZero();
    }
  }

  @Test
  void keyedBundleSigner_messageSignatureRekorV1AndTimestamp_acceptedBySigstoreJsAndUs() throws Exception {
    KeyPair pair = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Path pub = Files.writeString(work.resolve("keyed2.pub.pem"), PemKeys.publicKeyPem(pair.getPublic()));
    KeyedBundleSigner keyed =
        KeyedBundleSigner.newBuilder()
            .signer(JcaKeys.signer(pair.getPrivate(), pair.getPublic()), pair.getPublic())
            .signingConfig(SigningConfig.parse(Files.readAllBytes(v1Config)))
            .trustedRoot(TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot)))
            .build();

    Path bundle =
        readableBySigstoreJs(
            () -> Files.write(work.resolve("keyed-msg.json"), keyed.signArtifact(Files.readAllBytes(artifact)).toJson()));

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.1");
    assertThat(timestamps(bundle)).isEqualTo(1);
    Peers.Result r = Peers.sigstoreJs(js, "verify", bundle.toString(), stack.trustedRoot.toString(), "", "",
        pub.toString(), artifact.toString());
    assertThat(r.exit()).as(r.both()).isZero();
    Run ours = provenance("sigstore", "verify-bundle", "--bundle", bundle.toString(), "--key",
        pub.toString(), "--trusted-root", stack.trustedRoot.toString(), artifact.toString());
    assertThat(ours.exit()).as(ours.err()).isZero();
  }

  // ---------------------------------------------------------------- sigstore-js -> ours

  static Path jsKeyless(String name, String tlog, String tsa) {
    Path bundle = work.resolve(name);
    Peers.Result r =
        Peers.sigstoreJs(js, "keyless", stack.url, statement.toString(), bundle.toString(), tlog, tsa);
    assertThat(r.exit()).as(r.both()).isZero();
    return bundle;
  }

  @Test
  void sigstoreJsKeyless_rekorV1AndTimestamp_acceptedByUs() throws Exception {
    Path bundle = jsKeyless("js-v1.sigstore.json", "v1", "yes");

    assertOursAccepts(bundle, artifact);
    VerifiedBundle v = library().verify(Files.readAllBytes(bundle), Artifact.ofBytes(Files.readAllBytes(artifact)));
    assertThat(v.signer().certificateIdentity()).contains(SAN);
    assertOursRejects(bundle, OTHER_SAN, artifact);
    assertOursRejects(bundle, SAN, otherArtifact);
  }

  @Test
  void sigstoreJsKeyless_timestampOnly_acceptedByUs() {
    Path bundle = jsKeyless("js-tsa.sigstore.json", "none", "yes");

    assertOursAccepts(bundle, artifact);
  }

  @Test
  void sigstoreJsKeyless_rekorV2DsseEntry_acceptedByUsWhenAllowedAndMismatchesRejected()
      throws Exception {
    // sigstore-js 4.1 logs DSSE in Rekor v2 as the early dsse 0.0.2 type, which current Rekor v2
    // logs no longer take (they log DSSE as hashedrekord 0.0.2 over the PAE): refused by default,
    // verified and bound field by field when the verifier allows it.
    Path bundle = jsKeyless("js-v2.sigstore.json", "v2", "yes");
    byte[] json = Files.readAllBytes(bundle);

    assertThat(kinds(bundle)).containsExactly("dsse:0.0.2");
    assertThat(code(() -> library().verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)))))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    VerifiedBundle v = libraryWithDsseV002(SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)));
    assertThat(v.signer().certificateIdentity()).contains(SAN);
    assertThat(v.signedTimes()).hasSize(1);
    assertThat(libraryWithDsseV002(SAN).verifyAttestation(json).statement().subject()).hasSize(1);
    assertThat(code(() -> libraryWithDsseV002(OTHER_SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)))))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(code(() -> libraryWithDsseV002(SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(otherArtifact)))))
        .isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void sigstoreJsKeyed_acceptedByUsWithTheKey() throws Exception {
    KeyPair pair = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    Path key = Files.writeString(work.resolve("js.key.pem"), PemKeys.privateKeyPem(pair.getPrivate()));
    Path bundle = work.resolve("js-keyed.sigstore.json");
    Peers.Result r = Peers.sigstoreJs(js, "keyed", key.toString(), statement.toString(), bundle.toString());
    assertThat(r.exit()).as(r.both()).isZero();

    // no log entry and no timestamp: accepted only by a verifier told not to require them
    VerifiedBundle v =
        SigstoreVerifier.newBuilder()
            .publicKey(pair.getPublic())
            .transparencyLogThreshold(0)
            .observerTimestampThreshold(0)
            .build()
            .verify(Files.readAllBytes(bundle), Artifact.ofBytes(Files.readAllBytes(artifact)));
    assertThat(v.signer().keyId()).isEqualTo(JcaKeys.keyId(pair.getPublic()));
    Path pub = Files.writeString(work.resolve("js.pub.pem"), PemKeys.publicKeyPem(pair.getPublic()));
    Run cli = provenance("sigstore", "verify-bundle", "--bundle", bundle.toString(), "--key",
        pub.toString(), "--format", "json", artifact.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out()).contains("THRESHOLD_NOT_MET");
  }

  // ---------------------------------------------------------------- sigstore-java -> ours

  static Path javaSign(String name, String mode, Path input, boolean rekorV2) throws Exception {
    Path bundle = work.resolve(name);
    Peers.Result r =
        Peers.sigstoreJava(Peers.sigstoreJava(), stack.trustStore, mode, stack.signingConfig.toString(),
            stack.trustedRoot.toString(), Peers.token(SAN), input.toString(), bundle.toString(),
            Boolean.toString(rekorV2));
    assertThat(r.exit()).as(r.both()).isZero();
    return bundle;
  }

  @Test
  void sigstoreJavaSign_rekorV1_acceptedByUs() throws Exception {
    Path bundle = javaSign("java-v1.sigstore.json", "sign", artifact, false);

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.1");
    assertOursAccepts(bundle, artifact);
    assertOursRejects(bundle, OTHER_SAN, artifact);
    assertOursRejects(bundle, SAN, otherArtifact);
  }

  @Test
  void sigstoreJavaSign_rekorV2AndTimestamp_acceptedByUsAndMismatchesRejected() throws Exception {
    Path bundle = javaSign("java-v2.sigstore.json", "sign", artifact, true);

    assertThat(kinds(bundle)).containsExactly("hashedrekord:0.0.2");
    assertThat(timestamps(bundle)).isEqualTo(1);
    assertOursAccepts(bundle, artifact);
    assertOursRejects(bundle, OTHER_SAN, artifact);
    assertOursRejects(bundle, SAN, otherArtifact);
  }

  @Test
  void sigstoreJavaAttest_rekorV2DsseEntry_acceptedByUsWhenAllowedAndMismatchesRejected()
      throws Exception {
    // sigstore-java 2.0 logs DSSE in Rekor v2 as dsse 0.0.2 (see the sigstore-js case above)
    Path bundle = javaSign("java-attest.sigstore.json", "attest", statement, true);
    byte[] json = Files.readAllBytes(bundle);

    assertThat(kinds(bundle)).containsExactly("dsse:0.0.2");
    assertThat(timestamps(bundle)).isEqualTo(1);
    assertThat(code(() -> library().verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)))))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    VerifiedBundle v = libraryWithDsseV002(SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)));
    assertThat(v.signer().certificateIdentity()).contains(SAN);
    assertThat(code(() -> libraryWithDsseV002(OTHER_SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(artifact)))))
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
    assertThat(code(() -> libraryWithDsseV002(SAN).verify(json, Artifact.ofBytes(Files.readAllBytes(otherArtifact)))))
        .isEqualTo(ErrorCode.BINDING_MISMATCH);
    // sigstore-js 4.1 verifies the same bundle (it reads dsse 0.0.2 entries)
    Peers.Result js = jsVerify(bundle, SAN, Optional.empty());
    assertThat(js.exit()).as(js.both()).isZero();
  }

  // ----------------------------------------------------------------

  static SigstoreVerifier library() throws Exception {
    return SigstoreVerifier.newBuilder()
        .trustedRoot(TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot)))
        .addCertificateIdentity(
            CertificateIdentity.newBuilder().subjectAlternativeName(SAN).issuer(ISSUER).build())
        .build();
  }

  /** Our library, accepting DSSE bundles logged as Rekor v2 {@code dsse} 0.0.2 entries. */
  static SigstoreVerifier libraryWithDsseV002(String san) throws Exception {
    return SigstoreVerifier.newBuilder()
        .trustedRoot(TrustedRoot.parse(Files.readAllBytes(stack.trustedRoot)))
        .addCertificateIdentity(
            CertificateIdentity.newBuilder().subjectAlternativeName(san).issuer(ISSUER).build())
        .allowRekorV2DsseEntries(true)
        .build();
  }

  /** A verification that must fail: its error code. */
  @FunctionalInterface
  interface Verification {
    Object run() throws Exception;
  }

  static ErrorCode code(Verification v) {
    VerificationException e = catchThrowableOfType(VerificationException.class, v::run);
    assertThat(e).as("verification must fail").isNotNull();
    return e.code();
  }

  static List<String> kinds(Path bundle) throws Exception {
    List<String> out = new ArrayList<>();
    SigstoreBundle.parse(Files.readAllBytes(bundle)).verificationMaterial().tlogEntries()
        .forEach(e -> out.add(e.kind() + ":" + e.kindVersion()));
    return out;
  }

  static int timestamps(Path bundle) throws Exception {
    return SigstoreBundle.parse(Files.readAllBytes(bundle)).verificationMaterial().rfc3161Timestamps().size();
  }
}
