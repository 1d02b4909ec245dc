package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonValue;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NpmPackageVerifier} on the slsa-verifier npm documents (the vector cases themselves run
 * in SigstoreVectorsTest) and on hostile variants of them: every failure is a typed error with the
 * code that names its cause.
 */
class NpmPackageVerifierTest {
  private static final String V1 = "slsa-verifier/npm/gundam-visor-cli-v1-tag.tgz.json";
  private static final String V02 = "slsa-verifier/npm/supreme-googles-cli-v02-tag.tgz.json";
  private static final DigestSet V1_TARBALL =
      DigestSet.of(
          DigestAlgorithm.SHA512,
          "8d9d7972f676516c75014aa074e11ae604d98f0b64ec6725a61e2838ff3dab162118fa71433fb31e1550d30bd0dec9d086ce032b94457b583900c507acf39c40");
  private static final DigestSet V02_TARBALL =
      DigestSet.of(
          DigestAlgorithm.SHA512,
          "1e2ebece757250876cde9d0f6c636ed6e0088a23a6c477fe0cd1afcc11800a5ba0c932f4a57a12537063d49d717bb7ae76b8a2938b3d48e7f02617f6564ad919");
  private static final String SOURCE = "github.com/ramonpetgrave64/gundam-visor";

  private static NpmPackageVerifier.Builder builder() throws ProvenanceException {
    return NpmPackageVerifier.newBuilder()
        .trustedRoot(
            TrustedRoot.parse(
                Vectors.bytes("sigstore-python/trust-roots/production.trusted_root.json")))
        .publishKeyPem(Vectors.text("sigstore-go/examples/publish_key.pub"))
        .allowV01PromiseOnlyBundles(true);
  }

  private static NpmPackageVerifier v1Verifier() throws ProvenanceException {
    return builder()
        .sourceUri(SOURCE)
        .builderId(NpmPackageVerifier.GITHUB_HOSTED_RUNNER)
        .packageName("gundam-visor")
        .packageVersion("1.0.1")
        .build();
  }

  private static ErrorCode code(NpmPackageVerifier v, byte[] doc, DigestSet tarball) {
    try {
      v.verify(doc, tarball);
    } catch (VerificationException e) {
      return e.code();
    }
    throw new AssertionError("verified");
  }

  @Test
  void verify_v1Document_returnsThePackageTheBuilderAndTheSource() throws Exception {
    VerifiedNpmPackage v = v1Verifier().verify(Vectors.bytes(V1), V1_TARBALL);

    assertThat(v.attestations().packageName()).isEqualTo("gundam-visor");
    assertThat(v.attestations().packageVersion()).isEqualTo("1.0.1");
    assertThat(v.attestations().tarball()).isEqualTo(V1_TARBALL);
    assertThat(v.attestations().provenance().statement().predicateType())
        .isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(v.attestations().publish().statement().predicateType())
        .isEqualTo(NpmPackageVerifier.PUBLISH_PREDICATE_TYPE);
    assertThat(v.builderId()).isEqualTo(NpmPackageVerifier.GITHUB_HOSTED_RUNNER);
    assertThat(v.source()).isEqualTo("git+https://" + SOURCE + "@refs/tags/v1.0.1");
  }

  @Test
  void verify_v02DocumentWithLegacyBuilderId_recordsTheShortId() throws Exception {
    VerifiedNpmPackage v =
        builder()
            .sourceUri("https://github.com/trishankatdatadog/supreme-goggles")
            .builderId(NpmPackageVerifier.LEGACY_RUNNER)
            .build()
            .verify(Vectors.bytes(V02), V02_TARBALL);

    assertThat(v.builderId()).isEqualTo(NpmPackageVerifier.LEGACY_RUNNER);
    assertThat(v.attestations().packageName()).isEqualTo("@trishankatdatadog/supreme-goggles");
  }

  @Test
  void verify_selfHostedBuilderId_throwsPolicyMismatch() throws Exception {
    NpmPackageVerifier v =
        builder()
            .sourceUri(SOURCE)
            .builderId("https://github.com/actions/runner/self-hosted")
            .build();

    assertThatThrownBy(() -> v.verify(Vectors.bytes(V1), V1_TARBALL))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.POLICY_MISMATCH);
              assertThat(e.location()).contains("attestations[1]/predicate/runDetails/builder/id");
            });
  }

  @Test
  void verify_noSource_throwsConfigurationError() throws Exception {
    NpmPackageVerifier v = builder().builderId(NpmPackageVerifier.GITHUB_HOSTED_RUNNER).build();

    assertThat(code(v, Vectors.bytes(V1), V1_TARBALL)).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verifyAttestations_noPolicy_verifiesSignaturesAndPackage() throws Exception {
    NpmAttestations a = builder().build().verifyAttestations(Vectors.bytes(V1), V1_TARBALL);

    assertThat(a.packageName()).isEqualTo("gundam-visor");
    assertThat(a.provenance().matchedSubjects()).hasSize(1);
  }

  @Test
  void build_noPublishKey_throwsConfigurationError() {
    assertThatThrownBy(() -> NpmPackageVerifier.newBuilder().build())
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR));
  }

  @Test
  void sourceUri_withRef_throwsIllegalArgument() {
    assertThatThrownBy(() -> NpmPackageVerifier.newBuilder().sourceUri("github.com/a/b@main"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_tarballWithoutSha512_throwsIllegalArgument() throws Exception {
    NpmPackageVerifier v = v1Verifier();
    DigestSet sha256 = DigestSet.of(DigestAlgorithm.SHA256, "0".repeat(64));

    assertThatThrownBy(() -> v.verify(Vectors.bytes(V1), sha256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_otherTarball_throwsBindingMismatch() throws Exception {
    DigestSet other = DigestSet.of(DigestAlgorithm.SHA512, "ab".repeat(64));

    assertThat(code(v1Verifier(), Vectors.bytes(V1), other)).isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verify_wrapperDeclaresOtherProvenanceType_throwsPolicyMismatch() throws Exception {
    byte[] doc =
        JsonEdit.set(
            Vectors.bytes(V1),
            "/attestations/1/predicateType",
            JsonValue.of("https://slsa.dev/provenance/v0.2"));

    assertThat(code(v1Verifier(), doc, V1_TARBALL)).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verify_bundlesSwapped_throwsTypedError() throws Exception {
    byte[] doc = Vectors.bytes(V1);
    JsonValue publish = JsonEdit.get(doc, "/attestations/0/bundle");
    JsonValue provenance = JsonEdit.get(doc, "/attestations/1/bundle");
    byte[] swapped =
        JsonEdit.set(JsonEdit.set(doc, "/attestations/0/bundle", provenance), "/attestations/1/bundle", publish);

    // The publish bundle is key-signed: no certificate identity can be trusted for it.
    assertThat(code(v1Verifier(), swapped, V1_TARBALL)).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void verify_publishAttestationMissing_throwsMalformedInput() throws Exception {
    byte[] doc = JsonEdit.remove(Vectors.bytes(V1), "/attestations/0");

    assertThat(code(v1Verifier(), doc, V1_TARBALL)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_provenanceAttestationTwice_throwsMalformedInput() throws Exception {
    byte[] doc = Vectors.bytes(V1);
    byte[] twice = JsonEdit.set(doc, "/attestations/2", JsonEdit.get(doc, "/attestations/1"));

    assertThat(code(v1Verifier(), twice, V1_TARBALL)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_unknownEntryBesideTheTwo_isIgnored() throws Exception {
    byte[] doc = Vectors.bytes(V1);
    byte[] other =
        JsonEdit.set(
            JsonEdit.write(JsonEdit.get(doc, "/attestations/1")),
            "/predicateType",
            JsonValue.of("https://example.com/other/v1"));
    byte[] extra = JsonEdit.set(doc, "/attestations/2", JsonEdit.parse(other));

    assertThat(v1Verifier().verify(extra, V1_TARBALL).attestations().packageVersion())
        .isEqualTo("1.0.1");
  }

  @Test
  void verify_tooManyEntries_throwsResourceLimitExceeded() throws Exception {
    List<JsonValue> entries =
        new ArrayList<>(Collections.nCopies(NpmPackageVerifier.MAX_ATTESTATIONS + 1, JsonValue.of(1)));
    byte[] doc = JsonEdit.set(Vectors.bytes(V1), "/attestations", new JsonArray(entries));

    assertThat(code(v1Verifier(), doc, V1_TARBALL))
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_wrongShapes_throwMalformedInput() throws Exception {
    NpmPackageVerifier v = v1Verifier();
    byte[] doc = Vectors.bytes(V1);
    List<byte[]> bad =
        List.of(
            "not json".getBytes(StandardCharsets.UTF_8),
            "[]".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8),
            "{\"attestations\":{}}".getBytes(StandardCharsets.UTF_8),
            "{\"attestations\":[1,2]}".getBytes(StandardCharsets.UTF_8),
            JsonEdit.remove(doc, "/attestations/1/predicateType"),
            JsonEdit.set(doc, "/attestations/1/predicateType", JsonValue.of(2)),
            JsonEdit.remove(doc, "/attestations/1/bundle"),
            JsonEdit.set(doc, "/attestations/1/bundle", JsonValue.of("bundle")),
            JsonEdit.remove(doc, "/attestations/0/bundle/dsseEnvelope"));
    for (byte[] b : bad) {
      assertThat(code(v, b, V1_TARBALL))
          .as(new String(b, StandardCharsets.UTF_8).substring(0, Math.min(60, b.length)))
          .isIn(ErrorCode.MALFORMED_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
    }
  }

  @Test
  void verify_truncatedDocument_throwsTypedError() throws Exception {
    NpmPackageVerifier v = v1Verifier();
    byte[] doc = Vectors.bytes(V1);
    for (int len = 0; len < doc.length; len += Math.max(1, doc.length / 40)) {
      byte[] prefix = java.util.Arrays.copyOf(doc, len);
      assertThatThrownBy(() -> v.verify(prefix, V1_TARBALL))
          .isInstanceOf(VerificationException.class);
    }
  }
}
