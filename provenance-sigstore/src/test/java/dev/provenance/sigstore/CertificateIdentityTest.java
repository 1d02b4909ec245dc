package dev.provenance.sigstore;

import static dev.provenance.sigstore.testing.TestPki.ISSUER;
import static dev.provenance.sigstore.testing.TestPki.SAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateIdentityTest {
  private static final TestPki PKI = TestPki.create();
  private static final X509Certificate LEAF = PKI.leaf().build();
  private static final CertificateIdentity EXACT =
      CertificateIdentity.newBuilder().subjectAlternativeName(SAN).issuer(ISSUER).build();

  private static List<ErrorCode> codes(CertificateIdentity identity, X509Certificate leaf) {
    return identity.evaluate(leaf).stream().map(Finding::code).toList();
  }

  @Test
  void evaluate_exactSanAndIssuer_hasNoFindings() {
    assertThat(EXACT.evaluate(LEAF)).isEmpty();
  }

  // ------------------------------------------------------------------ H71: exact means exact

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/org/repo.evil/.github/workflows/release.yml@refs/tags/v1",
        "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1-evil",
        "https://evil.example/https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1",
        "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1/",
        "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v",
        "HTTPS://GITHUB.COM/org/repo/.github/workflows/release.yml@refs/tags/v1",
        "https://github.com/org/rep0/.github/workflows/release.yml@refs/tags/v1",
        "https://github.com/org/repo/.github/workflows/releaseXyml@refs/tags/v1",
      })
  void evaluate_attackerSanAgainstLiteral_isPolicyMismatch(String attackerSan) {
    X509Certificate leaf = PKI.leaf().uri(attackerSan).build();

    assertThat(EXACT.evaluate(leaf))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(ErrorCode.POLICY_MISMATCH);
              assertThat(f.location()).isEqualTo("certificate/subjectAlternativeName");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/org/repo.evil/.github/workflows/release.yml@refs/tags/v1",
        "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1-evil",
        "https://evil.example/https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1",
      })
  void evaluate_attackerSanAgainstEscapedRegex_isPolicyMismatch(String attackerSan) {
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex(
                "https://github\\.com/org/repo/\\.github/workflows/release\\.yml@refs/tags/v1")
            .issuer(ISSUER)
            .build();

    assertThat(codes(identity, PKI.leaf().uri(attackerSan).build()))
        .containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(identity.evaluate(LEAF)).isEmpty();
  }

  @Test
  void evaluate_regexMatchingOnlyAPrefix_isPolicyMismatch() {
    // Patterns are anchored: matching a prefix or substring is not a match.
    CertificateIdentity prefix =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex("https://github\\.com/org/")
            .issuer(ISSUER)
            .build();
    CertificateIdentity whole =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex("https://github\\.com/org/.*")
            .issuer(ISSUER)
            .build();

    assertThat(codes(prefix, LEAF)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(whole.evaluate(LEAF)).isEmpty();
  }

  // ------------------------------------------------------------------ issuer

  @Test
  void evaluate_wrongIssuer_isPolicyMismatchAtIssuerExtension() {
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(SAN)
            .issuer("https://accounts.google.com")
            .build();

    assertThat(identity.evaluate(LEAF))
        .singleElement()
        .extracting(Finding::code, Finding::location)
        .containsExactly(ErrorCode.POLICY_MISMATCH, "certificate/extensions/1.3.6.1.4.1.57264.1.8");
  }

  @Test
  void evaluate_issuerRegexSet_isEnforced() {
    // H72: a configured pattern is never ignored.
    CertificateIdentity google =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(SAN)
            .issuerRegex("https://accounts\\.google\\.com")
            .build();
    CertificateIdentity github =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(SAN)
            .issuerRegex("https://token\\.actions\\.githubusercontent\\.com")
            .build();

    assertThat(codes(google, LEAF)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(github.evaluate(LEAF)).isEmpty();
  }

  @Test
  void evaluate_onlyLegacyIssuerExtension_usesIt() {
    X509Certificate legacy = PKI.leaf().issuerV2(null).issuerV1(ISSUER).build();

    assertThat(EXACT.evaluate(legacy)).isEmpty();
    assertThat(CertificateIdentity.issuer(legacy)).contains(ISSUER);
  }

  @Test
  void evaluate_bothIssuerExtensionsDiffer_prefersV2() {
    X509Certificate leaf =
        PKI.leaf().issuerV2(ISSUER).issuerV1("https://legacy.example").build();
    CertificateIdentity legacy =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(SAN)
            .issuer("https://legacy.example")
            .build();

    assertThat(EXACT.evaluate(leaf)).isEmpty();
    assertThat(codes(legacy, leaf)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_noIssuerExtension_isPolicyMismatch() {
    X509Certificate leaf = PKI.leaf().issuerV2(null).issuerV1(null).build();

    assertThat(codes(EXACT, leaf)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(CertificateIdentity.issuer(leaf)).isEmpty();
  }

  @Test
  void evaluate_issuerV2NotDerUtf8String_isMalformedInput() {
    X509Certificate leaf =
        PKI.leaf()
            .issuerV2(null)
            .rawExtension(TestPki.ISSUER_V2, ISSUER.getBytes(StandardCharsets.UTF_8))
            .build();

    assertThat(codes(EXACT, leaf)).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  // ------------------------------------------------------------------ SAN kinds

  @Test
  void evaluate_emailSan_matchesExactly() {
    X509Certificate leaf =
        PKI.leaf().sans(new GeneralName(GeneralName.rfc822Name, "dev@example.com")).build();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName("dev@example.com")
            .issuer(ISSUER)
            .build();

    assertThat(identity.evaluate(leaf)).isEmpty();
    assertThat(CertificateIdentity.subjectAlternativeName(leaf)).contains("dev@example.com");
  }

  @Test
  void evaluate_sigstoreOtherNameSan_matches() {
    GeneralName username =
        new GeneralName(
            GeneralName.otherName,
            new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.7"),
                  new DERTaggedObject(true, 0, new DERUTF8String("foo!oidc.local"))
                }));
    X509Certificate leaf = PKI.leaf().sans(username).build();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName("foo!oidc.local")
            .issuer(ISSUER)
            .build();

    assertThat(identity.evaluate(leaf)).isEmpty();
  }

  @Test
  void evaluate_twoIdentitiesInSan_isPolicyMismatch() {
    X509Certificate leaf =
        PKI.leaf()
            .sans(
                new GeneralName(GeneralName.uniformResourceIdentifier, SAN),
                new GeneralName(GeneralName.rfc822Name, "other@example.com"))
            .build();

    assertThat(codes(EXACT, leaf)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(CertificateIdentity.subjectAlternativeName(leaf)).isEmpty();
  }

  @Test
  void evaluate_noSanOrOnlyDnsName_isPolicyMismatch() {
    X509Certificate none = PKI.leaf().subject("CN=no-san").sans().build();
    X509Certificate dns =
        PKI.leaf().sans(new GeneralName(GeneralName.dNSName, "github.com")).build();

    assertThat(codes(EXACT, none)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(codes(EXACT, dns)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_sanAndIssuerBothWrong_reportsBoth() {
    X509Certificate leaf =
        PKI.leaf().uri("https://example.com/other").issuerV2("https://other.example").build();

    assertThat(EXACT.evaluate(leaf))
        .extracting(Finding::location)
        .containsExactly(
            "certificate/subjectAlternativeName", "certificate/extensions/1.3.6.1.4.1.57264.1.8");
  }

  // ------------------------------------------------------------------ H83: oversized values

  @Test
  void evaluate_catastrophicPatternOnLongSan_isFastAndMalformed() {
    // H83: (a+)+$ on a 50,000-character SAN; the SAN exceeds the limit and is refused unmatched.
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex("https://x/(a+)+$")
            .issuer(ISSUER)
            .build();
    X509Certificate leaf = PKI.leaf().uri("https://x/" + "a".repeat(50_000) + "!").build();

    List<ErrorCode> codes =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> codes(identity, leaf));

    assertThat(codes).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void evaluate_catastrophicPatternOnSanAtLimit_runsAndMismatches() {
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex("https://x/(a+)+$")
            .issuer(ISSUER)
            .build();
    String san = "https://x/" + "a".repeat(CertificateIdentity.MAX_VALUE_LENGTH - 11) + "!";
    X509Certificate leaf = PKI.leaf().uri(san).build();

    List<ErrorCode> codes =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> codes(identity, leaf));

    assertThat(codes).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_sanWithDeeplyNestedOtherName_isResourceLimitExceeded() throws Exception {
    GeneralName deep =
        new GeneralName(
            GeneralName.otherName,
            new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new ASN1ObjectIdentifier("1.2.3.4"),
                  new DERTaggedObject(
                      true, 0, ASN1Primitive.fromByteArray(Vectors.nestedSequences(1_000)))
                }));
    X509Certificate leaf =
        PKI.leaf().sans(new GeneralName(GeneralName.uniformResourceIdentifier, SAN), deep).build();

    assertThat(codes(EXACT, leaf)).containsExactly(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(CertificateIdentity.subjectAlternativeName(leaf)).isEmpty();
  }

  @Test
  void evaluate_megabyteSan_isMalformedInput() {
    X509Certificate leaf = PKI.leaf().uri("https://x/" + "a".repeat(1 << 20)).build();

    assertThat(codes(EXACT, leaf)).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  // ------------------------------------------------------------------ Fulcio extensions

  @Test
  void evaluate_extensionMatchers_checkValuesExactlyOrByPattern() {
    X509Certificate leaf =
        PKI.leaf()
            .utf8Extension(FulcioExtension.SOURCE_REPOSITORY_URI.oid(), "https://github.com/org/repo")
            .utf8Extension(FulcioExtension.SOURCE_REPOSITORY_REF.oid(), "refs/tags/v1")
            .build();
    CertificateIdentity matching =
        CertificateIdentity.newBuilder()
            .issuer(ISSUER)
            .extension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/org/repo")
            .extensionRegex(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/v[0-9]+")
            .build();
    CertificateIdentity wrongRepo =
        CertificateIdentity.newBuilder()
            .issuer(ISSUER)
            .extension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/org/rep")
            .build();

    assertThat(matching.evaluate(leaf)).isEmpty();
    assertThat(wrongRepo.evaluate(leaf))
        .singleElement()
        .extracting(Finding::code, Finding::location)
        .containsExactly(
            ErrorCode.POLICY_MISMATCH, "certificate/extensions/1.3.6.1.4.1.57264.1.12");
    assertThat(CertificateIdentity.extension(leaf, FulcioExtension.SOURCE_REPOSITORY_REF))
        .contains("refs/tags/v1");
  }

  @Test
  void evaluate_extensionAbsent_isPolicyMismatch() {
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(SAN)
            .issuer(ISSUER)
            .extension(FulcioExtension.RUNNER_ENVIRONMENT, "github-hosted")
            .build();

    assertThat(codes(identity, LEAF)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_legacyRawExtension_isReadAsUtf8Bytes() {
    X509Certificate leaf =
        PKI.leaf()
            .rawExtension(
                FulcioExtension.GITHUB_WORKFLOW_REPOSITORY.oid(),
                "org/repo".getBytes(StandardCharsets.UTF_8))
            .build();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .issuer(ISSUER)
            .extension(FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, "org/repo")
            .build();

    assertThat(identity.evaluate(leaf)).isEmpty();
  }

  @Test
  void evaluate_extensionValueNotUtf8_isMalformedInput() {
    X509Certificate leaf =
        PKI.leaf()
            .rawExtension(FulcioExtension.GITHUB_WORKFLOW_REF.oid(), new byte[] {(byte) 0xC3, 0x28})
            .build();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .issuer(ISSUER)
            .extension(FulcioExtension.GITHUB_WORKFLOW_REF, "refs/heads/main")
            .build();

    assertThat(codes(identity, leaf)).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void evaluate_extensionHoldingIa5InsteadOfUtf8_isMalformedInput() {
    X509Certificate leaf =
        PKI.leaf()
            .extension(FulcioExtension.BUILD_TRIGGER.oid(), false, new DERIA5String("push"))
            .build();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .issuer(ISSUER)
            .extension(FulcioExtension.BUILD_TRIGGER, "push")
            .build();

    assertThat(codes(identity, leaf)).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  // ------------------------------------------------------------------ H72: construction

  @Test
  void build_nothingSet_throwsIllegalState() {
    assertThatThrownBy(() -> CertificateIdentity.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_sanWithoutIssuer_throwsIllegalState() {
    assertThatThrownBy(() -> CertificateIdentity.newBuilder().subjectAlternativeName(SAN).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_issuerRegexAloneWithoutSanOrExtension_throwsIllegalState() {
    assertThatThrownBy(() -> CertificateIdentity.newBuilder().issuerRegex(".*").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_literalAndPatternForOneField_throwsIllegalState() {
    assertThatThrownBy(
            () ->
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(SAN)
                    .subjectAlternativeNameRegex(".*")
                    .issuer(ISSUER)
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(SAN)
                    .issuer(ISSUER)
                    .issuerRegex(".*")
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                CertificateIdentity.newBuilder()
                    .issuer(ISSUER)
                    .extension(FulcioExtension.BUILD_TRIGGER, "push")
                    .extensionRegex(FulcioExtension.BUILD_TRIGGER, "p.*")
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setters_emptyValueOrInvalidPattern_throwIllegalArgument() {
    CertificateIdentity.Builder builder = CertificateIdentity.newBuilder();

    assertThatThrownBy(() -> builder.subjectAlternativeName(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.subjectAlternativeNameRegex(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.issuer("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.issuerRegex("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.subjectAlternativeNameRegex("(a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.issuerRegex("(?=x)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.extension(FulcioExtension.BUILD_TRIGGER, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_namesEveryConstraint() {
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeNameRegex("https://github\\.com/org/.*")
            .issuer(ISSUER)
            .extension(FulcioExtension.RUNNER_ENVIRONMENT, "github-hosted")
            .build();

    assertThat(identity.toString())
        .contains("https://github\\.com/org/.*", ISSUER, "RUNNER_ENVIRONMENT", "github-hosted");
  }

  // ------------------------------------------------------------------ real certificates

  @Test
  void evaluate_conformanceLeaf_matchesItsDocumentedIdentity() {
    X509Certificate leaf =
        leafOf("sigstore-conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(
                "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
                    + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main")
            .issuer("https://token.actions.githubusercontent.com")
            .build();

    assertThat(identity.evaluate(leaf)).isEmpty();
  }

  @Test
  void evaluate_githubActionsLeaf_matchesFulcioExtensions() {
    X509Certificate leaf = leafOf("sigstore-python/bundle_v3_github.whl.sigstore");
    String repository =
        CertificateIdentity.extension(leaf, FulcioExtension.SOURCE_REPOSITORY_URI).orElseThrow();
    String ref =
        CertificateIdentity.extension(leaf, FulcioExtension.SOURCE_REPOSITORY_REF).orElseThrow();
    CertificateIdentity identity =
        CertificateIdentity.newBuilder()
            .issuer("https://token.actions.githubusercontent.com")
            .extension(FulcioExtension.SOURCE_REPOSITORY_URI, repository)
            .extension(FulcioExtension.SOURCE_REPOSITORY_REF, ref)
            .extensionRegex(FulcioExtension.SOURCE_REPOSITORY_DIGEST, "[0-9a-f]{40}")
            .extensionRegex(FulcioExtension.BUILD_SIGNER_URI, "https://github\\.com/.*")
            .build();
    CertificateIdentity wrongRef =
        CertificateIdentity.newBuilder()
            .issuer("https://token.actions.githubusercontent.com")
            .extension(FulcioExtension.SOURCE_REPOSITORY_URI, repository)
            .extension(FulcioExtension.SOURCE_REPOSITORY_REF, ref + "-evil")
            .build();

    assertThat(repository).startsWith("https://github.com/");
    assertThat(identity.evaluate(leaf)).isEmpty();
    assertThat(codes(wrongRef, leaf)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void evaluate_sigstoreGoOtherNameLeaf_exposesUsername() {
    X509Certificate leaf = leafOf("sigstore-go/bundles/othername.sigstore.json");
    String san = CertificateIdentity.subjectAlternativeName(leaf).orElseThrow();
    String issuer = CertificateIdentity.issuer(leaf).orElseThrow();
    CertificateIdentity asEmail =
        CertificateIdentity.newBuilder()
            .subjectAlternativeName(san.replace('!', '@'))
            .issuer(issuer)
            .build();

    assertThat(
            CertificateIdentity.newBuilder()
                .subjectAlternativeName(san)
                .issuer(issuer)
                .build()
                .evaluate(leaf))
        .isEmpty();
    assertThat(codes(asEmail, leaf)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  private static X509Certificate leafOf(String bundle) {
    return Vectors.certificate(BundleFixture.load(bundle).certificates().get(0));
  }
}
