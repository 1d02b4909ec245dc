package dev.provenance.sigstore.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector case {@code py-tsa-timestamp-after-cert-expiry} (unit {@code tsa-late-timestamp}):
 * an RFC 3161 time-stamp obtained about two minutes after the 10-minute Fulcio certificate
 * expired. Its bundle mixes services: the log entry and the time-stamp are from Sigstore's staging
 * instance, but the certificate was issued by the public-good Fulcio intermediate (authority key
 * identifier {@code DF:D3:E9:…}), which the staging trusted root the case names does not hold.
 * Under that root the first failure is therefore the certificate path, {@code UNTRUSTED_ANCHOR};
 * with a root that also trusts the issuing CA, the late time-stamp itself is the failure, {@code
 * TIME_INVALID} (HOSTILE H58/H60: every verified time must fall inside the certificate's validity).
 */
class LateTimestampVectorTest {
  private static final String BUNDLE = "sigstore-python/tsa/bundle.txt.late_timestamp.sigstore";
  private static final String ARTIFACT = "sigstore-python/tsa/bundle.txt";

  private static VerificationException verify(TrustedRoot root) throws Exception {
    SigstoreVerifier v =
        SigstoreVerifier.newBuilder()
            .trustedRoot(root)
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(
                        "insecure-cloudtop-shared-user@cloudtop-prod-us-east.iam.gserviceaccount.com")
                    .issuer("https://accounts.google.com")
                    .build())
            .build();
    return catchThrowableOfType(
        VerificationException.class,
        () -> v.verify(Vectors.bytes(BUNDLE), Artifact.ofBytes(Vectors.bytes(ARTIFACT))));
  }

  private static TrustedRoot root(String name) throws Exception {
    return TrustedRoot.parse(Vectors.bytes("sigstore-python/trust-roots/" + name));
  }

  @Test
  void verify_caseTrustedRoot_throwsUntrustedAnchorForTheCertificate() throws Exception {
    VerificationException e = verify(root("staging.trusted_root.json"));

    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(e.location()).contains("certificate");
  }

  @Test
  void verify_rootTrustingTheIssuingCa_throwsTimeInvalidForTheLateTimestamp() throws Exception {
    TrustedRoot both =
        TrustedRoot.combine(
            List.of(root("staging.trusted_root.json"), root("production.trusted_root.json")));

    VerificationException e = verify(both);

    assertThat(e.code()).isEqualTo(ErrorCode.TIME_INVALID);
    assertThat(e.location()).contains("certificate");
  }
}
