package dev.provenance.sigstore.internal.client;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.trust.SigningConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The services one signing operation uses, chosen from a signing config at the signing time.
 *
 * <p>Per kind of service, only the highest API major version this client speaks and the config
 * offers (valid at that time) is used, never a mix of versions; within it, {@link
 * SigningConfig#select} applies the config's selector, one service per operator. This is the
 * selection rule of sigstore-go's {@code SelectServices} and sigstore-python's signing config. A
 * log speaking Rekor v2 gives no signed integration time, so choosing one requires a timestamp
 * authority as well.
 *
 * @param ca the certificate authority (Fulcio), if one was asked for
 * @param tlogs the transparency logs, in preference order
 * @param tsas the timestamp authorities, in preference order
 */
public record Services(
    Optional<SigningConfig.Service> ca,
    List<SigningConfig.Service> tlogs,
    List<SigningConfig.Service> tsas) {

  /** Fulcio API versions spoken: v2 REST, listed as major version 1 in signing configs. */
  static final Set<Integer> CA_VERSIONS = Set.of(1);

  /** Rekor API versions spoken. */
  static final Set<Integer> TLOG_VERSIONS = Set.of(1, 2);

  /** RFC 3161 timestamp authority API versions spoken. */
  static final Set<Integer> TSA_VERSIONS = Set.of(1);

  /**
   * Checks the components.
   *
   * @param ca the {@code ca} component
   * @param tlogs the {@code tlogs} component
   * @param tsas the {@code tsas} component
   */
  public Services {
    Objects.requireNonNull(ca, "ca");
    tlogs = List.copyOf(tlogs);
    tsas = List.copyOf(tsas);
  }

  /**
   * Selects the services for one signature.
   *
   * @param config the signing config
   * @param now the signing time
   * @param keyless whether a certificate authority is needed
   * @return the services
   * @throws SigningException {@code CONFIGURATION_ERROR} if the config offers no usable
   *     certificate authority (keyless), fewer services than its selectors require, a Rekor v2 log
   *     without a timestamp authority, or (keyless) neither a log nor a timestamp authority
   */
  public static Services select(SigningConfig config, Instant now, boolean keyless)
      throws SigningException {
    Optional<SigningConfig.Service> ca = Optional.empty();
    if (keyless) {
      List<SigningConfig.Service> cas =
          highest(
              "caUrls",
              config.caUrls(),
              new SigningConfig.ServiceConfiguration(SigningConfig.Selector.ANY, 0),
              now,
              CA_VERSIONS);
      if (cas.isEmpty()) {
        throw configuration("the signing config offers no usable certificate authority");
      }
      ca = Optional.of(cas.get(0));
    }
    List<SigningConfig.Service> tlogs =
        highest("rekorTlogUrls", config.rekorTlogUrls(), config.rekorTlogConfig(), now, TLOG_VERSIONS);
    List<SigningConfig.Service> tsas =
        highest("tsaUrls", config.tsaUrls(), config.tsaConfig(), now, TSA_VERSIONS);
    boolean rekorV2 = tlogs.stream().anyMatch(s -> s.majorApiVersion() == 2);
    if (rekorV2 && tsas.isEmpty()) {
      throw configuration(
          "a Rekor v2 log gives no signed time: the signing config must offer a timestamp authority");
    }
    if (keyless && tlogs.isEmpty() && tsas.isEmpty()) {
      throw configuration(
          "keyless signing needs a transparency log or a timestamp authority in the signing config");
    }
    return new Services(ca, tlogs, tsas);
  }

  /**
   * Selects among the services of the highest offered version; none when the config lists none
   * valid at {@code now}.
   */
  private static List<SigningConfig.Service> highest(
      String field,
      List<SigningConfig.Service> services,
      SigningConfig.ServiceConfiguration rule,
      Instant now,
      Set<Integer> spoken)
      throws SigningException {
    OptionalInt version =
        services.stream()
            .filter(s -> s.validFor().contains(now) && spoken.contains(s.majorApiVersion()))
            .mapToInt(SigningConfig.Service::majorApiVersion)
            .max();
    if (version.isEmpty()) {
      return List.of();
    }
    try {
      return SigningConfig.select(services, rule, now, Set.of(version.getAsInt()));
    } catch (VerificationException e) {
      throw new SigningException(ErrorCode.CONFIGURATION_ERROR, "/" + field, e.getMessage(), e);
    }
  }

  private static SigningException configuration(String message) {
    return new SigningException(ErrorCode.CONFIGURATION_ERROR, "", message);
  }
}
