package dev.provenance.core;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies signed in-toto attestations: the entry point for most consumers.
 *
 * <pre>{@code
 * AttestationVerifier verifier = AttestationVerifier.newBuilder()
 *     .addVerifier(PemKeys.verifier(publicKeyPem))          // trusted key(s); threshold(n) for more
 *     .requirePredicateType(PredicateTypes.SLSA_PROVENANCE_V1)
 *     .policy(SlsaPolicy.newBuilder().requireBuilderId(BUILDER_ID).build())
 *     .build();                                             // immutable: build once, share
 * DigestSet artifact = DigestSet.of(DigestAlgorithm.SHA256, sha256Hex);
 * VerifiedAttestation att = verifier.verify(envelopeJson, artifact);  // throws VerificationException
 * }</pre>
 *
 * <p>The steps, in this order (<a
 * href="https://github.com/in-toto/attestation/blob/main/docs/validation.md">in-toto validation
 * model</a>):
 *
 * <ol>
 *   <li>the DSSE envelope verifies against the trusted keys, threshold and payload types ({@link
 *       DsseVerifier});
 *   <li>the Statement is parsed from exactly the verified payload bytes;
 *   <li>{@code _type} is {@value Statement#TYPE_V1}; the legacy {@value Statement#TYPE_V01} only
 *       with {@link Builder#acceptLegacyStatementType(boolean)} ({@code UNSUPPORTED_FORMAT}
 *       otherwise);
 *   <li>when an artifact is given, every subject is compared with it using only the acceptable
 *       digest algorithms (default {@link DigestAlgorithm#defaultAcceptable()}, so {@code md5} and
 *       {@code sha1} are ignored); no matching subject is {@code BINDING_MISMATCH};
 *   <li>the predicate type, when one is required ({@code POLICY_MISMATCH} otherwise);
 *   <li>every policy; all their findings are reported in one {@link VerificationException}.
 * </ol>
 *
 * <p>Instances are immutable and thread-safe: build one and share it.
 */
public final class AttestationVerifier {
  private final DsseVerifier dsse;
  private final JsonCodec codec;
  private final boolean acceptLegacyStatementType;
  private final Set<DigestAlgorithm> acceptableDigests;
  private final Optional<String> requiredPredicateType;
  private final List<Policy> policies;
  private final Clock clock;

  private AttestationVerifier(Builder b, DsseVerifier dsse, JsonCodec codec) {
    this.dsse = dsse;
    this.codec = codec;
    this.acceptLegacyStatementType = b.acceptLegacyStatementType;
    this.acceptableDigests = Collections.unmodifiableSet(new LinkedHashSet<>(b.acceptableDigests));
    this.requiredPredicateType = Optional.ofNullable(b.requiredPredicateType);
    this.policies = List.copyOf(b.policies);
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
   * Verifies an envelope given as JSON and binds it to an artifact.
   *
   * @param envelopeJson the DSSE envelope JSON
   * @param artifact the digests of the artifact; a subject must match it
   * @return the verified attestation, with the subjects that matched
   * @throws VerificationException with the code of the first failed step (see the class
   *     description); {@code MALFORMED_INPUT} or {@code RESOURCE_LIMIT_EXCEEDED} for input that
   *     cannot be parsed
   */
  public VerifiedAttestation verify(byte[] envelopeJson, DigestSet artifact)
      throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    return afterDsse(dsse.verify(envelopeJson), Optional.of(artifact));
  }

  /**
   * Verifies an envelope and binds it to an artifact.
   *
   * @param envelope the DSSE envelope
   * @param artifact the digests of the artifact; a subject must match it
   * @return the verified attestation, with the subjects that matched
   * @throws VerificationException as {@link #verify(byte[], DigestSet)}
   */
  public VerifiedAttestation verify(Envelope envelope, DigestSet artifact)
      throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    return afterDsse(dsse.verify(envelope), Optional.of(artifact));
  }

  /**
   * Verifies an envelope given as JSON without binding it to an artifact: every subject is
   * reported as matched. Use this only where the caller binds subjects itself (a chain walk).
   *
   * @param envelopeJson the DSSE envelope JSON
   * @return the verified attestation
   * @throws VerificationException as {@link #verify(byte[], DigestSet)}, never {@code
   *     BINDING_MISMATCH}
   */
  public VerifiedAttestation verify(byte[] envelopeJson) throws VerificationException {
    return afterDsse(dsse.verify(envelopeJson), Optional.empty());
  }

  /**
   * Verifies an envelope without binding it to an artifact; see {@link #verify(byte[])}.
   *
   * @param envelope the DSSE envelope
   * @return the verified attestation
   * @throws VerificationException as {@link #verify(byte[])}
   */
  public VerifiedAttestation verify(Envelope envelope) throws VerificationException {
    return afterDsse(dsse.verify(envelope), Optional.empty());
  }

  /**
   * Verifies every envelope of an in-toto JSON Lines bundle ({@code .intoto.jsonl}) and binds each
   * to the artifact. <b>Every line must verify</b>: a bundle is not authenticated as a whole, so a
   * line that fails is reported rather than skipped. Empty lines are ignored; a bundle without any
   * envelope fails with {@code POLICY_MISMATCH}, never passes.
   *
   * @param jsonl the bundle bytes, one envelope per line
   * @param artifact the digests of the artifact
   * @return one verified attestation per line, in order
   * @throws VerificationException carrying the findings of every failed line, each location
   *     prefixed with {@code line[N]} (N counted from 1); {@code RESOURCE_LIMIT_EXCEEDED} for more
   *     non-blank lines than the codec's {@link dev.provenance.core.json.JsonLimits#maxJsonLines()}
   */
  public List<VerifiedAttestation> verifyBundle(byte[] jsonl, DigestSet artifact)
      throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    return bundle(jsonl, Optional.of(artifact));
  }

  /**
   * Verifies every envelope of a JSON Lines bundle without binding it to an artifact; see {@link
   * #verifyBundle(byte[], DigestSet)}.
   *
   * @param jsonl the bundle bytes
   * @return one verified attestation per line, in order
   * @throws VerificationException as {@link #verifyBundle(byte[], DigestSet)}
   */
  public List<VerifiedAttestation> verifyBundle(byte[] jsonl) throws VerificationException {
    return bundle(jsonl, Optional.empty());
  }

  /**
   * Returns the DSSE verifier this verifier starts with.
   *
   * @return the DSSE verifier
   */
  public DsseVerifier dsseVerifier() {
    return dsse;
  }

  private List<VerifiedAttestation> bundle(byte[] jsonl, Optional<DigestSet> artifact)
      throws VerificationException {
    Objects.requireNonNull(jsonl, "jsonl");
    List<VerifiedAttestation> out = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    int start = 0;
    int line = 0;
    int entries = 0;
    while (start <= jsonl.length) {
      int end = indexOf(jsonl, (byte) '\n', start);
      line++;
      int stop = end;
      if (stop > start && jsonl[stop - 1] == '\r') {
        stop--;
      }
      if (!isBlank(jsonl, start, stop)) {
        if (++entries > codec.limits().maxJsonLines()) {
          throw new VerificationException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED,
              "line[" + line + "]",
              "bundle has more than " + codec.limits().maxJsonLines() + " envelopes");
        }
        try {
          out.add(afterDsse(dsse.verify(Arrays.copyOfRange(jsonl, start, stop)), artifact));
        } catch (VerificationException e) {
          for (Finding f : e.findings()) {
            findings.add(Finding.of(f.code(), "line[" + line + "]" + f.location(), f.message()));
          }
        }
      }
      start = end + 1;
    }
    if (!findings.isEmpty()) {
      throw VerificationException.of(findings);
    }
    if (out.isEmpty()) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH, "", "bundle holds no attestation to verify");
    }
    return List.copyOf(out);
  }

  private VerifiedAttestation afterDsse(VerifiedEnvelope envelope, Optional<DigestSet> artifact)
      throws VerificationException {
    Statement statement;
    try {
      statement = codec.parseStatement(envelope.payload().toByteArray());
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    if (!Statement.TYPE_V1.equals(statement.type())
        && !(acceptLegacyStatementType && Statement.TYPE_V01.equals(statement.type()))) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/_type",
          "statement type " + statement.type() + " is not accepted; expected " + Statement.TYPE_V1);
    }
    List<ResourceDescriptor> matched;
    if (artifact.isPresent()) {
      matched = new ArrayList<>(1);
      for (ResourceDescriptor s : statement.subject()) {
        if (s.digest().matches(artifact.get(), acceptableDigests)) {
          matched.add(s);
        }
      }
      if (matched.isEmpty()) {
        throw new VerificationException(
            ErrorCode.BINDING_MISMATCH,
            "/subject",
            "no subject matches the artifact "
                + artifact.get()
                + " under the acceptable algorithms "
                + acceptableDigests);
      }
    } else {
      matched = statement.subject();
    }
    if (requiredPredicateType.isPresent()
        && !requiredPredicateType.get().equals(statement.predicateType())) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          "/predicateType",
          "expected predicate type "
              + requiredPredicateType.get()
              + ", found "
              + statement.predicateType());
    }
    VerifiedAttestation attestation = new VerifiedAttestation(envelope, statement, matched);
    if (!policies.isEmpty()) {
      PolicyContext context = new PolicyContext(clock.instant(), artifact);
      List<Finding> findings = new ArrayList<>();
      for (Policy p : policies) {
        findings.addAll(Objects.requireNonNull(p.evaluate(attestation, context), "findings"));
      }
      if (!findings.isEmpty()) {
        throw VerificationException.of(findings);
      }
    }
    return attestation;
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return b.length;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Builds an {@link AttestationVerifier}. Not thread-safe. */
  public static final class Builder {
    private DsseVerifier dsse;
    private final DsseVerifier.Builder dsseBuilder = DsseVerifier.newBuilder();
    private boolean dsseConfigured;
    private JsonCodec codec;
    private boolean acceptLegacyStatementType;
    private Set<DigestAlgorithm> acceptableDigests = DigestAlgorithm.defaultAcceptable();
    private String requiredPredicateType;
    private final List<Policy> policies = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Uses a prepared DSSE verifier (trusted keys, threshold, payload types). Excludes {@link
     * #addVerifier}, {@link #threshold} and {@link #allowPayloadType}.
     *
     * @param dsse the DSSE verifier
     * @return this builder
     */
    public Builder dsse(DsseVerifier dsse) {
      this.dsse = Objects.requireNonNull(dsse, "dsse");
      return this;
    }

    /**
     * Trusts a key.
     *
     * @param verifier the verifier bound to the key
     * @return this builder
     */
    public Builder addVerifier(SignatureVerifier verifier) {
      dsseBuilder.addVerifier(verifier);
      dsseConfigured = true;
      return this;
    }

    /**
     * Trusts a key that signers name by another key id hint.
     *
     * @param verifier the verifier bound to the key
     * @param keyIdHint the {@code keyid} its signatures carry
     * @return this builder
     */
    public Builder addVerifier(SignatureVerifier verifier, String keyIdHint) {
      dsseBuilder.addVerifier(verifier, keyIdHint);
      dsseConfigured = true;
      return this;
    }

    /**
     * Sets how many distinct trusted keys must have signed. Default 1.
     *
     * @param threshold at least 1 and at most the number of distinct trusted keys
     * @return this builder
     */
    public Builder threshold(int threshold) {
      dsseBuilder.threshold(threshold);
      dsseConfigured = true;
      return this;
    }

    /**
     * Allows a payload type besides the default {@code application/vnd.in-toto+json}; see {@link
     * DsseVerifier.Builder#allowPayloadType(String)}.
     *
     * @param payloadType the type, for example {@code application/vnd.in-toto.provenance+json}
     * @return this builder
     */
    public Builder allowPayloadType(String payloadType) {
      dsseBuilder.allowPayloadType(payloadType);
      dsseConfigured = true;
      return this;
    }

    /**
     * Sets the codec for envelopes and statements. Default {@link JsonCodec#standard()}.
     *
     * @param codec the codec, with its limits and predicate codecs
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      dsseBuilder.codec(codec);
      return this;
    }

    /**
     * Accepts statements with the legacy {@code _type} {@value Statement#TYPE_V01}, as cosign and
     * witness still write. Default false.
     *
     * @param accept whether to accept v0.1 statements
     * @return this builder
     */
    public Builder acceptLegacyStatementType(boolean accept) {
      this.acceptLegacyStatementType = accept;
      return this;
    }

    /**
     * Sets the digest algorithms that may bind a subject to the artifact. Default {@link
     * DigestAlgorithm#defaultAcceptable()}.
     *
     * @param algorithms the algorithms deemed secure, not empty
     * @return this builder
     */
    public Builder acceptableDigests(Set<DigestAlgorithm> algorithms) {
      Set<DigestAlgorithm> copy = Set.copyOf(algorithms);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("no acceptable digest algorithm");
      }
      this.acceptableDigests = copy;
      return this;
    }

    /**
     * Requires a predicate type, compared exactly.
     *
     * @param predicateType the type URI, for example {@code https://slsa.dev/provenance/v1}
     * @return this builder
     */
    public Builder requirePredicateType(String predicateType) {
      this.requiredPredicateType = Objects.requireNonNull(predicateType, "predicateType");
      return this;
    }

    /**
     * Adds a policy; every added policy must be met.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(Policy policy) {
      policies.add(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Sets the clock that gives policies the verification time. Default the UTC system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the immutable verifier
     * @throws VerificationException with {@code CONFIGURATION_ERROR} if no key is trusted, the
     *     threshold is out of range, or both {@link #dsse} and the key options were used
     */
    public AttestationVerifier build() throws VerificationException {
      DsseVerifier d;
      if (dsse != null) {
        if (dsseConfigured) {
          throw new VerificationException(
              ErrorCode.CONFIGURATION_ERROR,
              "",
              "dsse(...) excludes addVerifier, threshold and allowPayloadType");
        }
        d = dsse;
      } else {
        d = dsseBuilder.build();
      }
      return new AttestationVerifier(this, d, codec != null ? codec : d.codec());
    }
  }
}
