package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonString;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifying the same real bundle again reuses remembered signature checks; a bundle that differs
 * in any signed byte must still fail with the code a first verification gives. Bundle: the
 * sigstore-java DSSE vector (Rekor v1 entry with SET, inclusion proof and checkpoint) against the
 * public-good trusted root.
 */
class RepeatedVerificationTest {
  private static final String TLOG = "/verificationMaterial/tlogEntries/0";
  private static final String SET = TLOG + "/inclusionPromise/signedEntryTimestamp";
  private static final String CHECKPOINT = TLOG + "/inclusionProof/checkpoint/envelope";

  private static byte[] bundle;
  private static Artifact artifact;
  private static SigstoreVerifier verifier;

  @BeforeAll
  static void setUp() throws Exception {
    bundle = Vectors.bytes("sigstore-java/bundle.dsse.sigstore");
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(Vectors.bytes("sigstore-java/artifact.txt"));
    artifact =
        Artifact.ofDigest(DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(sha256)));
    verifier =
        SigstoreVerifier.newBuilder()
            .trustedRoot(TrustedRoot.publicGood())
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(
                        "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main")
                    .issuer("https://token.actions.githubusercontent.com")
                    .build())
            .build();
  }

  private static ErrorCode code(byte[] json) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> verifier.verify(json, artifact));
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  private static String text(String pointer) {
    return ((JsonString) JsonEdit.get(bundle, pointer)).value();
  }

  @Test
  void verify_sameBundleRepeatedly_passesEachTime() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(verifier.verify(bundle, artifact).attestation()).isPresent();
    }
  }

  @Test
  void verify_afterSuccess_anyBitOfTheSignedEntryTimestampFlipped_isRejected() throws Exception {
    verifier.verify(bundle, artifact);
    byte[] set = Base64.getDecoder().decode(text(SET));

    for (int bit = 0; bit < set.length * 8; bit++) {
      byte[] changed = set.clone();
      changed[bit / 8] ^= (byte) (1 << (bit % 8));
      byte[] json =
          JsonEdit.set(bundle, SET, new JsonString(Base64.getEncoder().encodeToString(changed)));
      assertThat(code(json)).as("bit %d", bit).isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
    }
    verifier.verify(bundle, artifact);
  }

  @Test
  void verify_afterSuccess_integratedTimeChanged_isRejected() throws Exception {
    verifier.verify(bundle, artifact);
    long time = Long.parseLong(text(TLOG + "/integratedTime"));

    byte[] json = JsonEdit.set(bundle, TLOG + "/integratedTime", new JsonString(Long.toString(time + 1)));

    assertThat(code(json)).isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void verify_afterSuccess_checkpointSignatureOrTextChanged_isRejected() throws Exception {
    verifier.verify(bundle, artifact);
    String note = text(CHECKPOINT);
    int signatureLine = note.indexOf("\u2014 ");
    int last = note.length() - 3; // before the "==\n" padding of the signature
    char original = note.charAt(last);
    String changedSignature =
        note.substring(0, last) + (original == 'A' ? 'B' : 'A') + note.substring(last + 1);
    // the tree size line of the note text, one digit changed
    int size = note.indexOf('\n') + 1;
    char digit = note.charAt(size);
    String changedText =
        note.substring(0, size) + (digit == '1' ? '2' : '1') + note.substring(size + 1);

    assertThat(signatureLine).isPositive();
    assertThat(code(JsonEdit.set(bundle, CHECKPOINT, new JsonString(changedSignature))))
        .isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
    assertThat(code(JsonEdit.set(bundle, CHECKPOINT, new JsonString(changedText))))
        .isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
    verifier.verify(bundle, artifact);
  }

  @Test
  void verify_afterSuccess_otherSignerIdentity_isRejected() throws Exception {
    verifier.verify(bundle, artifact);
    SigstoreVerifier other =
        SigstoreVerifier.newBuilder()
            .trustedRoot(TrustedRoot.publicGood())
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName("https://github.com/someone/else/.github/workflows/x.yaml@refs/heads/main")
                    .issuer("https://token.actions.githubusercontent.com")
                    .build())
            .build();

    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> other.verify(bundle, artifact));

    assertThat(e).as("a VerificationException").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.POLICY_MISMATCH);
  }
}
