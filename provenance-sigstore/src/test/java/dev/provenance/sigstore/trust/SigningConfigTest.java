package dev.provenance.sigstore.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
  private static final String CONFIG =
      "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
          + "\"caUrls\":[{\"url\":\"https://ca.test\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\"},\"operator\":\"a\"}],"
          + "\"oidcUrls\":[{\"url\":\"https://oidc.test\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\"}}],"
          + "\"rekorTlogUrls\":["
          + "{\"url\":\"https://log2.test\",\"majorApiVersion\":2,\"validFor\":{\"start\":\"2025-06-01T00:00:00Z\"},\"operator\":\"a\"},"
          + "{\"url\":\"https://log1.test\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\"},\"operator\":\"a\"},"
          + "{\"url\":\"https://other.test\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\",\"end\":\"2024-06-01T00:00:00Z\"},\"operator\":\"b\"}],"
          + "\"rekorTlogConfig\":{\"selector\":\"ANY\"},"
          + "\"tsaUrls\":[{\"url\":\"https://tsa.test\",\"majorApiVersion\":1,\"validFor\":{\"start\":\"2024-01-01T00:00:00Z\"},\"operator\":\"t\"}],"
          + "\"tsaConfig\":{\"selector\":\"EXACT\",\"count\":1}}";

  @Test
  void parse_v02_readsEveryServiceAndRoundTrips() throws Exception {
    SigningConfig c = SigningConfig.parse(CONFIG.getBytes(StandardCharsets.UTF_8));
    assertThat(c.caUrls()).extracting(SigningConfig.Service::url).containsExactly("https://ca.test");
    assertThat(c.rekorTlogUrls()).hasSize(3);
    assertThat(c.rekorTlogUrls().get(0).majorApiVersion()).isEqualTo(2);
    assertThat(c.tsaConfig()).isEqualTo(new SigningConfig.ServiceConfiguration(SigningConfig.Selector.EXACT, 1));
    assertThat(SigningConfig.parse(c.toJson())).isEqualTo(c);
  }

  @Test
  void select_preferredValidSupportedServicePerOperator() throws Exception {
    SigningConfig c = SigningConfig.parse(CONFIG.getBytes(StandardCharsets.UTF_8));
    Instant now = Instant.parse("2025-07-01T00:00:00Z");
    assertThat(SigningConfig.select(c.rekorTlogUrls(), c.rekorTlogConfig(), now, Set.of(1, 2)))
        .extracting(SigningConfig.Service::url)
        .containsExactly("https://log2.test");
    assertThat(SigningConfig.select(c.rekorTlogUrls(), c.rekorTlogConfig(), now, Set.of(1)))
        .extracting(SigningConfig.Service::url)
        .containsExactly("https://log1.test");
    assertThatThrownBy(
            () ->
                SigningConfig.select(
                    c.rekorTlogUrls(),
                    new SigningConfig.ServiceConfiguration(SigningConfig.Selector.EXACT, 2),
                    now,
                    Set.of(1, 2)))
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.CONFIGURATION_ERROR);
    List<SigningConfig.Service> all =
        SigningConfig.select(
            c.rekorTlogUrls(),
            new SigningConfig.ServiceConfiguration(SigningConfig.Selector.ALL, 0),
            Instant.parse("2024-03-01T00:00:00Z"),
            Set.of(1, 2));
    assertThat(all).extracting(SigningConfig.Service::url).containsExactly("https://log1.test", "https://other.test");
  }

  @Test
  void parse_wrongMediaTypeOrUndefinedSelector_throws() {
    byte[] wrong = CONFIG.replace("signingconfig.v0.2", "signingconfig.v0.1").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SigningConfig.parse(wrong))
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    byte[] undefined =
        CONFIG.replace("{\"selector\":\"ANY\"}", "{\"selector\":\"SERVICE_SELECTOR_UNDEFINED\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SigningConfig.parse(undefined))
        .extracting(e -> ((MalformedInputException) e).location().orElse(""))
        .isEqualTo("/rekorTlogConfig/selector");
  }
}
