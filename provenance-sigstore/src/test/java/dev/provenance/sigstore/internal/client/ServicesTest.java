package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.sigstore.trust.SigningConfig.Selector;
import dev.provenance.sigstore.trust.SigningConfig.Service;
import dev.provenance.sigstore.trust.SigningConfig.ServiceConfiguration;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServicesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final ValidityPeriod ALWAYS = ValidityPeriod.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final ServiceConfiguration ANY = new ServiceConfiguration(Selector.ANY, 0);
  private static final ServiceConfiguration ALL = new ServiceConfiguration(Selector.ALL, 0);

  static Service svc(String url, int version, String operator) {
    return new Service(url, version, ALWAYS, Optional.of(operator));
  }

  static SigningConfig config(List<Service> cas, List<Service> logs, ServiceConfiguration logRule,
      List<Service> tsas, ServiceConfiguration tsaRule) {
    return new SigningConfig(cas, List.of(), logs, logRule, tsas, tsaRule);
  }

  private static final Service CA = svc("https://fulcio.example", 1, "a");
  private static final Service TSA = svc("https://tsa.example/api/v1/timestamp", 1, "a");

  @Test
  void select_v1AndV2Offered_usesOnlyTheHighestVersion() throws Exception {
    Services s =
        Services.select(
            config(List.of(CA), List.of(svc("https://v1", 1, "a"), svc("https://v2", 2, "a")), ANY,
                List.of(TSA), ANY),
            NOW, true);

    assertThat(s.ca()).contains(CA);
    assertThat(s.tlogs()).extracting(Service::url).containsExactly("https://v2");
    assertThat(s.tsas()).containsExactly(TSA);
  }

  @Test
  void select_highestVersionNotYetValid_fallsBackToValidOne() throws Exception {
    Service future = new Service("https://v2", 2, ValidityPeriod.from(NOW.plusSeconds(60)), Optional.of("a"));

    Services s =
        Services.select(
            config(List.of(CA), List.of(svc("https://v1", 1, "a"), future), ANY, List.of(), ANY), NOW, true);

    assertThat(s.tlogs()).extracting(Service::url).containsExactly("https://v1");
  }

  @Test
  void select_allSelector_oneServicePerOperator() throws Exception {
    Services s =
        Services.select(
            config(List.of(CA),
                List.of(svc("https://l1", 1, "a"), svc("https://l2", 1, "a"), svc("https://l3", 1, "b")), ALL,
                List.of(), ANY),
            NOW, true);

    assertThat(s.tlogs()).extracting(Service::url).containsExactly("https://l1", "https://l3");
  }

  @Test
  void select_rekorV2WithoutTimestampAuthority_throwsConfigurationError() {
    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> Services.select(config(List.of(CA), List.of(svc("https://v2", 2, "a")), ANY, List.of(), ANY),
                NOW, true));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void select_keylessWithoutCa_throwsConfigurationError() {
    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> Services.select(config(List.of(svc("https://fulcio", 9, "a")), List.of(), ANY, List.of(TSA), ANY),
                NOW, true));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void select_keylessWithoutLogOrTimestamp_throwsConfigurationError() {
    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> Services.select(config(List.of(CA), List.of(), ANY, List.of(), ANY), NOW, true));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void select_exactCountNotAvailable_throwsConfigurationError() {
    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> Services.select(
                config(List.of(CA), List.of(svc("https://l1", 1, "a")),
                    new ServiceConfiguration(Selector.EXACT, 2), List.of(), ANY),
                NOW, true));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
    assertThat(e.location()).contains("/rekorTlogUrls");
  }

  @Test
  void select_keyedWithoutServices_empty() throws Exception {
    Services s = Services.select(config(List.of(), List.of(), ANY, List.of(), ANY), NOW, false);

    assertThat(s.ca()).isEmpty();
    assertThat(s.tlogs()).isEmpty();
    assertThat(s.tsas()).isEmpty();
  }
}
