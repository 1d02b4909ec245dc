package dev.provenance.examples.cli.sigstore;

import static dev.provenance.examples.cli.sigstore.BundleVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.examples.cli.sigstore.VerifyBundleVectorsTest.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional policy flags of {@code provenance sigstore verify-bundle}, in process. */
class VerifyBundleCommandTest {
  private static final String SAN =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
          + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String A_TXT = "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  private static Result verify(String... options) {
    List<String> args = new ArrayList<>(List.of("sigstore", "verify-bundle", "--bundle",
        vector("sigstore-conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json"),
        "--trusted-root", vector("sigstore-python/trust-roots/production.trusted_root.json")));
    args.addAll(List.of(options));
    args.add(A_TXT);
    return VerifyBundleVectorsTest.cli(args);
  }

  @Test
  void verifyBundle_identityRegexpMatchingTheWholeSan_exits0() {
    assertThat(verify("--certificate-identity-regexp", "https://github\\.com/sigstore-conformance/.*",
        "--certificate-oidc-issuer", ISSUER).exit()).isZero();
  }

  @Test
  void verifyBundle_identityRegexpMatchingAPrefixOnly_exits1() {
    Result r = verify("--certificate-identity-regexp", "https://github\\.com/sigstore-conformance/",
        "--certificate-oidc-issuer", ISSUER);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: POLICY_MISMATCH");
  }

  @Test
  void verifyBundle_extensionMatchingOrNot_exits0Or1() {
    String ref = "1.3.6.1.4.1.57264.1.14=";

    assertThat(verify("--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER,
        "--certificate-extension", ref + "refs/heads/main").exit()).isZero();
    assertThat(verify("--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER,
        "--certificate-extension", ref + "refs/heads/other").err()).startsWith("error: POLICY_MISMATCH");
  }

  @Test
  void verifyBundle_tlogThresholdAboveTheBundlesEntries_exits1ThresholdNotMet() {
    Result r = verify("--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER, "--tlog-threshold", "2");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: THRESHOLD_NOT_MET");
  }

  @Test
  void verifyBundle_minimumVersionAboveTheBundles_exits1() {
    Result r = VerifyBundleVectorsTest.cli(List.of("sigstore", "verify-bundle", "--bundle",
        vector("sigstore-conformance/bundle-verify/happy-path-v0.1/bundle.sigstore.json"),
        "--certificate-identity", SAN, "--certificate-oidc-issuer", ISSUER, "--min-bundle-version", "0.2", A_TXT));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: UNSUPPORTED_FORMAT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--certificate-identity-regexp|(unclosed|--certificate-oidc-issuer|" + ISSUER,
        "--certificate-identity-regexp|.*|--certificate-identity|x|--certificate-oidc-issuer|" + ISSUER,
        "--certificate-identity-regexp|.*",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--certificate-extension|1.2.3=x",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--certificate-extension|no-equals-sign",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--tlog-threshold|-1",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--sct-threshold|one",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--timestamp-threshold|",
        "--certificate-identity|x|--certificate-oidc-issuer|y|--min-bundle-version|0.4",
        "--key|k.pem|--certificate-identity-regexp|.*",
        "--key|k.pem|--certificate-extension|1.3.6.1.4.1.57264.1.14=x",
      })
  void verifyBundle_badPolicyOption_exits2(String options) {
    Result r = verify(options.split("\\|", -1));

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("usage error: ");
  }
}
