package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.sigstore.testing.LoopbackServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTransportTest {
  private static final byte[] BODY = "{\"secret\":\"token-value\"}".getBytes(StandardCharsets.UTF_8);

  private final HttpTransport transport = HttpTransport.create(Duration.ofSeconds(10));

  @Test
  void post_created_returnsBodyAndHeaders() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer(
            r -> new LoopbackServer.Reply(
                201, "application/json", "{\"ok\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("Location", "/api/v1/log/entries/abc")))) {
      HttpTransport.Response response =
          transport.post("Test", HttpTransport.endpoint(server.url(), "/x"), "application/json",
              "application/json", BODY, 1024);

      assertThat(response.status()).isEqualTo(201);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":1}");
      assertThat(response.location()).contains("/api/v1/log/entries/abc");
      LoopbackServer.Request request = server.requests().get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/x");
      assertThat(request.headers()).containsEntry("content-type", "application/json");
      assertThat(request.body()).isEqualTo(BODY);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 500, 503})
  void post_errorStatus_throwsServiceErrorWithoutRequestBody(int status) throws Exception {
    try (LoopbackServer server = new LoopbackServer(r -> LoopbackServer.Reply.json(status, "{\"m\":1}"))) {
      SigningException e = post(server.url());

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
      assertThat(e.getMessage()).doesNotContain("token-value");
    }
  }

  @Test
  void post_redirect_isNotFollowed() throws Exception {
    try (LoopbackServer target = new LoopbackServer(r -> LoopbackServer.Reply.json(200, "{}"));
        LoopbackServer server =
            new LoopbackServer(
                r -> new LoopbackServer.Reply(
                    307, "text/plain", new byte[0], Map.of("Location", target.url() + "/x")))) {
      SigningException e = post(server.url());

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
      assertThat(target.requests()).isEmpty();
    }
  }

  @Test
  void post_responseOverCap_throwsResourceLimitExceeded() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer(r -> LoopbackServer.Reply.bytes(200, "application/json", new byte[5000]))) {
      SigningException e =
          catchThrowableOfType(
              SigningException.class,
              () -> transport.post("Test", HttpTransport.endpoint(server.url(), ""),
                  "application/json", "application/json", BODY, 4096));

      assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    }
  }

  @Test
  void post_connectionClosedWithoutAnswer_throwsServiceError() throws Exception {
    try (LoopbackServer server = new LoopbackServer(r -> null)) {
      SigningException e = post(server.url());

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
    }
  }

  @Test
  void post_serverStalls_throwsServiceErrorAtDeadline() throws Exception {
    HttpTransport quick = HttpTransport.create(Duration.ofMillis(500));
    LoopbackServer[] holder = new LoopbackServer[1];
    try (LoopbackServer server =
        new LoopbackServer(
            r -> {
              holder[0].released().await(30, TimeUnit.SECONDS);
              return LoopbackServer.Reply.json(200, "{}");
            })) {
      holder[0] = server;
      SigningException e =
          catchThrowableOfType(
              SigningException.class,
              () -> quick.post("Test", HttpTransport.endpoint(server.url(), ""),
                  "application/json", "application/json", BODY, 1024));

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
    }
  }

  @Test
  void post_nothingListening_throwsServiceError() throws Exception {
    String url;
    try (LoopbackServer server = new LoopbackServer(r -> LoopbackServer.Reply.json(200, "{}"))) {
      url = server.url();
    }
    SigningException e = post(url);

    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://fulcio.example.com",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
        "fulcio.sigstore.dev",
        "/api/v2",
        "https://user:pw@fulcio.sigstore.dev",
        "https://fulcio.sigstore.dev?x=1",
        "https://fulcio.sigstore.dev#f",
        "https://exa mple.com",
        "mailto:a@b.c"
      })
  void endpoint_unsafeOrInvalidUrl_throwsConfigurationError(String url) {
    SigningException e =
        catchThrowableOfType(SigningException.class, () -> HttpTransport.endpoint(url, "/api"));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://fulcio.sigstore.dev",
        "https://fulcio.sigstore.dev/",
        "http://127.0.0.1:1234",
        "http://localhost:1",
        "http://[::1]:8080"
      })
  void endpoint_httpsOrLoopback_appendsPath(String url) throws Exception {
    URI uri = HttpTransport.endpoint(url, "/api/v2/signingCert");

    assertThat(uri.getPath()).isEqualTo("/api/v2/signingCert");
  }

  private SigningException post(String url) {
    return catchThrowableOfType(
        SigningException.class,
        () -> transport.post("Test", HttpTransport.endpoint(url, "/x"), "application/json",
            "application/json", BODY, 1024));
  }
}
