package dev.provenance.core;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.slsa.VerificationSummary;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Category dsse/key-signed/vsa end to end: Google's BCID VSA verified as an attestation (raw r||s
 * signature, key bound to its key id, subject by the non-standard digest {@code gce_image_id}) with
 * the VSA checks of slsa-verifier's policy expressed as a {@link Policy}.
 */
class AttestationVerifierVectorsTest {
  private static final String VERIFIER_ID =
      "https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1";
  private static final String RESOURCE_URI =
      "gce_image://gke-node-images:gke-12615-gke1418000-cos-101-17162-463-29-c-cgpv1-pre";
  private static final DigestAlgorithm GCE_IMAGE_ID = DigestAlgorithm.of("gce_image_id");

  /** The VSA verification steps 4 to 7 of the SLSA spec, as slsa-verifier applies them. */
  private static Policy vsaPolicy(String verifierId, String resourceUri, List<String> levels) {
    return (a, c) -> {
      List<Finding> f = new ArrayList<>();
      if (!(a.statement().predicate() instanceof VerificationSummary)) {
        return List.of(Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate", "not a VSA"));
      }
      VerificationSummary vsa = (VerificationSummary) a.statement().predicate();
      if (!vsa.verifier().id().equals(verifierId)) {
        f.add(Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate/verifier/id", "verifier"));
      }
      if (!vsa.resourceUri().equals(resourceUri)) {
        f.add(Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate/resourceUri", "resource"));
      }
      if (!vsa.verificationResult().equals(VerificationSummary.PASSED)) {
        f.add(Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate/verificationResult", "result"));
      }
      if (!vsa.verifiedLevels().containsAll(levels)) {
        f.add(Finding.of(ErrorCode.POLICY_MISMATCH, "/predicate/verifiedLevels", "levels"));
      }
      return f;
    };
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sv-vsa-valid, keystore://76574:prod:vsa_signing_public_key, 8970095005306000053, " + RESOURCE_URI + ", VALID",
    "sv-vsa-empty-keyid, '', 8970095005306000053, " + RESOURCE_URI + ", SIGNATURE_INVALID",
    "sv-vsa-wrong-keyid, my_key_id, 8970095005306000053, " + RESOURCE_URI + ", SIGNATURE_INVALID",
    "derived-wrong-subject, keystore://76574:prod:vsa_signing_public_key, 8970095005306000054, " + RESOURCE_URI + ", BINDING_MISMATCH",
    "derived-wrong-resource, keystore://76574:prod:vsa_signing_public_key, 8970095005306000053, gce_image://other, POLICY_MISMATCH"
  })
  void verify_bcidVsa(String caseId, String keyId, String imageId, String resourceUri, String expected)
      throws Exception {
    DsseVerifier dsse =
        DsseVerifier.newBuilder()
            .addVerifier(
                JcaKeys.verifierP1363(
                    Vectors.publicKey(Vectors.text("slsa-verifier/vsa_signing_public_key.pem"), "EC")),
                keyId)
            .bindKeyIdHints()
            .build();
    AttestationVerifier verifier =
        AttestationVerifier.newBuilder()
            .dsse(dsse)
            .acceptableDigests(Set.of(GCE_IMAGE_ID))
            .requirePredicateType("https://slsa.dev/verification_summary/v1")
            .policy(vsaPolicy(VERIFIER_ID, resourceUri, List.of("BCID_L1", "SLSA_BUILD_LEVEL_2")))
            .build();
    byte[] bundle = Vectors.bytes("slsa-verifier/gke-gce-pre.bcid-vsa.jsonl");
    DigestSet artifact = DigestSet.of(GCE_IMAGE_ID, imageId);

    if (expected.equals("VALID")) {
      List<VerifiedAttestation> v = verifier.verifyBundle(bundle, artifact);
      assertThat(v).hasSize(1);
      assertThat(v.get(0).matchedSubjects()).hasSize(1);
    } else {
      assertFails(() -> verifier.verifyBundle(bundle, artifact), ErrorCode.valueOf(expected));
    }
  }
}
