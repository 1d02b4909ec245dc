package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTokenTest {
  private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
  private static final String GITHUB =
      "{\"iss\":\"https://token.actions.githubusercontent.com\","
          + "\"sub\":\"repo:acme/app:ref:refs/heads/main\",\"aud\":\"sigstore\","
          + "\"exp\":2000000000,\"nbf\":1700000000}";

  static String jwt(String header, String payload, String signature) {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    return e.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + signature;
  }

  static String jwt(String payload) {
    return jwt(HEADER, payload, "c2lnbmF0dXJl");
  }

  @Test
  void parse_workloadToken_challengeIsSubject() throws Exception {
    IdentityToken token = IdentityToken.parse(jwt(GITHUB));

    assertThat(token.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
    assertThat(token.subject()).contains("repo:acme/app:ref:refs/heads/main");
    assertThat(token.email()).isEmpty();
    assertThat(token.audiences()).containsExactly("sigstore");
    assertThat(token.expiresAt()).contains(Instant.ofEpochSecond(2_000_000_000L));
    assertThat(token.challenge()).isEqualTo("repo:acme/app:ref:refs/heads/main");
  }

  @Test
  void parse_verifiedEmailToken_challengeIsEmail() throws Exception {
    IdentityToken token =
        IdentityToken.parse(
            jwt("{\"iss\":\"https://oauth2.sigstore.dev/auth\",\"sub\":\"CgYxMjM0NTY\","
                + "\"email\":\"dev@example.com\",\"email_verified\":true,\"aud\":[\"sigstore\",\"x\"]}"));

    assertThat(token.challenge()).isEqualTo("dev@example.com");
    assertThat(token.audiences()).containsExactly("sigstore", "x");
  }

  @Test
  void parse_unsignedTokenWithEmptySignature_accepted() throws Exception {
    IdentityToken token = IdentityToken.parse(jwt("{\"alg\":\"none\"}", GITHUB, "") + "\n");

    assertThat(token.subject()).isPresent();
    assertThat(token.value()).doesNotEndWith("\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"iss\":\"https://i\",\"email\":\"a@b.c\"}",
        "{\"iss\":\"https://i\",\"email\":\"a@b.c\",\"email_verified\":false}",
        "{\"iss\":\"https://i\",\"email\":\"a@b.c\",\"email_verified\":\"true\"}",
        "{\"iss\":\"https://i\"}",
        "{\"sub\":\"s\"}",
        "{\"iss\":7,\"sub\":\"s\"}",
        "{\"iss\":\"\",\"sub\":\"s\"}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"aud\":7}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"aud\":[7]}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"exp\":\"soon\"}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"exp\":-1}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"exp\":1e400}",
        "{\"iss\":\"https://i\",\"sub\":\"s\",\"sub\":\"t\"}",
        "[\"iss\"]",
        "not json"
      })
  void parse_badClaims_throwsMalformedInput(String payload) {
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> IdentityToken.parse(jwt(payload)));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "a.b",
        "a.b.c.d.e",
        "eyJ9..sig",
        ".eyJ9.sig",
        "eyJhbGciOiJub25lIn0=.eyJpc3MiOiJ4Iiwic3ViIjoieSJ9.",
        "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4Iiwic3ViIjoieSJ9.a+b/",
        "eyJhbGciOiJub25lIn0.e yJpc3MiOiJ4Iiwic3ViIjoieSJ9."
      })
  void parse_notCompactJws_throwsMalformedInput(String token) {
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> IdentityToken.parse(token));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_overlongToken_throwsResourceLimitExceeded() {
    String token = "a".repeat(IdentityToken.MAX_TOKEN_CHARS + 1);

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> IdentityToken.parse(token));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void checkUsableAt_expired_throwsTimeInvalid() throws Exception {
    IdentityToken token = IdentityToken.parse(jwt(GITHUB));

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> token.checkUsableAt(Instant.ofEpochSecond(2_000_000_000L).plusSeconds(61)));

    assertThat(e.code()).isEqualTo(ErrorCode.TIME_INVALID);
    assertThat(e.location()).contains("/payload/exp");
  }

  @Test
  void checkUsableAt_beforeNotBefore_throwsTimeInvalid() throws Exception {
    IdentityToken token = IdentityToken.parse(jwt(GITHUB));

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> token.checkUsableAt(Instant.ofEpochSecond(1_700_000_000L).minusSeconds(61)));

    assertThat(e.code()).isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void checkUsableAt_withinValidityAndSkew_passes() throws Exception {
    IdentityToken token = IdentityToken.parse(jwt(GITHUB));

    assertThatCode(() -> token.checkUsableAt(Instant.ofEpochSecond(2_000_000_000L).plusSeconds(30)))
        .doesNotThrowAnyException();
    assertThatCode(() -> token.checkUsableAt(Instant.ofEpochSecond(1_800_000_000L)))
        .doesNotThrowAnyException();
  }

  @Test
  void toString_neverShowsTheToken() throws Exception {
    String raw = jwt(GITHUB);
    IdentityToken token = IdentityToken.parse(raw);

    assertThat(token.toString()).doesNotContain(raw.substring(raw.indexOf('.') + 1, raw.lastIndexOf('.')));
    assertThat(token.toString()).doesNotContain("c2lnbmF0dXJl");
  }

  @Test
  void fromEnvironment_variableSetOrNot() throws Exception {
    assertThat(IdentityToken.fromEnvironment(Map.of())).isEmpty();
    assertThat(IdentityToken.fromEnvironment(Map.of("SIGSTORE_ID_TOKEN", "  "))).isEmpty();
    assertThat(IdentityToken.fromEnvironment(Map.of("SIGSTORE_ID_TOKEN", jwt(GITHUB))))
        .hasValueSatisfying(t -> assertThat(t.issuer()).startsWith("https://token."));
  }

  @Test
  void fromEnvironment_garbage_throwsMalformedInput() {
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> IdentityToken.fromEnvironment(Map.of("SIGSTORE_ID_TOKEN", "garbage")));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }
}
