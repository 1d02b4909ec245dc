package dev.provenance.core.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.internal.chain.PolicyJson;
import dev.provenance.core.json.JsonCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A chain policy: the in-toto-style layout a {@link ChainVerifier} checks a provenance chain
 * against. It names the functionaries (keys or Sigstore identities), the steps with their
 * functionaries, thresholds, artifact rules and attribute constraints, the roots where every path
 * of the chain must end (source repositories and commits or refs, or origin steps), the external
 * dependencies that may be consumed without an attestation, and the digest algorithms that may
 * link artifacts. The JSON form is documented in {@code docs/chain-policy.md} with a JSON Schema
 * in {@code docs/chain-policy.schema.json}.
 *
 * <pre>{@code
 * ChainPolicy policy = ChainPolicy.parse(Files.readAllBytes(path));          // unsigned JSON
 * ChainPolicy signed = ChainPolicy.verifySigned(envelopeBytes, ownerKeys, 1); // DSSE-signed policy
 * }</pre>
 *
 * <p>A policy whose {@code expires} is at or before the verification time is refused with {@code
 * TIME_INVALID}. Instances are immutable and thread-safe.
 *
 * @param expires the instant from which the policy is no longer valid
 * @param functionaries the functionaries by id, in document order
 * @param steps the steps, in document order
 * @param roots where paths may end
 * @param externals inputs allowed without a producing attestation
 * @param digestAlgorithms the algorithms that may establish that two digests denote one artifact
 */
public record ChainPolicy(
    Instant expires,
    Map<String, Functionary> functionaries,
    List<StepPolicy> steps,
    List<ChainRoot> roots,
    List<ExternalDependency> externals,
    List<DigestAlgorithm> digestAlgorithms) {

  /** The {@code _type} of a chain policy document. */
  public static final String TYPE = "https://provenance.dev/chain-policy/v1";

  /** The DSSE payload type of a signed chain policy. */
  public static final String PAYLOAD_TYPE = "application/vnd.provenance.chain-policy+json";

  /** The predicate type under which legacy in-toto links ({@code "_type": "link"}) are matched. */
  public static final String LEGACY_LINK_TYPE = "link";

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * Checks every component and the references between them.
   *
   * @param expires the {@code expires} component
   * @param functionaries the {@code functionaries} component
   * @param steps the {@code steps} component
   * @param roots the {@code roots} component
   * @param externals the {@code externals} component
   * @param digestAlgorithms the {@code digestAlgorithms} component
   * @throws IllegalArgumentException if expires has a fraction of a second or is after year 9999,
   *     there is no step, step names repeat, a step names an
   *     unknown functionary, a MATCH rule or root names an unknown step, a functionary is stored
   *     under another id, or no digest algorithm is given
   */
  public ChainPolicy {
    Objects.requireNonNull(expires, "expires");
    functionaries = Collections2.orderedCopy(functionaries, "functionaries");
    steps = Collections2.listCopy(steps, "steps");
    roots = Collections2.listCopy(roots, "roots");
    externals = Collections2.listCopy(externals, "externals");
    digestAlgorithms = Collections2.listCopy(digestAlgorithms, "digestAlgorithms");
    if (expires.getNano() != 0 || expires.isAfter(LATEST)) {
      throw new IllegalArgumentException("expires must be whole seconds, at most year 9999");
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a chain policy needs at least one step");
    }
    if (digestAlgorithms.isEmpty()) {
      throw new IllegalArgumentException("a chain policy needs at least one digest algorithm");
    }
    for (Map.Entry<String, Functionary> e : functionaries.entrySet()) {
      if (!e.getKey().equals(e.getValue().id())) {
        throw new IllegalArgumentException("functionary " + e.getValue().id() + " stored as " + e.getKey());
      }
    }
    Set<String> names = new HashSet<>();
    for (StepPolicy s : steps) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("duplicate step name: " + s.name());
      }
      for (String f : s.functionaries()) {
        if (!functionaries.containsKey(f)) {
          throw new IllegalArgumentException("step " + s.name() + " names unknown functionary " + f);
        }
      }
    }
    for (StepPolicy s : steps) {
      List<ArtifactRule> rules = new ArrayList<>(s.expectedMaterials());
      rules.addAll(s.expectedProducts());
      for (ArtifactRule r : rules) {
        if (r.targetStep().isPresent() && !names.contains(r.targetStep().get())) {
          throw new IllegalArgumentException(
              "step " + s.name() + ": rule " + r + " names unknown step " + r.targetStep().get());
        }
      }
    }
    for (ChainRoot r : roots) {
      if (r.step().isPresent() && !names.contains(r.step().get())) {
        throw new IllegalArgumentException("root names unknown step " + r.step().get());
      }
    }
  }

  /**
   * Parses an unsigned policy document from its bytes, with the strict, bounded JSON parser.
   *
   * @param json the policy JSON, UTF-8
   * @return the policy
   * @throws MalformedInputException as {@link #parse(JsonObject)}, and for JSON that is not
   *     strictly valid
   */
  public static ChainPolicy parse(byte[] json) throws MalformedInputException {
    return PolicyJson.read(JsonCodec.standard().parseObject(json));
  }

  /**
   * Verifies a policy signed as a DSSE envelope (payload type {@value #PAYLOAD_TYPE}) by its
   * owners, then parses it. A plain, unsigned policy document is refused: when a signature is
   * required, an unsigned policy is not anchored to any owner key.
   *
   * @param bytes the envelope JSON
   * @param ownerKeys the policy owners' keys
   * @param threshold how many distinct owner keys must have signed
   * @return the policy
   * @throws VerificationException with {@code UNTRUSTED_ANCHOR} for an unsigned policy, the DSSE
   *     codes ({@code SIGNATURE_INVALID}, {@code THRESHOLD_NOT_MET}, {@code UNSUPPORTED_FORMAT} for
   *     another payload type, {@code MALFORMED_INPUT}), or the parse codes of the payload; {@code
   *     CONFIGURATION_ERROR} if no owner key is given or the threshold is out of range
   */
  public static ChainPolicy verifySigned(
      byte[] bytes, List<SignatureVerifier> ownerKeys, int threshold)
      throws VerificationException {
    JsonCodec codec = JsonCodec.standard();
    DsseVerifier.Builder b =
        DsseVerifier.newBuilder().allowPayloadType(PAYLOAD_TYPE).threshold(threshold).codec(codec);
    ownerKeys.forEach(b::addVerifier);
    DsseVerifier verifier = b.build();
    Envelope envelope;
    try {
      JsonObject doc = codec.parseObject(bytes);
      if (doc.get("_type").isPresent() && doc.get("payloadType").isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNTRUSTED_ANCHOR, "", "the chain policy is not signed, but a signature is required");
      }
      envelope = codec.parseEnvelope(bytes);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    VerifiedEnvelope verified = verifier.verify(envelope);
    try {
      return parse(verified.payload().toByteArray());
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
  }

  /**
   * Parses an unsigned policy document.
   *
   * @param json the policy JSON
   * @return the policy
   * @throws MalformedInputException with a JSON Pointer location if the document is not a valid
   *     policy ({@code MALFORMED_INPUT}), not a chain policy ({@code UNSUPPORTED_FORMAT}) or too
   *     large ({@code RESOURCE_LIMIT_EXCEEDED}); members the format does not define are rejected,
   *     so a misspelt rule cannot silently disappear
   */
  public static ChainPolicy parse(JsonObject json) throws MalformedInputException {
    return PolicyJson.read(json);
  }

  /**
   * Returns the JSON form of this policy, which {@link #parse(JsonObject)} reads back equal.
   *
   * @return the policy document
   */
  public JsonObject toJson() {
    return PolicyJson.write(this);
  }

  /**
   * Returns a step by name.
   *
   * @param name the step name
   * @return the step, or empty
   */
  public Optional<StepPolicy> step(String name) {
    for (StepPolicy s : steps) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builds a {@link ChainPolicy}. Not thread-safe. */
  public static final class Builder {
    private Instant expires;
    private final Map<String, Functionary> functionaries = new LinkedHashMap<>();
    private final List<StepPolicy> steps = new ArrayList<>();
    private final List<ChainRoot> roots = new ArrayList<>();
    private final List<ExternalDependency> externals = new ArrayList<>();
    private final List<DigestAlgorithm> digestAlgorithms = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the expiry.
     *
     * @param expires the instant from which the policy is invalid, truncated to whole seconds
     * @return this builder
     */
    public Builder expires(Instant expires) {
      this.expires = Objects.requireNonNull(expires, "expires").truncatedTo(ChronoUnit.SECONDS);
      return this;
    }

    /**
     * Adds a functionary.
     *
     * @param functionary the functionary
     * @return this builder
     * @throws IllegalStateException if the id is already used
     */
    public Builder addFunctionary(Functionary functionary) {
      if (functionaries.putIfAbsent(functionary.id(), functionary) != null) {
        throw new IllegalStateException("duplicate functionary id: " + functionary.id());
      }
      return this;
    }

    /**
     * Adds a step.
     *
     * @param step the step
     * @return this builder
     */
    public Builder addStep(StepPolicy step) {
      steps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /**
     * Adds a root.
     *
     * @param root the root
     * @return this builder
     */
    public Builder addRoot(ChainRoot root) {
      roots.add(Objects.requireNonNull(root, "root"));
      return this;
    }

    /**
     * Adds an allowed external dependency.
     *
     * @param external the dependency
     * @return this builder
     */
    public Builder addExternal(ExternalDependency external) {
      externals.add(Objects.requireNonNull(external, "external"));
      return this;
    }

    /**
     * Adds a digest algorithm that may link artifacts. When none is added, {@link
     * DigestAlgorithm#defaultAcceptable()} is used.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder addDigestAlgorithm(DigestAlgorithm algorithm) {
      digestAlgorithms.add(Objects.requireNonNull(algorithm, "algorithm"));
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return a new policy
     * @throws IllegalStateException if expires is not set or a component is invalid
     */
    public ChainPolicy build() {
      if (expires == null) {
        throw new IllegalStateException("expires not set");
      }
      List<DigestAlgorithm> algorithms =
          digestAlgorithms.isEmpty() ? PolicyJson.defaultAlgorithms() : digestAlgorithms;
      try {
        return new ChainPolicy(expires, functionaries, steps, roots, externals, algorithms);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
