package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.sigstore.testing.SigstoreFixture;
import dev.provenance.sigstore.testing.TestPki;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigstoreVerifierTest {
  private final SigstoreFixture f = new SigstoreFixture();

  @ParameterizedTest
  @EnumSource(BundleVersion.class)
  void verify_messageBundleEveryVersion_verifiesWithBytesAndDigest(BundleVersion version)
      throws Exception {
    byte[] bundle = f.messageBundle(version).toJson();
    SigstoreVerifier v = f.verifier().build();
    VerifiedBundle byBytes = v.verify(bundle, Artifact.ofBytes(f.artifact));
    VerifiedBundle byDigest = v.verify(bundle, Artifact.parseDigest("sha256:" + f.artifactSha256()));
    assertThat(byBytes.signer().certificateIdentity()).contains(TestPki.SAN);
    assertThat(byBytes.signer().certificateIssuer()).contains(TestPki.ISSUER);
    assertThat(byBytes.signedTimes()).containsExactly(Instant.ofEpochSecond(TestPki.NOW.getEpochSecond()));
    assertThat(byBytes.attestation()).isEmpty();
    assertThat(byDigest.artifact().get(DigestAlgorithm.SHA256)).contains(f.artifactSha256());
  }

  @ParameterizedTest
  @EnumSource(BundleVersion.class)
  void verifyAttestation_dsseBundle_returnsStatementAndKeylessSigner(BundleVersion version)
      throws Exception {
    byte[] bundle = f.dsseBundle(version).toJson();
    VerifiedAttestation a = f.verifier().build().verifyAttestation(bundle, f.artifactDigest());
    assertThat(a.statement().predicateType()).isEqualTo("https://example.test/predicate/v1");
    assertThat(a.matchedSubjects()).hasSize(1);
    assertThat(a.envelope().signers()).hasSize(1);
    assertThat(a.envelope().signers().get(0).certificateIdentity()).contains(TestPki.SAN);
  }

  @Test
  void verifyAttestation_noArtifact_returnsAllSubjects() throws Exception {
    VerifiedAttestation a = f.verifier().build().verifyAttestation(f.dsseBundle(BundleVersion.V0_3).toJson());
    assertThat(a.matchedSubjects()).hasSize(1);
  }

  @Test
  void verify_rekorV2WithTimestamp_verifiesAtTheTimestampTime() throws Exception {
    VerifiedBundle r =
        f.verifier().build().verify(f.rekorV2Bundle(true).toJson(), Artifact.ofBytes(f.artifact));
    assertThat(r.signedTimes()).containsExactly(TestPki.NOW);
  }

  @Test
  void verify_timestampOnlyBundleWhenPolicyAllows_verifies() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    SigstoreBundle bundle =
        f.messageBundle(
            BundleVersion.V0_3,
            sig,
            java.util.List.of(),
            java.util.List.of(dev.provenance.api.Bytes.of(f.tsa.token(sig).build())));
    SigstoreVerifier strict = f.verifier().build();
    assertThatThrownBy(() -> strict.verify(bundle, Artifact.ofBytes(f.artifact)))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
    SigstoreVerifier tsaOnly =
        f.verifier().transparencyLogThreshold(0).timestampThreshold(1).build();
    assertThat(tsaOnly.verify(bundle, Artifact.ofBytes(f.artifact)).signedTimes())
        .containsExactly(TestPki.NOW);
  }

  @Test
  void verify_managedKeyBundle_verifiesWithTheCallersKeyOnly() throws Exception {
    java.security.KeyPair key = TestPki.generate("secp256r1");
    byte[] sig = SigstoreFixture.sign(key, f.artifact);
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    byte[] body =
        String.format(
                "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
                    + "{\"algorithm\":\"sha256\",\"value\":\"%s\"}},\"signature\":{\"content\":\"%s\","
                    + "\"publicKey\":{\"content\":\"%s\"}}}}",
                f.artifactSha256(),
                SigstoreFixture.b64(sig),
                SigstoreFixture.b64(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    TransparencyLogEntry entry = f.logV1(body, "hashedrekord", "0.0.1");
    SigstoreBundle bundle =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(),
            new VerificationMaterial(
                VerificationMaterial.Kind.PUBLIC_KEY,
                java.util.Optional.of("some-hint"),
                java.util.List.of(),
                java.util.List.of(entry),
                java.util.List.of()),
            java.util.Optional.of(new MessageSignature(java.util.Optional.of(f.artifactDigest()), dev.provenance.api.Bytes.of(sig))),
            java.util.Optional.empty());
    SigstoreVerifier keyed =
        SigstoreVerifier.newBuilder()
            .trustedRoot(f.trustedRoot())
            .publicKey(key.getPublic())
            .clock(SigstoreFixture.clock())
            .build();
    VerifiedBundle r = keyed.verify(bundle.toJson(), Artifact.ofBytes(f.artifact));
    assertThat(r.signer().certificateIdentity()).isEmpty();
    assertThat(keyed.verify(bundle, Artifact.ofDigest(f.artifactDigest())).signer().keyId())
        .isEqualTo(r.signer().keyId());
    // the keyless verifier refuses key-signed bundles
    assertThatThrownBy(() -> f.verifier().build().verify(bundle, Artifact.ofBytes(f.artifact)))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    // another key does not verify
    SigstoreVerifier other =
        SigstoreVerifier.newBuilder()
            .trustedRoot(f.trustedRoot())
            .publicKey(TestPki.generate("secp256r1").getPublic())
            .clock(SigstoreFixture.clock())
            .build();
    assertThatThrownBy(() -> other.verify(bundle, Artifact.ofBytes(f.artifact)))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void build_noIdentityAndNoKey_throwsConfigurationError() {
    assertThatThrownBy(() -> SigstoreVerifier.newBuilder().build())
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_keylessWithoutAnySignedTime_throwsConfigurationError() {
    assertThatThrownBy(() -> f.verifier().observerTimestampThreshold(0).build())
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_unparsableKeyPem_throwsConfigurationError() {
    assertThatThrownBy(() -> SigstoreVerifier.newBuilder().publicKeyPem("not a key").build())
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verify_identityPolicyMismatch_throwsPolicyMismatch() throws Exception {
    SigstoreVerifier other =
        f.verifier()
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(TestPki.SAN + "-other")
                    .issuer(TestPki.ISSUER)
                    .build())
            .build();
    // one of two identities matches: accepted
    other.verify(f.messageBundle(BundleVersion.V0_3).toJson(), Artifact.ofBytes(f.artifact));
    SigstoreVerifier wrong =
        SigstoreVerifier.newBuilder()
            .trustedRoot(f.trustedRoot())
            .clock(SigstoreFixture.clock())
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(TestPki.SAN + "-other")
                    .issuer(TestPki.ISSUER)
                    .build())
            .build();
    assertThatThrownBy(
            () -> wrong.verify(f.messageBundle(BundleVersion.V0_3).toJson(), Artifact.ofBytes(f.artifact)))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verifyAttestation_artifactNotASubject_throwsBindingMismatch() throws Exception {
    byte[] bundle = f.dsseBundle(BundleVersion.V0_3).toJson();
    assertThatThrownBy(
            () ->
                f.verifier()
                    .build()
                    .verifyAttestation(
                        bundle, DigestSet.of(DigestAlgorithm.SHA256, "ab".repeat(32))))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verifyAttestation_messageSignatureBundle_throwsUnsupportedFormat() throws Exception {
    byte[] bundle = f.messageBundle(BundleVersion.V0_3).toJson();
    assertThatThrownBy(() -> f.verifier().build().verifyAttestation(bundle, f.artifactDigest()))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_attestationPolicyFinding_throwsItsCode() throws Exception {
    SigstoreVerifier v =
        f.verifier()
            .addPolicy(
                (att, ctx) ->
                    java.util.List.of(
                        dev.provenance.api.Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate", "no")))
            .build();
    assertThatThrownBy(
            () -> v.verifyAttestation(f.dsseBundle(BundleVersion.V0_3).toJson(), f.artifactDigest()))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.POLICY_MISMATCH);
  }
}
