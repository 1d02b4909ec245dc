package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonString;
import dev.provenance.examples.cli.sigstore.BundleVectors;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code provenance sigstore verify-bundle} and {@code sign-bundle} through the shaded jar, with the
 * sigstore-conformance CLI protocol's arguments, on sigstore-conformance vectors. Signing against
 * live services is in the CLI's Sigstore interop tests.
 */
class SigstoreBundleIT {
  private static final String SAN =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
          + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String A_TXT_DIGEST =
      "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  @TempDir Path dir;

  static String vector(String path) {
    try {
      return Path.of(SigstoreBundleIT.class.getResource("/vectors/" + path).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static String conformance(String path) {
    return vector("sigstore-conformance/bundle-verify/" + path);
  }

  static final String PRODUCTION = vector("sigstore-python/trust-roots/production.trusted_root.json");

  private Cli.Result verify(String bundle, String san, String root, String fileOrDigest) {
    return new Cli(dir).run("sigstore", "verify-bundle", "--bundle", bundle,
        "--certificate-identity", san, "--certificate-oidc-issuer", ISSUER,
        "--trusted-root", root, fileOrDigest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_happyPathV03_exits0(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN, PRODUCTION, artifact).exits(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_noTrustedRootOption_usesTheShippedPublicGoodRoot(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    Cli.Result r =
        new Cli(dir).run("sigstore", "verify-bundle", "--bundle", conformance("happy-path-v0.3/bundle.sigstore.json"),
            "--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER, "--format", "json", artifact)
            .exits(0);

    assertThat(r.json().get("ok")).contains(JsonBoolean.TRUE);
    assertThat(r.json().get("certificateIdentity")).contains(new JsonString(SAN));
    assertThat(r.json().get("certificateIssuer")).contains(new JsonString(ISSUER));
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_signatureMismatchFail_exits1WithCode(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    Cli.Result r =
        verify(conformance("signature-mismatch_fail/bundle.sigstore.json"), SAN, PRODUCTION, artifact).exits(1);

    assertThat(r.err()).startsWith("error: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_wrongIdentity_exits1PolicyMismatch(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    Cli.Result r =
        verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN + "x", PRODUCTION, artifact).exits(1);

    assertThat(r.err()).contains("POLICY_MISMATCH");
  }

  @Test
  void verifyBundle_wrongArtifact_exits1() {
    Path other = new Cli(dir).file("other.txt", "not the artifact\n");

    verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN, PRODUCTION, other.toString()).exits(1);
    verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN, PRODUCTION, "sha256:" + "0".repeat(64))
        .exits(1);
  }

  @Test
  void verifyBundle_fileNamedLikeADigest_isReadAsThePath() throws Exception {
    // FILE_OR_DIGEST: a digest only if no such file exists (conformance protocol)
    Cli cli = new Cli(dir);
    cli.file(A_TXT_DIGEST, "a different artifact\n");

    verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN, PRODUCTION, A_TXT_DIGEST).exits(1);
    Files.delete(dir.resolve(A_TXT_DIGEST));
    verify(conformance("happy-path-v0.3/bundle.sigstore.json"), SAN, PRODUCTION, A_TXT_DIGEST).exits(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_managedKey_exits0(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    new Cli(dir).run("sigstore", "verify-bundle", "--bundle", conformance("managed-key-and-trusted-root/bundle.sigstore.json"),
        "--key", conformance("managed-key-and-trusted-root/key.pub"),
        "--trusted-root", conformance("managed-key-and-trusted-root/trusted_root.json"), artifact).exits(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_rekorV2HappyPath_exits0(String input) {
    String artifact = input.equals("file") ? conformance("a.txt") : A_TXT_DIGEST;

    verify(conformance("rekor2-happy-path/bundle.sigstore.json"), SAN,
        conformance("rekor2-happy-path/trusted_root.json"), artifact).exits(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "digest"})
  void verifyBundle_inTotoSubject_exits0(String input) {
    String artifact =
        input.equals("file")
            ? conformance("intoto-with-custom-trust-root/artifact")
            : "sha256:330a043220fa13e01d68a7db39c89e12b0c4c3b6a0346fe624b0903f1303b5b2";

    Cli.Result r =
        new Cli(dir).run("sigstore", "verify-bundle", "--bundle", conformance("intoto-with-custom-trust-root/bundle.sigstore.json"),
            "--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER,
            "--trusted-root", conformance("intoto-with-custom-trust-root/trusted_root.json"), "--format", "json",
            artifact).exits(0);

    assertThat(r.json().get("predicateType")).isPresent();
  }

  @Test
  void verifyBundle_usageErrors_exit2() {
    Cli cli = new Cli(dir);
    String bundle = conformance("happy-path-v0.3/bundle.sigstore.json");

    cli.run("sigstore", "verify-bundle", "--bundle", bundle, conformance("a.txt")).exits(2);
    cli.run("sigstore", "verify-bundle", "--bundle", bundle, "--certificate-identity", SAN, conformance("a.txt"))
        .exits(2);
    cli.run("sigstore", "verify-bundle", "--bundle", bundle, "--certificate-identity", SAN,
        "--certificate-oidc-issuer", ISSUER, "--key", conformance("managed-key-and-trusted-root/key.pub"),
        conformance("a.txt")).exits(2);
    cli.run("sigstore", "verify-bundle", "--bundle", bundle, "--certificate-identity", SAN,
        "--certificate-oidc-issuer", ISSUER).exits(2);
    cli.run("sigstore", "verify-bundle", "--bundle", dir.resolve("missing.json").toString(),
        "--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER, conformance("a.txt")).exits(2);
  }

  /**
   * Every run of a sample of {@code sigstore-cases.json}, one or more per source and per optional
   * flag, through the jar; {@code VerifyBundleVectorsTest} runs every case in process.
   */
  static List<BundleVectors.Run> sampledVectorRuns() {
    List<BundleVectors.Run> out = new ArrayList<>();
    for (BundleVectors.Case c : BundleVectors.cases()) {
      if (SAMPLED_CASES.contains(c.id())) {
        out.addAll(BundleVectors.runs(c, Path.of("target", "verify-bundle-vectors-it")));
      }
    }
    return out;
  }

  private static final Set<String> SAMPLED_CASES =
      Set.of(
          "bundle-with-root-cert_fail",
          "happy-path-v0.1",
          "java-github-private-attestation",
          "java-dsse-rekor-v2-dsse-0.0.2-entry",
          "py-bundle-v0.1-staging",
          "go-npm-provenance-no-timestamps",
          "js-bundleV01-dsse-no-proof",
          "gh-sigstore-js-wrong-owner",
          "gh-bundle-v0.1-rejected-by-policy");

  @Test
  void sampledVectorRuns_coverEverySourceAndEveryOptionalFlag() {
    List<BundleVectors.Run> runs = sampledVectorRuns();
    assertThat(runs.stream().map(BundleVectors.Run::caseId)).containsAll(SAMPLED_CASES);
    assertThat(runs.stream().map(BundleVectors.Run::source)).containsAll(BundleVectors.SOURCES);
    String all = runs.toString() + runs.stream().map(BundleVectors.Run::args).toList();
    assertThat(all)
        .contains("--certificate-identity-regexp", "--certificate-extension", "--tlog-threshold",
            "--sct-threshold", "--timestamp-threshold", "--observer-timestamp-threshold",
            "--min-bundle-version", "--allow-v01-promise-only", "--allow-rekor-v2-dsse");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampledVectorRuns")
  void verifyBundle_vectorCase_exitsWithTheExpectedStatus(BundleVectors.Run run) {
    Cli.Result r = new Cli(dir).run(run.args().toArray(new String[0])).exits(run.valid() ? 0 : 1);

    if (!run.valid()) {
      assertThat(r.err()).containsPattern("(?m)^error: [A-Z_]+");
    }
  }

  @Test
  void verifyBundle_notABundle_exits1MalformedInput() {
    Cli cli = new Cli(dir);
    Path junk = cli.file("junk.json", "{\"mediaType\":");

    Cli.Result r = verify(junk.toString(), SAN, PRODUCTION, conformance("a.txt")).exits(1);

    assertThat(r.err()).contains("MALFORMED_INPUT");
  }

  private static String token(long exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"iss\":\"https://issuer.example\",\"sub\":\"someone\",\"exp\":" + exp + "}")
            .getBytes(StandardCharsets.UTF_8)) + ".";
  }

  @Test
  void signBundle_expiredToken_exits1TimeInvalidWithoutPrintingTheToken() {
    String token = token(Instant.now().minusSeconds(3600).getEpochSecond());

    Cli.Result r =
        new Cli(dir).run("sigstore", "sign-bundle", "--identity-token", token, "--bundle",
            dir.resolve("out.sigstore.json").toString(), conformance("a.txt")).exits(1);

    assertThat(r.err()).contains("TIME_INVALID");
    assertThat(r.out() + r.err()).doesNotContain(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
    assertThat(dir.resolve("out.sigstore.json")).doesNotExist();
  }

  @Test
  void signBundle_tokenFromFile_isRead() {
    Cli cli = new Cli(dir);
    Path tokenFile = cli.file("token", token(Instant.now().minusSeconds(3600).getEpochSecond()) + "\n");

    Cli.Result r =
        cli.run("sigstore", "sign-bundle", "--identity-token-file", tokenFile.toString(), "--bundle",
            dir.resolve("out.sigstore.json").toString(), conformance("a.txt")).exits(1);

    assertThat(r.err()).contains("TIME_INVALID");
  }

  @Test
  void signBundle_garbageToken_exits1MalformedInput() {
    Cli.Result r =
        new Cli(dir).run("sigstore", "sign-bundle", "--identity-token", "not.a-token", "--bundle",
            dir.resolve("out.sigstore.json").toString(), conformance("a.txt")).exits(1);

    assertThat(r.err()).contains("MALFORMED_INPUT");
  }

  @Test
  void signBundle_usageErrors_exit2() {
    Cli cli = new Cli(dir);
    String token = token(Instant.now().plusSeconds(600).getEpochSecond());

    cli.run("sigstore", "sign-bundle", "--identity-token", token, conformance("a.txt")).exits(2);
    cli.run("sigstore", "sign-bundle", "--identity-token", token, "--bundle", "out.json").exits(2);
    cli.run("sigstore", "sign-bundle", "--identity-token", token, "--bundle", "out.json",
        dir.resolve("missing").toString()).exits(2);
    cli.run("sigstore", "sign-bundle", "--bundle", "out.json", "--in-toto", "--staging", conformance("a.txt"))
        .exits(2);
    cli.run("sigstore", "sign-bundle", "--help").exits(0);
  }
}
