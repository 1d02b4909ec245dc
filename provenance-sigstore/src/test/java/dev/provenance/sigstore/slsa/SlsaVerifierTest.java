package dev.provenance.sigstore.slsa;

import static dev.provenance.sigstore.slsa.LegacyFixture.DIGEST;
import static dev.provenance.sigstore.slsa.LegacyFixture.GENERIC;
import static dev.provenance.sigstore.slsa.LegacyFixture.REPO;
import static dev.provenance.sigstore.slsa.LegacyFixture.envelope;
import static dev.provenance.sigstore.slsa.LegacyFixture.statementV02;
import static dev.provenance.sigstore.slsa.LegacyFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.sigstore.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SlsaVerifier} on really signed synthetic provenance, including hostile statements. */
class SlsaVerifierTest {
  private static final String TAG = "refs/tags/v1.2.3";
  private static final DigestSet ARTIFACT = DigestSet.of(DigestAlgorithm.SHA256, DIGEST);

  private final LegacyFixture f = new LegacyFixture();

  private static SlsaExpectations expect() {
    return SlsaExpectations.newBuilder().sourceUri("github.com/" + REPO).build();
  }

  private byte[] signed(String workflow, String statement) throws Exception {
    return envelope(f.leaf(workflow, REPO), utf8(statement));
  }

  private byte[] good() throws Exception {
    return signed(
        GENERIC + "@refs/tags/v2.1.0", statementV02(GENERIC + "@refs/tags/v2.1.0", REPO, TAG));
  }

  private ErrorCode failure(byte[] provenance) throws Exception {
    return failure(f.verifier(), provenance, expect());
  }

  private static ErrorCode failure(SlsaVerifier v, byte[] provenance, SlsaExpectations e) {
    try {
      v.verify(provenance, e, ARTIFACT);
    } catch (VerificationException ex) {
      return ex.code();
    }
    throw new AssertionError("verified");
  }

  @Test
  void verify_signedGeneratorProvenance_returnsTheBuilderAndSource() throws Exception {
    List<VerifiedSlsaProvenance> r =
        f.verifier()
            .verify(
                good(),
                SlsaExpectations.newBuilder()
                    .sourceUri("github.com/" + REPO)
                    .sourceTag("v1.2.3")
                    .sourceVersionedTag("v1")
                    .sourceBranch("main")
                    .build(),
                ARTIFACT);
    assertThat(r).hasSize(1);
    assertThat(r.get(0).builderId()).isEqualTo(GENERIC + "@refs/tags/v2.1.0");
    assertThat(r.get(0).source()).isEqualTo("git+https://github.com/" + REPO + "@" + TAG);
    assertThat(r.get(0).index()).isZero();
    assertThat(r.get(0).attestation().envelope().signers().get(0).certificateIdentity())
        .contains(GENERIC + "@refs/tags/v2.1.0");
  }

  @Test
  void verify_legacyEnvelopeNotAccepted_throwsThresholdNotMet() throws Exception {
    SlsaVerifier strict = SlsaVerifier.newBuilder().trustedRoot(f.root()).build();
    assertThat(failure(strict, good(), expect())).isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  /** H31: a signing workflow that only looks like a trusted builder. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/slsa-framework/slsa-github-generator-evil/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://githubusercontent.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml/@refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator%5Fgeneric_slsa3.yml@refs/tags/v2.1.0",
        "https://github.com/SLSA-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/heads/main",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0-rc.1",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.1.0",
        "https://github.com/org/app/.github/workflows/release.yml@refs/tags/v1.2.3",
      })
  void verify_lookalikeSigningWorkflow_throwsPolicyMismatch(String workflow) throws Exception {
    byte[] p = signed(workflow, statementV02(workflow, REPO, TAG));
    assertThat(failure(p)).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verify_provenanceNamesAnotherBuilderThanTheCertificate_throwsPolicyMismatch()
      throws Exception {
    byte[] p =
        signed(
            GENERIC + "@refs/tags/v2.1.0",
            statementV02(
                LegacyFixture.WORKFLOWS + "builder_go_slsa3.yml@refs/tags/v2.1.0", REPO, TAG));
    assertThat(failure(p)).isEqualTo(ErrorCode.POLICY_MISMATCH);
    byte[] olderRef =
        signed(
            GENERIC + "@refs/tags/v2.1.0", statementV02(GENERIC + "@refs/tags/v2.0.0", REPO, TAG));
    assertThat(failure(olderRef)).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verify_anotherOidcIssuer_throwsPolicyMismatch() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    byte[] p =
        envelope(
            f.leaf(w, REPO).issuerV1("https://gitlab.com").issuerV2("https://gitlab.com"),
            utf8(statementV02(w, REPO, TAG)));
    assertThat(failure(p)).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verify_certificateSourceExtensionsDisagree_throwsMalformedInput() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    TestPki.LeafBuilder leaf =
        f.pki
            .leaf()
            .uri(w)
            .rawExtension("1.3.6.1.4.1.57264.1.5", utf8("org/other"))
            .utf8Extension("1.3.6.1.4.1.57264.1.12", "https://github.com/" + REPO)
            .sct(TestPki.SctSpec.of(f.log));
    assertThat(failure(envelope(leaf, utf8(statementV02(w, REPO, TAG)))))
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_certificateWithoutSct_throwsThresholdNotMet() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    TestPki.LeafBuilder leaf =
        f.pki.leaf().uri(w).utf8Extension("1.3.6.1.4.1.57264.1.12", "https://github.com/" + REPO);
    assertThat(failure(envelope(leaf, utf8(statementV02(w, REPO, TAG)))))
        .isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verify_certificateFromAnotherAuthority_throwsUntrustedAnchor() throws Exception {
    LegacyFixture other = new LegacyFixture();
    String w = GENERIC + "@refs/tags/v2.1.0";
    byte[] p = envelope(other.leaf(w, REPO), utf8(statementV02(w, REPO, TAG)));
    assertThat(failure(p)).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void verify_payloadChangedAfterSigning_throwsSignatureInvalid() throws Exception {
    String json = new String(good(), StandardCharsets.UTF_8);
    int at = json.indexOf("\"payload\":\"") + 20;
    char c = json.charAt(at);
    String flipped = json.substring(0, at) + (c == 'A' ? 'B' : 'A') + json.substring(at + 1);
    assertThat(failure(utf8(flipped))).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  /** H33: no provenance is never a pass. */
  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "\n  \n\r\n\t\n"})
  void verify_emptyProvenance_throwsPolicyMismatch(String file) throws Exception {
    assertThat(failure(utf8(file))).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  /** H34: other predicate types and v1 provenance without a build type. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://slsa.dev/provenance/v1.0",
        "https://slsa.dev/provenance/v0.1",
        "https://in-toto.io/Provenance/v0.1",
        "https://example.com/provenance/v0.2",
      })
  void verify_otherPredicateType_throwsUnsupportedFormat(String type) throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String statement = statementV02(w, REPO, TAG).replace("https://slsa.dev/provenance/v0.2", type);
    assertThat(failure(signed(w, statement))).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_v1ProvenanceWithoutBuildType_throwsMalformedInput() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String statement = LegacyFixture.statementV1(w, "{\"externalParameters\":{}}");
    assertThat(failure(signed(w, statement))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_v1ProvenanceWithUnknownBuildType_throwsUnsupportedFormat() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String statement =
        LegacyFixture.statementV1(
            w, "{\"buildType\":\"https://example.com/build@v1\",\"externalParameters\":{}}");
    assertThat(failure(signed(w, statement))).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"invocation\":{\"configSource\":{\"uri\"",
        "\"materials\":[{\"uri\"",
        "\"github_ref_type\":\"tag\"",
      })
  void verify_provenanceMissingAField_throwsMalformedInput(String field) throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String statement = statementV02(w, REPO, TAG);
    String broken;
    if (field.startsWith("\"invocation\"")) {
      broken = statement.replace(field, "\"invocation\":{\"configSource\":{\"url\"");
    } else if (field.startsWith("\"materials\"")) {
      broken = statement.replace(field, "\"materials\":[{\"url\"");
    } else {
      broken = statement.replace(field, "\"github_ref_type\":\"pull\"");
    }
    SlsaExpectations withTag =
        SlsaExpectations.newBuilder().sourceUri("github.com/" + REPO).sourceTag("v1.2.3").build();
    assertThat(failure(f.verifier(), signed(w, broken), withTag))
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_triggerAndSourceDisagree_throwsMalformedInput() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String statement =
        statementV02(w, REPO, TAG)
            .replace(
                "\"materials\":[{\"uri\":\"git+https://github.com/" + REPO + "@" + TAG,
                "\"materials\":[{\"uri\":\"git+https://github.com/" + REPO + "@refs/tags/v9.9.9");
    assertThat(failure(signed(w, statement))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_artifactNotASubject_throwsBindingMismatch() throws Exception {
    DigestSet other = DigestSet.of(DigestAlgorithm.SHA256, "2".repeat(64));
    assertThatThrownBy(() -> f.verifier().verify(good(), expect(), other))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH));
  }

  @Test
  void verify_jsonLinesWithBrokenLines_usesTheLineThatVerifies() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(utf8("{not json\n"));
    file.write(
        signed(
            GENERIC + "@refs/tags/v2.1.0",
            statementV02(GENERIC + "@refs/tags/v2.1.0", "org/other", TAG)));
    file.write('\n');
    file.write(good());
    file.write(utf8("\n\n"));
    List<VerifiedSlsaProvenance> r = f.verifier().verify(file.toByteArray(), expect(), ARTIFACT);
    assertThat(r.get(0).index()).isEqualTo(2);
  }

  @Test
  void verify_jsonLinesWhereNoLineVerifies_reportsEveryLine() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(utf8("{not json\n"));
    file.write(
        signed(
            GENERIC + "@refs/tags/v2.1.0",
            statementV02(GENERIC + "@refs/tags/v2.1.0", "org/other", TAG)));
    file.write('\n');
    assertThatThrownBy(() -> f.verifier().verify(file.toByteArray(), expect(), ARTIFACT))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).contains("provenance[0]");
              assertThat(e.findings())
                  .anySatisfy(
                      x -> {
                        assertThat(x.code()).isEqualTo(ErrorCode.POLICY_MISMATCH);
                        assertThat(x.location()).startsWith("provenance[1]");
                      });
            });
  }

  @Test
  void verify_severalArtifacts_eachMatchedToItsSubject() throws Exception {
    String w = GENERIC + "@refs/tags/v2.1.0";
    String two =
        statementV02(w, REPO, TAG)
            .replace(
                "\"subject\":[",
                "\"subject\":[{\"name\":\"lib\",\"digest\":{\"sha256\":\""
                    + "3".repeat(64)
                    + "\"}},");
    DigestSet lib = DigestSet.of(DigestAlgorithm.SHA256, "3".repeat(64));
    List<VerifiedSlsaProvenance> r =
        f.verifier().verify(signed(w, two), expect(), ARTIFACT, lib, ARTIFACT);
    assertThat(r)
        .extracting(VerifiedSlsaProvenance::artifact)
        .containsExactly(ARTIFACT, lib, ARTIFACT);
    assertThat(r.get(1).attestation().matchedSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.name()).contains("lib"));
  }

  @Test
  void verify_envelopeWithoutCertificate_throwsUnsupportedFormat() throws Exception {
    String json = new String(good(), StandardCharsets.UTF_8);
    String noCert = json.replaceAll(",\"cert\":\"[^\"]*\"", "");
    assertThat(failure(utf8(noCert))).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    String notPem = json.replaceAll("\"cert\":\"[^\"]*\"", "\"cert\":\"hello\"");
    assertThat(failure(utf8(notPem))).isEqualTo(ErrorCode.MALFORMED_INPUT);
    String notString = json.replaceAll("\"cert\":\"[^\"]*\"", "\"cert\":{}");
    assertThat(failure(utf8(notString))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "[]",
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}",
        "{\"mediaType\":null,\"verificationMaterial\":null}",
        "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"\",\"signatures\":[]}",
        "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[null]}",
        "{\"hello\":\"world\"}",
        "\u0000\u00ff",
      })
  void verify_malformedLine_throwsTypedFailure(String line) throws Exception {
    assertThatThrownBy(() -> f.verifier().verify(utf8(line), expect(), ARTIFACT))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void verify_deepNesting_throwsTypedFailure() throws Exception {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> f.verifier().verify(utf8(deep), expect(), ARTIFACT))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e ->
                assertThat(e.code())
                    .isIn(ErrorCode.RESOURCE_LIMIT_EXCEEDED, ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void verify_tooManyLines_throwsResourceLimitExceeded() throws Exception {
    byte[] lines = utf8("{}\n".repeat(SlsaVerifier.MAX_ATTESTATIONS + 1));
    assertThat(failure(lines)).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_oversizedFile_throwsResourceLimitExceeded() throws Exception {
    byte[] big = new byte[32 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(failure(big)).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_noArtifactOrWeakDigest_isRejectedAsAProgrammingError() throws Exception {
    SlsaVerifier v = f.verifier();
    byte[] p = good();
    assertThatThrownBy(() -> v.verify(p, expect(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> v.verify(p, expect(), DigestSet.of(DigestAlgorithm.SHA1, "a".repeat(40))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_sharedVerifierUnderConcurrency_givesTheSameVerdicts() throws Exception {
    SlsaVerifier v = f.verifier();
    byte[] ok = good();
    byte[] bad =
        signed(GENERIC + "@refs/heads/main", statementV02(GENERIC + "@refs/heads/main", REPO, TAG));
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<String> errors =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 10; i++) {
                  try {
                    v.verify(ok, expect(), ARTIFACT);
                  } catch (VerificationException e) {
                    errors.add("ok failed: " + e.code());
                  }
                  if (failure(v, bad, expect()) != ErrorCode.POLICY_MISMATCH) {
                    errors.add("bad verdict changed");
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(errors).isEmpty();
  }
}
