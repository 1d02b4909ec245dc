package dev.provenance.sigstore.trust;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.internal.Collections2;
import dev.provenance.sigstore.internal.bundle.TrustJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Sigstore signer finds its services: certificate authorities, OIDC providers, Rekor
 * logs and timestamp authorities, each with the API version it speaks, its validity window and
 * operator, and how many logs and timestamp authorities to use (protobuf-specs {@code
 * sigstore_trustroot.proto}, media type {@value #MEDIA_TYPE_V0_2}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param caUrls certificate authorities (Fulcio)
 * @param oidcUrls OIDC providers
 * @param rekorTlogUrls transparency logs
 * @param rekorTlogConfig how many transparency logs to use
 * @param tsaUrls timestamp authorities
 * @param tsaConfig how many timestamp authorities to use
 */
public record SigningConfig(
    List<Service> caUrls,
    List<Service> oidcUrls,
    List<Service> rekorTlogUrls,
    ServiceConfiguration rekorTlogConfig,
    List<Service> tsaUrls,
    ServiceConfiguration tsaConfig) {

  /** Media type of signing config v0.2. */
  public static final String MEDIA_TYPE_V0_2 = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  /**
   * Checks the components.
   *
   * @param caUrls the {@code caUrls} component
   * @param oidcUrls the {@code oidcUrls} component
   * @param rekorTlogUrls the {@code rekorTlogUrls} component
   * @param rekorTlogConfig the {@code rekorTlogConfig} component
   * @param tsaUrls the {@code tsaUrls} component
   * @param tsaConfig the {@code tsaConfig} component
   */
  public SigningConfig {
    caUrls = Collections2.listCopy(caUrls, "caUrls");
    oidcUrls = Collections2.listCopy(oidcUrls, "oidcUrls");
    rekorTlogUrls = Collections2.listCopy(rekorTlogUrls, "rekorTlogUrls");
    Objects.requireNonNull(rekorTlogConfig, "rekorTlogConfig");
    tsaUrls = Collections2.listCopy(tsaUrls, "tsaUrls");
    Objects.requireNonNull(tsaConfig, "tsaConfig");
  }

  /**
   * One service endpoint.
   *
   * @param url the service URL
   * @param majorApiVersion the API major version it speaks (for example 1 or 2 for Rekor)
   * @param validFor when the service may be used
   * @param operator who runs the service; selection picks at most one service per operator
   */
  public record Service(
      String url, int majorApiVersion, ValidityPeriod validFor, Optional<String> operator) {
    /**
     * Checks that no component is null.
     *
     * @param url the {@code url} component
     * @param majorApiVersion the {@code majorApiVersion} component
     * @param validFor the {@code validFor} component
     * @param operator the {@code operator} component
     */
    public Service {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(validFor, "validFor");
      Objects.requireNonNull(operator, "operator");
    }
  }

  /** How many of the eligible services to use. */
  public enum Selector {
    /** Every eligible service. */
    ALL,
    /** Any one eligible service. */
    ANY,
    /** Exactly {@link ServiceConfiguration#count()} services. */
    EXACT
  }

  /**
   * The selection rule for a kind of service.
   *
   * @param selector the rule
   * @param count the number of services for {@link Selector#EXACT}; ignored otherwise
   */
  public record ServiceConfiguration(Selector selector, int count) {
    /**
     * Checks the components.
     *
     * @param selector the {@code selector} component
     * @param count the {@code count} component
     */
    public ServiceConfiguration {
      Objects.requireNonNull(selector, "selector");
      if (count < 0) {
        throw new IllegalArgumentException("negative count");
      }
    }
  }

  /**
   * Parses a signing config.
   *
   * @param json the signing config JSON
   * @return the config
   * @throws MalformedInputException {@code MALFORMED_INPUT} for invalid JSON or structure, {@code
   *     UNSUPPORTED_FORMAT} for another media type
   */
  public static SigningConfig parse(byte[] json) throws MalformedInputException {
    return TrustJson.readSigningConfig(json);
  }

  /**
   * Writes this config as proto3 JSON.
   *
   * @return the JSON bytes
   */
  public byte[] toJson() {
    return TrustJson.write(this);
  }

  /**
   * Selects the services to use at a time: those valid then and speaking a supported API version,
   * the first listed per operator (the file lists the preferred first), then as many as the
   * configuration asks.
   *
   * @param services the candidates, in preference order
   * @param config the selection rule
   * @param now the signing time
   * @param supportedMajorVersions the API versions the client speaks
   * @return the selected services, in preference order
   * @throws VerificationException {@code CONFIGURATION_ERROR} if fewer services are eligible than
   *     the rule requires
   */
  public static List<Service> select(
      List<Service> services,
      ServiceConfiguration config,
      Instant now,
      Set<Integer> supportedMajorVersions)
      throws VerificationException {
    List<Service> eligible = new ArrayList<>();
    Set<String> operators = new LinkedHashSet<>();
    for (Service s : services) {
      if (!s.validFor().contains(now) || !supportedMajorVersions.contains(s.majorApiVersion())) {
        continue;
      }
      // services without an operator are each their own operator
      if (s.operator().isEmpty() || operators.add(s.operator().get())) {
        eligible.add(s);
      }
    }
    int want;
    switch (config.selector()) {
      case ALL:
        want = eligible.size();
        break;
      case ANY:
        want = 1;
        break;
      default:
        want = config.count();
        break;
    }
    if (eligible.size() < want || eligible.isEmpty()) {
      throw new VerificationException(
          ErrorCode.CONFIGURATION_ERROR,
          "",
          "signing config has " + eligible.size() + " eligible services, " + want + " required");
    }
    return List.copyOf(eligible.subList(0, want));
  }
}
