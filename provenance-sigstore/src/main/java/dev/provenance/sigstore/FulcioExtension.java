package dev.provenance.sigstore;

/**
 * The Fulcio certificate extensions an identity policy can match, under arc {@code
 * 1.3.6.1.4.1.57264.1} (<a
 * href="https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md">Fulcio OID info</a>).
 *
 * <p>Extensions {@code .1.8} and later hold a DER {@code UTF8String}; the deprecated GitHub
 * extensions {@code .1.2} to {@code .1.6} hold the raw UTF-8 bytes. The OIDC issuer ({@code .1.8},
 * legacy {@code .1.1}) is matched by {@link CertificateIdentity.Builder#issuer(String)} rather
 * than through this enum. Constants may be added in minor releases.
 */
public enum FulcioExtension {
  /** {@code .1.2}, deprecated: GitHub workflow trigger. */
  GITHUB_WORKFLOW_TRIGGER(2),
  /** {@code .1.3}, deprecated: GitHub workflow commit SHA. */
  GITHUB_WORKFLOW_SHA(3),
  /** {@code .1.4}, deprecated: GitHub workflow name. */
  GITHUB_WORKFLOW_NAME(4),
  /** {@code .1.5}, deprecated: GitHub workflow repository. */
  GITHUB_WORKFLOW_REPOSITORY(5),
  /** {@code .1.6}, deprecated: GitHub workflow ref. */
  GITHUB_WORKFLOW_REF(6),
  /** {@code .1.9}: build signer URI, for GitHub the workflow file at its ref. */
  BUILD_SIGNER_URI(9),
  /** {@code .1.10}: digest of the build signer (workflow commit). */
  BUILD_SIGNER_DIGEST(10),
  /** {@code .1.11}: runner environment, {@code github-hosted} or {@code self-hosted}. */
  RUNNER_ENVIRONMENT(11),
  /** {@code .1.12}: source repository URI. */
  SOURCE_REPOSITORY_URI(12),
  /** {@code .1.13}: source repository commit digest. */
  SOURCE_REPOSITORY_DIGEST(13),
  /** {@code .1.14}: source repository ref. */
  SOURCE_REPOSITORY_REF(14),
  /** {@code .1.15}: immutable source repository identifier. */
  SOURCE_REPOSITORY_IDENTIFIER(15),
  /** {@code .1.16}: source repository owner URI. */
  SOURCE_REPOSITORY_OWNER_URI(16),
  /** {@code .1.17}: immutable source repository owner identifier. */
  SOURCE_REPOSITORY_OWNER_IDENTIFIER(17),
  /** {@code .1.18}: build configuration URI (the top-level workflow). */
  BUILD_CONFIG_URI(18),
  /** {@code .1.19}: build configuration digest. */
  BUILD_CONFIG_DIGEST(19),
  /** {@code .1.20}: event that triggered the build. */
  BUILD_TRIGGER(20),
  /** {@code .1.21}: run invocation URI. */
  RUN_INVOCATION_URI(21),
  /** {@code .1.22}: source repository visibility at signing, {@code public} or {@code private}. */
  SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING(22);

  private static final String ARC = "1.3.6.1.4.1.57264.1.";

  private final int number;

  FulcioExtension(int number) {
    this.number = number;
  }

  /**
   * Returns the extension's OID in dotted form.
   *
   * @return for example {@code 1.3.6.1.4.1.57264.1.12}
   */
  public String oid() {
    return ARC + number;
  }

  /**
   * Returns whether the value is a DER {@code UTF8String} (from {@code .1.8} on) rather than raw
   * bytes (the deprecated {@code .1.1} to {@code .1.6}).
   *
   * @return true for DER-encoded values
   */
  public boolean isDerEncoded() {
    return number >= 8;
  }
}
