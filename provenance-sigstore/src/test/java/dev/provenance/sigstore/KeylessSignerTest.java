package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.PemKeys;
import dev.provenance.sigstore.testing.LoopbackServer;
import dev.provenance.sigstore.testing.TestCa;
import dev.provenance.sigstore.testing.LoopbackTsa;
import dev.provenance.sigstore.trust.SigningConfig.Selector;
import dev.provenance.sigstore.trust.SigningConfig.Service;
import dev.provenance.sigstore.trust.SigningConfig.ServiceConfiguration;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keyless signing up to the services: token checks, service selection, the Fulcio exchange and the
 * final verification. Complete signing against a live stack is in the CLI's Sigstore interop tests.
 */
class KeylessSignerTest {
  private static final String SUBJECT = "repo:acme/app:ref:refs/heads/main";
  private static final ValidityPeriod ALWAYS = ValidityPeriod.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final ServiceConfiguration ANY = new ServiceConfiguration(Selector.ANY, 0);

  static IdentityToken token(long exp) throws Exception {
    return IdentityToken.parse(
        IdentityTokenTest.jwt(
            "{\"iss\":\"https://token.actions.githubusercontent.com\",\"sub\":\"" + SUBJECT
                + "\",\"exp\":" + exp + "}"));
  }

  static SigningConfig config(String fulcio, String tsa) {
    return new SigningConfig(
        List.of(new Service(fulcio, 1, ALWAYS, Optional.of("op"))),
        List.of(),
        List.of(),
        ANY,
        List.of(new Service(tsa, 1, ALWAYS, Optional.of("op"))),
        ANY);
  }

  @Test
  void signArtifact_expiredToken_throwsTimeInvalidWithoutContactingServices() throws Exception {
    try (LoopbackServer fulcio = new LoopbackServer(r -> LoopbackServer.Reply.json(500, "{}"))) {
      KeylessSigner signer =
          KeylessSigner.newBuilder().signingConfig(config(fulcio.url(), fulcio.url())).build();

      SigningException e =
          catchThrowableOfType(
              SigningException.class, () -> signer.signArtifact(token(1_000_000_000L), new byte[] {1}));

      assertThat(e.code()).isEqualTo(ErrorCode.TIME_INVALID);
      assertThat(fulcio.requests()).isEmpty();
    }
  }

  @Test
  void signArtifact_fulcioRefuses_throwsServiceErrorWithoutTheToken() throws Exception {
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    IdentityToken token = token(exp);
    try (LoopbackServer fulcio =
        new LoopbackServer(r -> LoopbackServer.Reply.json(401, "{\"code\":16,\"message\":\"unauthenticated\"}"))) {
      KeylessSigner signer =
          KeylessSigner.newBuilder().signingConfig(config(fulcio.url(), fulcio.url())).build();

      SigningException e =
          catchThrowableOfType(SigningException.class, () -> signer.signArtifact(token, new byte[] {1}));

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
      assertThat(e.getMessage()).doesNotContain(token.value());
      // the request carried the token and a proof of possession over the subject
      LoopbackServer.Request sent = fulcio.requests().get(0);
      assertThat(sent.path()).isEqualTo("/api/v2/signingCert");
      JsonObject request = JsonCodec.standard().parseObject(sent.body());
      JsonObject pk = (JsonObject) request.get("publicKeyRequest").orElseThrow();
      String pem = ((JsonString) ((JsonObject) pk.get("publicKey").orElseThrow()).get("content").orElseThrow()).value();
      byte[] proof = Base64.getDecoder().decode(((JsonString) pk.get("proofOfPossession").orElseThrow()).value());
      PemKeys.verifier(pem).verify(SUBJECT.getBytes(StandardCharsets.UTF_8), proof);
      assertThat(((JsonObject) request.get("credentials").orElseThrow()).get("oidcIdentityToken"))
          .contains(new JsonString(token.value()));
    }
  }

  @Test
  void signArtifact_certificateFromUntrustedCa_refusedByTheFinalVerification() throws Exception {
    TestCa ca = new TestCa();
    try (LoopbackServer tsa = LoopbackTsa.start(r -> r);
        LoopbackServer fulcio =
            new LoopbackServer(
                r -> {
                  JsonObject request = JsonCodec.standard().parseObject(r.body());
                  JsonObject pk = (JsonObject) request.get("publicKeyRequest").orElseThrow();
                  String pem =
                      ((JsonString) ((JsonObject) pk.get("publicKey").orElseThrow()).get("content").orElseThrow())
                          .value();
                  byte[] spki = Pem.parseSingle(pem).der();
                  String leaf = TestCa.pem(ca.issueFulcioLike(spki, "https://example.com/id", "https://issuer.example"));
                  return LoopbackServer.Reply.json(201,
                      "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":["
                          + new String(JsonCodec.standard().write(new JsonString(leaf)), StandardCharsets.UTF_8)
                          + "]}}}");
                })) {
      KeylessSigner signer =
          KeylessSigner.newBuilder()
              .signingConfig(config(fulcio.url(), tsa.url() + "/api/v1/timestamp"))
              .build();

      SigningException e =
          catchThrowableOfType(
              SigningException.class,
              () -> signer.signArtifact(token(Instant.now().plusSeconds(600).getEpochSecond()), new byte[] {1}));

      assertThat(fulcio.requests()).hasSize(1);
      assertThat(tsa.requests()).hasSize(1);
      assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    }
  }

  @Test
  void signArtifact_plainHttpCertificateAuthority_throwsConfigurationError() throws Exception {
    KeylessSigner signer =
        KeylessSigner.newBuilder()
            .signingConfig(config("http://fulcio.example.com", "https://tsa.example.com"))
            .build();

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> signer.signArtifact(token(Instant.now().plusSeconds(600).getEpochSecond()), new byte[] {1}));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void attest_notAStatement_throwsMalformedInputBeforeSigning() throws Exception {
    KeylessSigner signer = KeylessSigner.newBuilder().build();

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> signer.attest(token(Instant.now().plusSeconds(600).getEpochSecond()),
                "{\"_type\":\"nope\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(e.code()).isIn(ErrorCode.MALFORMED_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void signArtifactDigest_withoutSha256_throwsMalformedInput() throws Exception {
    KeylessSigner signer = KeylessSigner.newBuilder().build();

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> signer.signArtifactDigest(token(Instant.now().plusSeconds(600).getEpochSecond()),
                DigestSet.of(DigestAlgorithm.SHA512, "ab".repeat(64))));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void newBuilder_defaults_publicGoodServices() {
    SigningConfig config = SigningSupport.publicGoodSigningConfig();

    assertThat(config.caUrls()).extracting(Service::url).containsExactly("https://fulcio.sigstore.dev");
    assertThat(config.rekorTlogUrls()).extracting(Service::url).contains("https://rekor.sigstore.dev");
    assertThat(KeylessSigner.newBuilder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build().toString())
        .startsWith("KeylessSigner[");
  }
}
