package dev.provenance.core.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.internal.chain.ChainEngine;
import dev.provenance.core.internal.chain.Evidence;
import dev.provenance.core.internal.chain.EvidenceReader;
import dev.provenance.core.internal.chain.Rejected;
import dev.provenance.core.internal.chain.StoredReader;
import dev.provenance.core.internal.chain.Trust;
import dev.provenance.core.intoto.InTotoKey;
import dev.provenance.core.intoto.InTotoKeys;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.core.keys.PemKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a provenance chain: from an artifact's digest back through every step to the source
 * commits and allowed external dependencies, against a {@link ChainPolicy}.
 *
 * <pre>{@code
 * ChainVerifier verifier = ChainVerifier.newBuilder()
 *     .policy(ChainPolicy.parse(Files.readAllBytes(policyPath)))
 *     .build();                                            // immutable: build once, share
 * VerifiedChain chain = verifier.verify(
 *     DigestSet.of(DigestAlgorithm.SHA256, artifactSha256),
 *     List.of(Path.of("attestations")));                   // .intoto.jsonl files, envelopes, links
 * }</pre>
 *
 * <p>Every stored attestation is verified once, against all functionaries of the policy, before
 * its payload is read: DSSE envelopes with their keys, legacy in-toto metablocks with the same keys,
 * Sigstore bundles with the configured {@link ChainEnvelopeVerifier}. Verified subjects are
 * indexed by digest once. The walk starts at the attestations whose subjects match the artifact,
 * follows every input (resolved dependencies, builder dependencies, link materials) to the
 * attestation that produced it or to the signed envelope it names by digest, and requires every
 * path to end at a root or an allowed external dependency. It checks each step's functionaries
 * and threshold over distinct keys, artifact rules, attribute constraints and SLSA external
 * parameters, and detects cycles and rival attestations that claim one output from different
 * inputs. Attestations that the walk never reaches do not matter.
 *
 * <p>A failed verification throws one {@link VerificationException} carrying every finding, each
 * with a code and a location such as {@code chain/build/inputs/app.jar}:
 *
 * <ul>
 *   <li>{@code BINDING_MISMATCH}: a missing link, a changed byte (an input whose digest no step
 *       produced; the message names the step that produced the same name with other digests), a
 *       referenced envelope that is absent, a pinned external with another digest, a cycle, rival
 *       producers;
 *   <li>{@code UNTRUSTED_ANCHOR}: an attestation signed by a key that is not a functionary of its
 *       step, or of the policy at all;
 *   <li>{@code SIGNATURE_INVALID}: a signature by a policy key that no longer verifies (the content
 *       changed after signing);
 *   <li>{@code THRESHOLD_NOT_MET}: fewer distinct functionaries than a step's threshold, or a
 *       required step with no attestation;
 *   <li>{@code POLICY_MISMATCH}: an artifact-rule violation, a failed attribute constraint, a
 *       disallowed external parameter, a source commit or ref outside the roots, an input without a
 *       digest;
 *   <li>{@code MALFORMED_INPUT}: a non-canonical or non-portable artifact name (rejected rather than
 *       normalised), an unreadable attestation on the path;
 *   <li>{@code TIME_INVALID}: the policy has expired ({@code expires <= now});
 *   <li>{@code RESOURCE_LIMIT_EXCEEDED}: more attestations than the limit (10,000 by default).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChainVerifier {
  /** The default most attestations read for one verification. */
  public static final int DEFAULT_MAX_ATTESTATIONS = JsonLimits.MAX_JSON_LINES;

  private final ChainPolicy policy;
  private final Clock clock;
  private final JsonCodec codec;
  private final int maxAttestations;
  private final Trust trust;
  private final EvidenceReader reader;

  private ChainVerifier(Builder b, Trust trust, EvidenceReader reader) {
    this.policy = b.policy;
    this.clock = b.clock;
    this.codec = b.codec;
    this.maxAttestations = b.maxAttestations;
    this.trust = trust;
    this.reader = reader;
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
   * Returns the policy this verifier checks against.
   *
   * @return the policy
   */
  public ChainPolicy policy() {
    return policy;
  }

  /**
   * Verifies the chain of an artifact from stored attestations: {@code .jsonl} files (one
   * attestation a line) and single-attestation files, or directories of them.
   *
   * @param artifact the artifact's digests
   * @param attestations files or directories
   * @return the verified chain
   * @throws VerificationException with every finding (see the class description)
   * @throws IOException if a file cannot be read
   */
  public VerifiedChain verify(DigestSet artifact, List<Path> attestations)
      throws VerificationException, IOException {
    Objects.requireNonNull(artifact, "artifact");
    checkExpiry();
    Collector c = new Collector();
    new StoredReader(codec.limits().maxInputBytes()).read(List.copyOf(attestations), c::accept);
    c.finish();
    return outcome(new ChainEngine(policy, trust, c.verified, c.rejected).verifyFrom(artifact));
  }

  /**
   * Verifies the chain of an artifact file: its SHA-256 is the digest the walk starts from.
   *
   * @param artifactFile the artifact
   * @param attestations files or directories of stored attestations
   * @return the verified chain
   * @throws VerificationException with every finding, or {@code MALFORMED_INPUT} if the artifact
   *     cannot be read
   * @throws IOException if an attestation file cannot be read
   */
  public VerifiedChain verify(Path artifactFile, List<Path> attestations)
      throws VerificationException, IOException {
    DigestSet digest;
    try {
      digest = Digester.sha256().digest(artifactFile);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    return verify(digest, attestations);
  }

  /**
   * Verifies the chain of an artifact from attestations in memory, each the bytes of one stored
   * attestation.
   *
   * @param artifact the artifact's digests
   * @param attestations the stored attestations
   * @return the verified chain
   * @throws VerificationException with every finding (see the class description)
   */
  public VerifiedChain verify(DigestSet artifact, Collection<byte[]> attestations)
      throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    checkExpiry();
    Collector c = collect(attestations);
    return outcome(new ChainEngine(policy, trust, c.verified, c.rejected).verifyFrom(artifact));
  }

  /**
   * Verifies every step of the policy without a starting artifact, the way in-toto verifies a
   * layout: each step needs its threshold of agreeing attestations, and artifact rules bind steps
   * to each other. The returned chain has an empty artifact.
   *
   * @param attestations files or directories of stored attestations
   * @return a chain of every step's attestations
   * @throws VerificationException with every finding
   * @throws IOException if a file cannot be read
   */
  public VerifiedChain verifyAllSteps(List<Path> attestations)
      throws VerificationException, IOException {
    checkExpiry();
    Collector c = new Collector();
    new StoredReader(codec.limits().maxInputBytes()).read(List.copyOf(attestations), c::accept);
    c.finish();
    return outcome(new ChainEngine(policy, trust, c.verified, c.rejected).verifyLayout());
  }

  /**
   * As {@link #verifyAllSteps(List)}, from attestations in memory.
   *
   * @param attestations the stored attestations
   * @return a chain of every step's attestations
   * @throws VerificationException with every finding
   */
  public VerifiedChain verifyAllSteps(Collection<byte[]> attestations)
      throws VerificationException {
    checkExpiry();
    Collector c = collect(attestations);
    return outcome(new ChainEngine(policy, trust, c.verified, c.rejected).verifyLayout());
  }

  private Collector collect(Collection<byte[]> attestations) throws VerificationException {
    Collector c = new Collector();
    int i = 0;
    int max = codec.limits().maxInputBytes();
    for (byte[] b : attestations) {
      i++;
      if (!c.accept("attestation[" + i + "]", b.length > max ? new byte[0] : b, b.length > max)) {
        break;
      }
    }
    c.finish();
    return c;
  }

  private void checkExpiry() throws VerificationException {
    Instant now = clock.instant();
    if (!policy.expires().isAfter(now)) {
      throw new VerificationException(
          ErrorCode.TIME_INVALID,
          "/expires",
          "the chain policy expired at " + policy.expires() + " (verification time " + now + ")");
    }
  }

  private static VerifiedChain outcome(ChainEngine.Result r) throws VerificationException {
    if (r.chain().isPresent()) {
      return r.chain().get();
    }
    throw VerificationException.of(r.findings());
  }

  /** Verifies stored attestations one at a time as they are read, keeping only results. */
  private final class Collector {
    final List<Evidence> verified = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    int count;
    boolean overLimit;

    boolean accept(String location, byte[] bytes, boolean oversized) {
      if (count == maxAttestations) {
        overLimit = true;
        return false;
      }
      int index = count++;
      if (oversized) {
        rejected.add(
            new Rejected(
                index,
                location,
                DigestSet.empty(),
                ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                "larger than " + codec.limits().maxInputBytes() + " bytes",
                List.of()));
        return true;
      }
      Object o = reader.read(index, location, bytes);
      if (o instanceof Evidence) {
        verified.add((Evidence) o);
      } else {
        rejected.add((Rejected) o);
      }
      return true;
    }

    void finish() throws VerificationException {
      if (overLimit) {
        throw new VerificationException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            "attestations",
            "more than " + maxAttestations + " attestations; the chain limit is " + maxAttestations);
      }
    }
  }

  /** Builds a {@link ChainVerifier}. Not thread-safe. */
  public static final class Builder {
    private ChainPolicy policy;
    private Clock clock = Clock.systemUTC();
    private JsonCodec codec = JsonCodec.standard();
    private int maxAttestations = DEFAULT_MAX_ATTESTATIONS;
    private ChainEnvelopeVerifier envelopeVerifier;
    private final Map<String, SignatureVerifier> keyOverrides = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the policy (required).
     *
     * @param policy the chain policy
     * @return this builder
     */
    public Builder policy(ChainPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the clock for the policy's expiry (default: the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the codec whose limits bound every stored attestation (default {@link
     * JsonCodec#standard()}).
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets the most attestations read (default {@value #DEFAULT_MAX_ATTESTATIONS}); more fail
     * with {@code RESOURCE_LIMIT_EXCEEDED}.
     *
     * @param maxAttestations the limit, at least 1
     * @return this builder
     */
    public Builder maxAttestations(int maxAttestations) {
      if (maxAttestations < 1) {
        throw new IllegalArgumentException("maxAttestations must be at least 1");
      }
      this.maxAttestations = maxAttestations;
      return this;
    }

    /**
     * Sets the verifier for stored forms other than DSSE envelopes and metablocks, such as
     * Sigstore bundles; required when the policy names Sigstore functionaries.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder envelopeVerifier(ChainEnvelopeVerifier verifier) {
      this.envelopeVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Uses a given verifier for a key functionary instead of loading its PEM, for keys held in a
     * KMS or HSM. Its key id must be that of the functionary's public key.
     *
     * @param functionary the functionary id
     * @param verifier the verifier
     * @return this builder
     */
    public Builder functionaryVerifier(String functionary, SignatureVerifier verifier) {
      keyOverrides.put(
          Objects.requireNonNull(functionary, "functionary"),
          Objects.requireNonNull(verifier, "verifier"));
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @return the immutable verifier
     * @throws VerificationException with {@code CONFIGURATION_ERROR} if no policy is set, a
     *     functionary key cannot be loaded, the policy names Sigstore functionaries but no envelope
     *     verifier is set, or two functionaries' key id hints collide
     */
    public ChainVerifier build() throws VerificationException {
      if (policy == null) {
        throw configuration("no chain policy set");
      }
      Map<String, KeyId> keyIds = new LinkedHashMap<>();
      List<SignatureVerifier> verifiers = new ArrayList<>();
      List<String> hints = new ArrayList<>();
      List<KeyFunctionary> keyFunctionaries = new ArrayList<>();
      boolean sigstore = false;
      for (Functionary f : policy.functionaries().values()) {
        if (f instanceof SigstoreFunctionary) {
          sigstore = true;
          continue;
        }
        KeyFunctionary k = (KeyFunctionary) f;
        SignatureVerifier v = keyOverrides.get(k.id());
        if (v == null) {
          try {
            v =
                k.algorithm().isPresent()
                    ? PemKeys.verifier(k.publicKeyPem(), k.algorithm().get())
                    : PemKeys.verifier(k.publicKeyPem());
          } catch (KeyMaterialException e) {
            throw configuration("functionary " + k.id() + ": " + e.getMessage());
          }
        }
        keyIds.put(k.id(), v.keyId());
        verifiers.add(v);
        hints.add(k.keyId().orElse(""));
        keyFunctionaries.add(k);
      }
      if (sigstore && envelopeVerifier == null) {
        throw configuration(
            "the policy names Sigstore functionaries; set an envelope verifier that checks bundles");
      }
      DsseVerifier.Builder db = DsseVerifier.newBuilder().allowAnyPayloadType().codec(codec);
      for (int i = 0; i < verifiers.size(); i++) {
        if (hints.get(i).isEmpty()) {
          db.addVerifier(verifiers.get(i));
        } else {
          db.addVerifier(verifiers.get(i), hints.get(i));
        }
      }
      Optional<DsseVerifier> dsse =
          verifiers.isEmpty() ? Optional.empty() : Optional.of(db.threshold(1).build());
      Trust trust = new Trust(policy, keyIds);
      LazyInTotoKeys inToto = new LazyInTotoKeys(keyFunctionaries, keyIds);
      EvidenceReader reader =
          new EvidenceReader(
              codec,
              dsse,
              inToto::get,
              Optional.ofNullable(envelopeVerifier),
              trust);
      return new ChainVerifier(this, trust, reader);
    }

    private static VerificationException configuration(String message) {
      return new VerificationException(ErrorCode.CONFIGURATION_ERROR, "", message);
    }
  }

  /** The in-toto form of the key functionaries, for legacy metablocks; computed on first use. */
  private static final class LazyInTotoKeys {
    private final List<KeyFunctionary> functionaries;
    private final Map<String, KeyId> keyIds;
    private volatile List<InTotoKey> keys;

    LazyInTotoKeys(List<KeyFunctionary> functionaries, Map<String, KeyId> keyIds) {
      this.functionaries = List.copyOf(functionaries);
      this.keyIds = Collections.unmodifiableMap(new LinkedHashMap<>(keyIds));
    }

    List<InTotoKey> get() {
      List<InTotoKey> k = keys;
      if (k == null) {
        List<InTotoKey> out = new ArrayList<>();
        for (KeyFunctionary f : functionaries) {
          try {
            InTotoKey key = InTotoKeys.fromPem(f.publicKeyPem());
            if (key.verifier().keyId().equals(keyIds.get(f.id()))) {
              out.add(key);
            }
          } catch (KeyMaterialException e) {
            // a key in-toto cannot express (for example RSA PKCS#1 v1.5) signs no metablock
          }
        }
        k = List.copyOf(out);
        keys = k;
      }
      return k;
    }
  }
}
