package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.internal.x509.FulcioCertificates;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * What a GitHub Actions Fulcio certificate says about the build that signed: the OIDC issuer, the
 * signing workflow (the certificate's URI SAN, which for slsa-github-generator is the builder's
 * reusable workflow at its ref) and the repository whose workflow ran. Where a value appears both
 * in a deprecated extension ({@code .1.1}, {@code .1.5}) and in its successor ({@code .1.8}, {@code
 * .1.12}), the two must agree, as slsa-verifier requires.
 *
 * @param issuer the OIDC issuer
 * @param signer the SAN split into workflow URL and ref
 * @param sourceRepository the source repository as {@code org/repo}
 */
record WorkflowIdentity(String issuer, BuilderId signer, String sourceRepository) {
  static final String GITHUB = "https://github.com/";

  private static final String SAN = "certificate/subjectAlternativeName";

  /**
   * Reads the identity of a certificate that already validated against a trusted root.
   *
   * @throws VerificationException {@code MALFORMED_INPUT} for missing, undecodable or inconsistent
   *     values
   */
  static WorkflowIdentity of(X509Certificate leaf) throws VerificationException {
    Optional<String> san = CertificateIdentity.subjectAlternativeName(leaf);
    if (san.isEmpty() || !san.get().startsWith("https://")) {
      throw malformed(SAN, "the certificate names no single workflow URI");
    }
    Optional<BuilderId> signer = BuilderId.parse(san.get());
    if (signer.isEmpty() || !signer.get().hasVersion()) {
      throw malformed(SAN, "workflow URI " + san.get() + " has no single @ref");
    }
    String issuer =
        consistent(
            leaf, FulcioCertificates.ISSUER_V1, FulcioCertificates.ISSUER_V2, "", "OIDC issuer");
    String repository =
        consistent(
            leaf,
            FulcioExtension.GITHUB_WORKFLOW_REPOSITORY.oid(),
            FulcioExtension.SOURCE_REPOSITORY_URI.oid(),
            GITHUB,
            "source repository");
    return new WorkflowIdentity(issuer, signer.get(), repository);
  }

  /**
   * Reads a value from a deprecated raw extension and its DER successor; the successor's value must
   * be {@code prefix + deprecated} when both are present.
   */
  private static String consistent(
      X509Certificate leaf, String deprecatedOid, String oid, String prefix, String what)
      throws VerificationException {
    Optional<String> old = nonEmpty(FulcioCertificates.extension(leaf, deprecatedOid, false));
    Optional<String> current = nonEmpty(FulcioCertificates.extension(leaf, oid, true));
    if (current.isPresent()) {
      if (!current.get().startsWith(prefix)) {
        throw malformed(extension(oid), what + " " + current.get() + " is not under " + prefix);
      }
      String value = current.get().substring(prefix.length());
      if (old.isPresent() && !old.get().equals(value)) {
        throw malformed(
            extension(oid),
            what + " " + current.get() + " disagrees with " + old.get() + " in " + deprecatedOid);
      }
      return value;
    }
    if (old.isPresent()) {
      return old.get();
    }
    throw malformed(extension(oid), "the certificate names no " + what);
  }

  private static Optional<String> nonEmpty(Optional<String> value) {
    return value.filter(v -> !v.isEmpty());
  }

  private static String extension(String oid) {
    return "certificate/extensions/" + oid;
  }

  private static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
