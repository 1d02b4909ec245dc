package dev.provenance.core.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.slsa.VerificationSummary;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a SLSA Verification Summary Attestation v1 (<a
 * href="https://slsa.dev/spec/v1.1/verification_summary">VSA</a>) for a verified chain, so that an
 * admission controller can trust one signed summary instead of walking the chain again. Sign the
 * statement like any other (for example with a DSSE signer).
 *
 * <pre>{@code
 * Statement vsa = ChainVsa.newBuilder()
 *     .verifierId("https://example.com/provenance-verifier")
 *     .resourceUri("https://example.com/releases/app-1.0.tar.gz")
 *     .policy("file:policy.json", policyDigest)
 *     .build()
 *     .statement(chain);
 * }</pre>
 *
 * <p>The subject is the chain's artifact; {@code inputAttestations} lists every attestation of the
 * chain by the digest of its stored envelope; {@code verificationResult} is {@code PASSED} (a
 * failed verification has no chain to summarise). Instances are immutable and thread-safe.
 */
public final class ChainVsa {
  /** The verified level claimed when none is configured: signed provenance exists and verified. */
  public static final String DEFAULT_LEVEL = "SLSA_BUILD_LEVEL_1";

  private final String verifierId;
  private final Map<String, String> verifierVersion;
  private final String resourceUri;
  private final String policyUri;
  private final DigestSet policyDigest;
  private final List<String> verifiedLevels;
  private final Clock clock;

  private ChainVsa(Builder b) {
    this.verifierId = b.verifierId;
    this.verifierVersion = b.verifierVersion;
    this.resourceUri = b.resourceUri;
    this.policyUri = b.policyUri;
    this.policyDigest = b.policyDigest;
    this.verifiedLevels = b.verifiedLevels.isEmpty() ? List.of(DEFAULT_LEVEL) : List.copyOf(b.verifiedLevels);
    this.clock = b.clock;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the VSA statement for a verified chain.
   *
   * @param chain the verified chain; its artifact must have digests
   * @return the statement, subject the artifact
   * @throws IllegalArgumentException if the chain has no artifact (a layout verification)
   */
  public Statement statement(VerifiedChain chain) {
    if (chain.artifact().isEmpty()) {
      throw new IllegalArgumentException("a VSA needs a chain verified from an artifact");
    }
    List<ResourceDescriptor> inputs = new ArrayList<>();
    for (ChainStep s : chain.steps()) {
      inputs.add(
          ResourceDescriptor.newBuilder()
              .name(s.name())
              .digest(s.envelopeDigest())
              .mediaType("application/vnd.in-toto+dsse")
              .build());
    }
    ResourceDescriptor policy =
        policyDigest.isEmpty()
            ? ResourceDescriptor.newBuilder().uri(policyUri).build()
            : ResourceDescriptor.ofUri(policyUri, policyDigest);
    VerificationSummary vsa =
        new VerificationSummary(
            new VerificationSummary.VsaVerifier(verifierId, verifierVersion),
            Optional.of(clock.instant().truncatedTo(ChronoUnit.SECONDS)),
            resourceUri,
            policy,
            inputs,
            VerificationSummary.PASSED,
            verifiedLevels,
            Map.of(),
            Optional.of("1.1"));
    return Statement.newBuilder()
        .addSubject(ResourceDescriptor.ofDigest(subjectName(), chain.artifact()))
        .predicate(vsa)
        .build();
  }

  private String subjectName() {
    int slash = resourceUri.lastIndexOf('/');
    String n = slash >= 0 ? resourceUri.substring(slash + 1) : resourceUri;
    return n.isEmpty() ? "_" : n;
  }

  /** Builds a {@link ChainVsa}. Not thread-safe. */
  public static final class Builder {
    private String verifierId;
    private final Map<String, String> verifierVersion = new LinkedHashMap<>();
    private String resourceUri;
    private String policyUri;
    private DigestSet policyDigest = DigestSet.empty();
    private final List<String> verifiedLevels = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets {@code verifier.id} (required): who verified.
     *
     * @param id the verifier's URI
     * @return this builder
     */
    public Builder verifierId(String id) {
      this.verifierId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Adds a {@code verifier.version} entry.
     *
     * @param component the component, for example {@code provenance}
     * @param version its version
     * @return this builder
     */
    public Builder verifierVersion(String component, String version) {
      verifierVersion.put(
          Objects.requireNonNull(component, "component"), Objects.requireNonNull(version, "version"));
      return this;
    }

    /**
     * Sets {@code resourceUri} (required): the artifact that was verified.
     *
     * @param uri the artifact's URI
     * @return this builder
     */
    public Builder resourceUri(String uri) {
      this.resourceUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Sets {@code policy} (required): the policy's URI and the digest of its bytes.
     *
     * @param uri the policy URI
     * @param digest the policy digest (SHOULD be given)
     * @return this builder
     */
    public Builder policy(String uri, DigestSet digest) {
      this.policyUri = Objects.requireNonNull(uri, "uri");
      this.policyDigest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /**
     * Adds a verified level or property, for example {@code SLSA_BUILD_LEVEL_2}; default {@value
     * #DEFAULT_LEVEL}.
     *
     * @param level the level
     * @return this builder
     */
    public Builder addVerifiedLevel(String level) {
      verifiedLevels.add(Objects.requireNonNull(level, "level"));
      return this;
    }

    /**
     * Sets the clock for {@code timeVerified}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the builder's VSA factory.
     *
     * @return the immutable factory
     * @throws IllegalStateException if the verifier id, resource URI or policy is missing
     */
    public ChainVsa build() {
      if (verifierId == null || verifierId.isEmpty()) {
        throw new IllegalStateException("verifierId not set");
      }
      if (resourceUri == null || resourceUri.isEmpty()) {
        throw new IllegalStateException("resourceUri not set");
      }
      if (policyUri == null || policyUri.isEmpty()) {
        throw new IllegalStateException("policy not set");
      }
      return new ChainVsa(this);
    }
  }
}
