package dev.provenance.sigstore;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.x509.FulcioCertificates;
import dev.provenance.sigstore.internal.x509.LinearRegex;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity a Fulcio certificate must carry for a keyless signature to be accepted: its subject
 * alternative name (SAN), its OIDC issuer and, optionally, Fulcio extensions such as the source
 * repository (<a
 * href="https://github.com/sigstore/architecture-docs/blob/main/client-spec.md">Sigstore client
 * specification</a> section 4.3).
 *
 * <pre>{@code
 * CertificateIdentity identity = CertificateIdentity.newBuilder()
 *     .subjectAlternativeName(
 *         "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1")
 *     .issuer("https://token.actions.githubusercontent.com")
 *     .build();
 * List<Finding> findings = identity.evaluate(leaf);   // empty = the certificate matches
 * }</pre>
 *
 * <p>A literal value matches by exact string equality, never as a prefix, substring or pattern. A
 * regular expression must match the <em>whole</em> value (as if anchored with {@code ^...$}) and
 * runs in time linear in the value (RE2 semantics: no backreferences or look-around), so a
 * user-supplied pattern cannot stall verification. Values longer than {@link #MAX_VALUE_LENGTH}
 * characters are refused as malformed before any matching.
 *
 * <p>The SAN is the certificate's single URI, email or Sigstore otherName ({@code
 * 1.3.6.1.4.1.57264.1.7}); a certificate with none or several does not match. The issuer is
 * extension {@code 1.3.6.1.4.1.57264.1.8}, or the legacy {@code .1.1} when {@code .1.8} is absent.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CertificateIdentity {
  /** Longest SAN, issuer or extension value accepted, in characters. */
  public static final int MAX_VALUE_LENGTH = 4096;

  private static final String SAN_LOCATION = "certificate/subjectAlternativeName";
  private static final String ISSUER_LOCATION =
      "certificate/extensions/" + FulcioCertificates.ISSUER_V2;

  private final Optional<Matcher> subjectAlternativeName;
  private final Matcher issuer;
  private final Map<FulcioExtension, Matcher> extensions;

  private CertificateIdentity(Builder builder, Matcher issuer) {
    this.subjectAlternativeName = builder.san();
    this.issuer = issuer;
    this.extensions = new EnumMap<>(FulcioExtension.class);
    this.extensions.putAll(builder.extensions);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with no constraints
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Checks a certificate against this identity.
   *
   * @param leaf the signing certificate, already validated against a trusted root
   * @return the reasons it does not match, each {@link ErrorCode#POLICY_MISMATCH} (or {@link
   *     ErrorCode#MALFORMED_INPUT} for an undecodable or oversized value, {@link
   *     ErrorCode#RESOURCE_LIMIT_EXCEEDED} for a value nested too deeply to decode); empty when it
   *     matches
   */
  public List<Finding> evaluate(X509Certificate leaf) {
    Objects.requireNonNull(leaf, "leaf");
    List<Finding> findings = new ArrayList<>();
    if (subjectAlternativeName.isPresent()) {
      try {
        List<String> sans = FulcioCertificates.subjectAlternativeNames(leaf);
        if (sans.size() != 1) {
          findings.add(
              Finding.of(
                  ErrorCode.POLICY_MISMATCH,
                  SAN_LOCATION,
                  "certificate carries " + sans.size() + " identities, exactly one expected"));
        } else {
          subjectAlternativeName.get().check(sans.get(0), SAN_LOCATION, findings);
        }
      } catch (VerificationException e) {
        findings.addAll(e.findings());
      }
    }
    try {
      Optional<String> actual = FulcioCertificates.issuer(leaf);
      if (actual.isEmpty()) {
        findings.add(
            Finding.of(ErrorCode.POLICY_MISMATCH, ISSUER_LOCATION, "certificate has no issuer"));
      } else {
        issuer.check(actual.get(), ISSUER_LOCATION, findings);
      }
    } catch (VerificationException e) {
      findings.addAll(e.findings());
    }
    for (Map.Entry<FulcioExtension, Matcher> entry : extensions.entrySet()) {
      FulcioExtension extension = entry.getKey();
      String location = "certificate/extensions/" + extension.oid();
      try {
        Optional<String> actual =
            FulcioCertificates.extension(leaf, extension.oid(), extension.isDerEncoded());
        if (actual.isEmpty()) {
          findings.add(
              Finding.of(
                  ErrorCode.POLICY_MISMATCH, location, "certificate has no " + extension + " extension"));
        } else {
          entry.getValue().check(actual.get(), location, findings);
        }
      } catch (VerificationException e) {
        findings.addAll(e.findings());
      }
    }
    return List.copyOf(findings);
  }

  /**
   * Returns the OIDC issuer of a certificate: extension {@code .1.8}, else legacy {@code .1.1}.
   *
   * @param leaf the certificate
   * @return the issuer, or empty when absent or undecodable
   */
  public static Optional<String> issuer(X509Certificate leaf) {
    try {
      return FulcioCertificates.issuer(leaf);
    } catch (VerificationException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the identity of a certificate: its single URI, email or Sigstore otherName SAN.
   *
   * @param leaf the certificate
   * @return the SAN, or empty when there is none, more than one, or it is undecodable
   */
  public static Optional<String> subjectAlternativeName(X509Certificate leaf) {
    try {
      List<String> sans = FulcioCertificates.subjectAlternativeNames(leaf);
      return sans.size() == 1 ? Optional.of(sans.get(0)) : Optional.empty();
    } catch (VerificationException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the value of a Fulcio extension of a certificate.
   *
   * @param leaf the certificate
   * @param extension the extension
   * @return the value, or empty when absent or undecodable
   */
  public static Optional<String> extension(X509Certificate leaf, FulcioExtension extension) {
    try {
      return FulcioCertificates.extension(leaf, extension.oid(), extension.isDerEncoded());
    } catch (VerificationException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CertificateIdentity[");
    subjectAlternativeName.ifPresent(m -> sb.append("san ").append(m).append(", "));
    sb.append("issuer ").append(issuer);
    extensions.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(v));
    return sb.append(']').toString();
  }

  /** An exact value or a full-match linear-time pattern. */
  private static final class Matcher {
    private final String literal;
    private final LinearRegex regex;

    private Matcher(String literal, LinearRegex regex) {
      this.literal = literal;
      this.regex = regex;
    }

    static Matcher exact(String value) {
      return new Matcher(value, null);
    }

    static Matcher pattern(String pattern) {
      return new Matcher(null, LinearRegex.compile(pattern));
    }

    void check(String actual, String location, List<Finding> findings) {
      if (actual.length() > MAX_VALUE_LENGTH) {
        findings.add(
            Finding.of(
                ErrorCode.MALFORMED_INPUT,
                location,
                "value of " + actual.length() + " characters exceeds " + MAX_VALUE_LENGTH));
      } else if (literal != null ? !literal.equals(actual) : !regex.matches(actual)) {
        findings.add(
            Finding.of(
                ErrorCode.POLICY_MISMATCH,
                location,
                "expected " + this + ", found \"" + actual + "\""));
      }
    }

    @Override
    public String toString() {
      return literal != null ? "\"" + literal + "\"" : "matching /" + regex.pattern() + "/";
    }
  }

  /**
   * Builds a {@link CertificateIdentity}. An issuer (exact or pattern) is required, and so is at
   * least one of a SAN or an extension constraint: an identity that accepts any signer of an
   * issuer is refused (H72). Not thread-safe.
   *
   * <p>Setters throw {@link IllegalArgumentException} for an empty value or an invalid pattern;
   * {@link #build()} throws {@link IllegalStateException} for a missing or conflicting constraint.
   * A verifier built from user input reports both as {@code CONFIGURATION_ERROR}.
   */
  public static final class Builder {
    private String sanLiteral;
    private String sanPattern;
    private String issuerLiteral;
    private String issuerPattern;
    private final Map<FulcioExtension, Matcher> extensions = new EnumMap<>(FulcioExtension.class);
    private final List<FulcioExtension> duplicated = new ArrayList<>();

    private Builder() {}

    /**
     * Requires the SAN to equal a value exactly.
     *
     * @param value the expected URI, email or username; not empty
     * @return this builder
     */
    public Builder subjectAlternativeName(String value) {
      this.sanLiteral = nonEmpty(value, "subjectAlternativeName");
      return this;
    }

    /**
     * Requires the whole SAN to match a pattern (RE2 syntax, linear time).
     *
     * @param pattern the pattern; not empty
     * @return this builder
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public Builder subjectAlternativeNameRegex(String pattern) {
      LinearRegex.compile(nonEmpty(pattern, "subjectAlternativeNameRegex"));
      this.sanPattern = pattern;
      return this;
    }

    /**
     * Requires the OIDC issuer to equal a value exactly.
     *
     * @param value the issuer URL, for example {@code https://token.actions.githubusercontent.com}
     * @return this builder
     */
    public Builder issuer(String value) {
      this.issuerLiteral = nonEmpty(value, "issuer");
      return this;
    }

    /**
     * Requires the whole OIDC issuer to match a pattern (RE2 syntax, linear time).
     *
     * @param pattern the pattern; not empty
     * @return this builder
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public Builder issuerRegex(String pattern) {
      LinearRegex.compile(nonEmpty(pattern, "issuerRegex"));
      this.issuerPattern = pattern;
      return this;
    }

    /**
     * Requires a Fulcio extension to equal a value exactly.
     *
     * @param extension the extension
     * @param value the expected value; not empty
     * @return this builder
     */
    public Builder extension(FulcioExtension extension, String value) {
      return put(extension, Matcher.exact(nonEmpty(value, extension.name())));
    }

    /**
     * Requires the whole value of a Fulcio extension to match a pattern (RE2 syntax, linear time).
     *
     * @param extension the extension
     * @param pattern the pattern; not empty
     * @return this builder
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public Builder extensionRegex(FulcioExtension extension, String pattern) {
      return put(extension, Matcher.pattern(nonEmpty(pattern, extension.name())));
    }

    private Builder put(FulcioExtension extension, Matcher matcher) {
      Objects.requireNonNull(extension, "extension");
      if (extensions.put(extension, matcher) != null) {
        duplicated.add(extension);
      }
      return this;
    }

    Optional<Matcher> san() {
      if (sanLiteral != null) {
        return Optional.of(Matcher.exact(sanLiteral));
      }
      return sanPattern != null ? Optional.of(Matcher.pattern(sanPattern)) : Optional.empty();
    }

    /**
     * Builds the identity.
     *
     * @return the identity
     * @throws IllegalStateException if no issuer is set, if neither a SAN nor an extension is
     *     constrained, or if a value and a pattern (or two constraints) are set for one field
     */
    public CertificateIdentity build() {
      if (sanLiteral != null && sanPattern != null) {
        throw new IllegalStateException("set either a SAN or a SAN pattern, not both");
      }
      if (issuerLiteral != null && issuerPattern != null) {
        throw new IllegalStateException("set either an issuer or an issuer pattern, not both");
      }
      if (!duplicated.isEmpty()) {
        throw new IllegalStateException("more than one constraint on " + duplicated.get(0));
      }
      if (issuerLiteral == null && issuerPattern == null) {
        throw new IllegalStateException("an OIDC issuer (or issuer pattern) is required");
      }
      if (sanLiteral == null && sanPattern == null && extensions.isEmpty()) {
        throw new IllegalStateException(
            "a SAN, SAN pattern or extension constraint is required: "
                + "an issuer alone accepts every identity it vouches for");
      }
      Matcher issuer =
          issuerLiteral != null ? Matcher.exact(issuerLiteral) : Matcher.pattern(issuerPattern);
      return new CertificateIdentity(this, issuer);
    }

    private static String nonEmpty(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return value;
    }
  }
}
