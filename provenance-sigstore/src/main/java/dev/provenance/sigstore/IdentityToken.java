package dev.provenance.sigstore;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenID Connect identity token (a JWT) that a keyless signer exchanges with Fulcio for a
 * short-lived signing certificate.
 *
 * <p>Parsing reads the claims Sigstore needs and checks their form; it does not check the token's
 * signature: Fulcio does, against its issuer's keys. {@link #challenge()} is what the signer signs
 * to prove possession of its key: the {@code email} claim for email identities (the token must
 * then say {@code email_verified: true}), the {@code sub} claim otherwise (<a
 * href="https://github.com/sigstore/fulcio/blob/main/docs/how-certificate-issuing-works.md">Fulcio:
 * how certificate issuing works</a>).
 *
 * <pre>{@code
 * IdentityToken token = IdentityToken.fromEnvironment(System.getenv())
 *     .orElseThrow(() -> new IllegalStateException("set SIGSTORE_ID_TOKEN"));
 * }</pre>
 *
 * <p>The token is a bearer credential: {@link #toString()} shows only its issuer and subject, and
 * no exception this SDK throws ever contains it. Immutable and thread-safe.
 */
public final class IdentityToken {
  /** Environment variable the token is read from by {@link #fromEnvironment(Map)}. */
  public static final String ENVIRONMENT_VARIABLE = "SIGSTORE_ID_TOKEN";

  /** Longest token accepted, in characters. */
  public static final int MAX_TOKEN_CHARS = 64 * 1024;

  /** Clock skew tolerated when checking {@code exp} and {@code nbf}. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private static final int MAX_AUDIENCES = 32;

  private final String token;
  private final String issuer;
  private final Optional<String> subject;
  private final Optional<String> email;
  private final List<String> audiences;
  private final Optional<Instant> expiresAt;
  private final Optional<Instant> notBefore;

  private IdentityToken(
      String token,
      String issuer,
      Optional<String> subject,
      Optional<String> email,
      List<String> audiences,
      Optional<Instant> expiresAt,
      Optional<Instant> notBefore) {
    this.token = token;
    this.issuer = issuer;
    this.subject = subject;
    this.email = email;
    this.audiences = audiences;
    this.expiresAt = expiresAt;
    this.notBefore = notBefore;
  }

  /**
   * Parses a token in JWS compact serialization ({@code header.payload.signature}).
   *
   * @param token the token text; surrounding whitespace (a trailing newline in a file) is ignored
   * @return the token
   * @throws MalformedInputException {@code MALFORMED_INPUT} if it is not three base64url parts
   *     with JSON object header and claims, lacks {@code iss} or both {@code sub} and {@code
   *     email}, or names an email that is not verified; {@code RESOURCE_LIMIT_EXCEEDED} if longer
   *     than {@link #MAX_TOKEN_CHARS}
   */
  public static IdentityToken parse(String token) throws MalformedInputException {
    Objects.requireNonNull(token, "token");
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", "identity token longer than " + MAX_TOKEN_CHARS);
    }
    String t = token.strip();
    int first = t.indexOf('.');
    int second = first < 0 ? -1 : t.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || t.indexOf('.', second + 1) >= 0 || second == first + 1) {
      throw malformed("", "an identity token has three dot-separated parts");
    }
    String signature = t.substring(second + 1);
    object(t.substring(0, first), "/header");
    decode(signature, "/signature");
    JsonObject claims = object(t.substring(first + 1, second), "/payload");
    String issuer = requiredString(claims, "iss");
    Optional<String> subject = optionalString(claims, "sub");
    Optional<String> email = optionalString(claims, "email");
    if (subject.isEmpty() && email.isEmpty()) {
      throw malformed("/payload/sub", "the token has neither sub nor email");
    }
    if (email.isPresent()) {
      Optional<JsonValue> verified = claims.get("email_verified");
      boolean ok = verified.isPresent() && verified.get().equals(JsonBoolean.TRUE);
      if (!ok) {
        throw malformed("/payload/email_verified", "the token's email is not verified");
      }
    }
    return new IdentityToken(
        t,
        issuer,
        subject,
        email,
        audiences(claims),
        numericDate(claims, "exp"),
        numericDate(claims, "nbf"));
  }

  /**
   * Reads a token from {@value #ENVIRONMENT_VARIABLE}.
   *
   * @param environment the environment, usually {@code System.getenv()}
   * @return the token, or empty if the variable is unset or blank
   * @throws MalformedInputException if the variable holds something that is not a token
   */
  public static Optional<IdentityToken> fromEnvironment(Map<String, String> environment)
      throws MalformedInputException {
    String value = environment.get(ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(parse(value));
  }

  /**
   * Returns the {@code iss} claim: the OIDC issuer that Fulcio records in the certificate.
   *
   * @return the issuer
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Returns the {@code sub} claim.
   *
   * @return the subject, if the token has one
   */
  public Optional<String> subject() {
    return subject;
  }

  /**
   * Returns the verified {@code email} claim.
   *
   * @return the email, if the token has one
   */
  public Optional<String> email() {
    return email;
  }

  /**
   * Returns the {@code aud} claim as a list (a single string becomes one element).
   *
   * @return the audiences; empty if the claim is absent
   */
  public List<String> audiences() {
    return audiences;
  }

  /**
   * Returns the {@code exp} claim.
   *
   * @return when the token expires, if it says
   */
  public Optional<Instant> expiresAt() {
    return expiresAt;
  }

  /**
   * Returns the value a signer signs to prove possession of its key: the email for email
   * identities, else the subject.
   *
   * @return the challenge
   */
  public String challenge() {
    return email.orElseGet(subject::orElseThrow);
  }

  /**
   * Checks that the token can be used at a time, allowing {@link #CLOCK_SKEW}.
   *
   * @param now the current time
   * @throws SigningException {@code TIME_INVALID} if it has expired or is not yet valid
   */
  public void checkUsableAt(Instant now) throws SigningException {
    if (expiresAt.isPresent() && !now.isBefore(expiresAt.get().plus(CLOCK_SKEW))) {
      throw new SigningException(
          ErrorCode.TIME_INVALID, "/payload/exp", "the identity token expired at " + expiresAt.get());
    }
    if (notBefore.isPresent() && now.plus(CLOCK_SKEW).isBefore(notBefore.get())) {
      throw new SigningException(
          ErrorCode.TIME_INVALID, "/payload/nbf", "the identity token is not valid before " + notBefore.get());
    }
  }

  /** The raw token, for the certificate request only. */
  String value() {
    return token;
  }

  @Override
  public String toString() {
    return "IdentityToken[iss=" + issuer + ", sub=" + subject.orElse("") + "]";
  }

  private static JsonObject object(String part, String location) throws MalformedInputException {
    byte[] json = decode(part, location);
    try {
      return JsonCodec.standard().parseObject(json);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(
          e.code(), location + e.location().orElse(""), "identity token: " + e.getMessage(), e);
    }
  }

  private static byte[] decode(String part, String location) throws MalformedInputException {
    // JWS uses the URL-safe alphabet without padding (RFC 7515 section 2)
    if (part.indexOf('=') >= 0 || part.indexOf('+') >= 0 || part.indexOf('/') >= 0) {
      throw malformed(location, "not unpadded base64url");
    }
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed(location, "not unpadded base64url");
    }
  }

  private static String requiredString(JsonObject claims, String name)
      throws MalformedInputException {
    return optionalString(claims, name)
        .orElseThrow(() -> malformed("/payload/" + name, "the token has no " + name + " claim"));
  }

  private static Optional<String> optionalString(JsonObject claims, String name)
      throws MalformedInputException {
    Optional<JsonValue> v = claims.get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof JsonString) || ((JsonString) v.get()).value().isEmpty()) {
      throw malformed("/payload/" + name, name + " is not a non-empty string");
    }
    return Optional.of(((JsonString) v.get()).value());
  }

  private static List<String> audiences(JsonObject claims) throws MalformedInputException {
    Optional<JsonValue> v = claims.get("aud");
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get() instanceof JsonString) {
      return List.of(((JsonString) v.get()).value());
    }
    if (!(v.get() instanceof JsonArray)) {
      throw malformed("/payload/aud", "aud is neither a string nor an array of strings");
    }
    List<JsonValue> elements = ((JsonArray) v.get()).elements();
    if (elements.size() > MAX_AUDIENCES) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "/payload/aud", "more than " + MAX_AUDIENCES + " audiences");
    }
    List<String> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      if (!(elements.get(i) instanceof JsonString)) {
        throw malformed("/payload/aud/" + i, "an audience is not a string");
      }
      out.add(((JsonString) elements.get(i)).value());
    }
    return List.copyOf(out);
  }

  private static Optional<Instant> numericDate(JsonObject claims, String name)
      throws MalformedInputException {
    Optional<JsonValue> v = claims.get(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof JsonNumber)) {
      throw malformed("/payload/" + name, name + " is not a number");
    }
    BigDecimal seconds;
    try {
      seconds = ((JsonNumber) v.get()).decimalValue();
    } catch (RuntimeException e) {
      throw malformed("/payload/" + name, name + " is not a number");
    }
    // NumericDate may be fractional (RFC 7519 section 2); keep whole seconds
    if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
      throw malformed("/payload/" + name, name + " is out of range");
    }
    return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
  }

  private static MalformedInputException malformed(String location, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
