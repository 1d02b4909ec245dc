package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.internal.client.RekorRequests;
import dev.provenance.sigstore.internal.client.Services;
import dev.provenance.sigstore.internal.client.Witnessing;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes Sigstore bundles signed with a key the caller manages (a file, an HSM, a KMS): no
 * certificate authority; the bundle names the key by a {@code publicKey} hint (the hex SHA-256 of
 * its {@code SubjectPublicKeyInfo}), and verifiers must already hold the key.
 *
 * <pre>{@code
 * KeyedBundleSigner signer = KeyedBundleSigner.newBuilder()
 *     .signer(PemKeys.signer(privatePem), publicKey)
 *     .signingConfig(config)        // optional: log in Rekor and timestamp; none by default
 *     .trustedRoot(root)            // holds those logs and timestamp authorities
 *     .build();
 * SigstoreBundle bundle = signer.attest(statementJson);
 * SigstoreBundle logged = signer.logEnvelope(envelopeSignedElsewhere);
 * }</pre>
 *
 * <p>With a signing config, every signature is timestamped and logged as by {@link
 * KeylessSigner}, with the public key as the log entry's verifier. Without one the bundle carries
 * the signature alone, as sigstore-js does for keyed bundles. Rekor cannot log message signatures
 * made with Ed25519 (it records a digest, and pure Ed25519 signs whole messages), and Rekor v2 logs
 * no Ed25519 signature at all; both are refused with {@code CONFIGURATION_ERROR}. Every bundle is
 * verified with the public key before it is returned.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KeyedBundleSigner {
  private final Optional<Signer> signer;
  private final PublicKey publicKey;
  private final PublicKeyMaterial key;
  private final SignatureAlgorithm algorithm;
  private final Optional<SigningConfig> signingConfig;
  private final TrustedRoot trustedRoot;
  private final Clock clock;
  private final SigningSupport.Clients clients;

  private KeyedBundleSigner(Builder b) {
    this.signer = Optional.ofNullable(b.signer);
    this.publicKey = b.publicKey;
    this.key = b.key;
    this.algorithm = b.algorithm;
    this.signingConfig = Optional.ofNullable(b.signingConfig);
    this.trustedRoot = b.trustedRoot;
    this.clock = b.clock;
    this.clients = new SigningSupport.Clients(b.timeout);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder without key or signing config
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the hint bundles carry for the key.
   *
   * @return the key id
   */
  public KeyId keyId() {
    return key.keyId();
  }

  /**
   * Signs an artifact: a message signature bundle.
   *
   * @param artifact the artifact bytes
   * @return the bundle
   * @throws SigningException if the signer fails; {@code CONFIGURATION_ERROR} for a signing config
   *     without the services it requires or that cannot log this algorithm's signatures; {@code
   *     SERVICE_ERROR} when a service fails; other codes when a service's answer is wrong
   * @throws IllegalStateException if the builder was given a public key but no signer
   */
  public SigstoreBundle signArtifact(byte[] artifact) throws SigningException {
    Objects.requireNonNull(artifact, "artifact");
    Signer s = requireSigner();
    Services services = services();
    Optional<DigestAlgorithm> hash = hash(algorithm);
    if (hash.isEmpty() && !services.tlogs().isEmpty()) {
      throw new SigningException(
          ErrorCode.CONFIGURATION_ERROR,
          "",
          "Rekor records an artifact digest; " + algorithm + " signs the whole artifact instead");
    }
    DigestAlgorithm digestAlgorithm = hash.orElse(DigestAlgorithm.SHA256);
    byte[] digest = Witnessing.hash(digestAlgorithm, artifact);
    Bytes signature = s.sign(artifact);
    Witnessing.Evidence evidence =
        clients.witnessing.witness(
            services,
            Witnessing.Signed.message(digestAlgorithm, Bytes.wrap(digest), signature),
            rekorVerifier());
    SigstoreBundle bundle =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(),
            material(evidence),
            Optional.of(
                new MessageSignature(
                    Optional.of(DigestSet.of(digestAlgorithm, Hex.encode(digest))), signature)),
            Optional.empty());
    return SigningSupport.checked(verifier(evidence), bundle, Optional.of(Artifact.ofBytes(artifact)));
  }

  /**
   * Signs an in-toto statement: a DSSE bundle whose payload is exactly these bytes.
   *
   * @param statementJson the statement JSON
   * @return the bundle
   * @throws SigningException as {@link #signArtifact}; {@code MALFORMED_INPUT} if the bytes are not
   *     an in-toto statement
   * @throws IllegalStateException if the builder was given a public key but no signer
   */
  public SigstoreBundle attest(byte[] statementJson) throws SigningException {
    Objects.requireNonNull(statementJson, "statementJson");
    Signer s = requireSigner();
    Bytes payload = SigningSupport.statement(statementJson);
    Bytes signature = s.sign(Pae.encode(SigningSupport.PAYLOAD_TYPE, payload));
    return log(
        new Envelope(
            SigningSupport.PAYLOAD_TYPE,
            payload,
            List.of(new EnvelopeSignature(key.keyId().value(), signature))));
  }

  /**
   * Signs an in-toto statement, serialized with {@link JsonCodec#standard()}.
   *
   * @param statement the statement
   * @return the bundle
   * @throws SigningException as {@link #attest(byte[])}
   */
  public SigstoreBundle attest(Statement statement) throws SigningException {
    Objects.requireNonNull(statement, "statement");
    return attest(JsonCodec.standard().writeStatement(statement));
  }

  /**
   * Makes a bundle of an envelope that was already signed with this key: checks its one signature,
   * then timestamps and logs it as configured.
   *
   * @param envelope the envelope; its payload must be an in-toto statement
   * @return the bundle
   * @throws SigningException {@code MALFORMED_INPUT} unless the envelope has exactly one signature
   *     and an in-toto payload; {@code SIGNATURE_INVALID} if the signature is not this key's over
   *     the envelope; otherwise as {@link #signArtifact}
   */
  public SigstoreBundle logEnvelope(Envelope envelope) throws SigningException {
    Objects.requireNonNull(envelope, "envelope");
    if (envelope.signatures().size() != 1) {
      throw new SigningException(
          ErrorCode.MALFORMED_INPUT, "/signatures", "a bundle's envelope has exactly one signature");
    }
    if (!envelope.payloadType().equals(SigningSupport.PAYLOAD_TYPE)) {
      throw new SigningException(
          ErrorCode.MALFORMED_INPUT, "/payloadType", "the payload type is not " + SigningSupport.PAYLOAD_TYPE);
    }
    SigningSupport.statement(envelope.payload().toByteArray());
    try {
      SignatureVerifier v = JcaKeys.verifier(publicKey, algorithm);
      v.verify(
          Pae.encode(envelope.payloadType(), envelope.payload()),
          envelope.signatures().get(0).sig().toByteArray());
    } catch (KeyMaterialException | VerificationException e) {
      throw new SigningException(
          ErrorCode.SIGNATURE_INVALID, "/signatures/0", "the envelope is not signed by this key", e);
    }
    return log(envelope);
  }

  private SigstoreBundle log(Envelope envelope) throws SigningException {
    Services services = services();
    Witnessing.Evidence evidence =
        clients.witnessing.witness(
            services, Witnessing.Signed.envelope(envelope, hash(algorithm)), rekorVerifier());
    SigstoreBundle bundle =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(), material(evidence), Optional.empty(), Optional.of(envelope));
    return SigningSupport.checked(verifier(evidence), bundle, Optional.empty());
  }

  private Signer requireSigner() {
    return signer.orElseThrow(
        () -> new IllegalStateException("this bundle signer was built with a public key only"));
  }

  private Services services() throws SigningException {
    if (signingConfig.isEmpty()) {
      return new Services(Optional.empty(), List.of(), List.of());
    }
    return Services.select(signingConfig.get(), clock.instant(), false);
  }

  private VerificationMaterial material(Witnessing.Evidence evidence) {
    return new VerificationMaterial(
        VerificationMaterial.Kind.PUBLIC_KEY,
        Optional.of(key.keyId().value()),
        List.of(),
        evidence.tlogEntries(),
        evidence.rfc3161Timestamps());
  }

  private RekorRequests.Verifier rekorVerifier() {
    return new RekorRequests.Verifier(Bytes.wrap(key.spki()), false, keyDetails(algorithm, key.rsaBits()));
  }

  private SigstoreVerifier.Builder verifier(Witnessing.Evidence evidence) {
    boolean v1Entry = evidence.tlogEntries().stream().anyMatch(e -> e.inclusionPromise().isPresent());
    boolean timestamped = !evidence.rfc3161Timestamps().isEmpty();
    return SigstoreVerifier.newBuilder()
        .trustedRoot(trustedRoot)
        .clock(clock)
        .publicKey(publicKey, algorithm)
        .certificateTransparencyThreshold(0)
        .transparencyLogThreshold(evidence.tlogEntries().isEmpty() ? 0 : 1)
        .timestampThreshold(timestamped ? 1 : 0)
        .observerTimestampThreshold(v1Entry || timestamped ? 1 : 0);
  }

  /** The hash a signature algorithm applies to its message; empty for pure Ed25519. */
  static Optional<DigestAlgorithm> hash(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P384_SHA384:
        return Optional.of(DigestAlgorithm.SHA384);
      case ECDSA_P521_SHA512:
        return Optional.of(DigestAlgorithm.SHA512);
      case ED25519:
        return Optional.empty();
      default:
        return Optional.of(DigestAlgorithm.SHA256);
    }
  }

  /** The protobuf-specs {@code PublicKeyDetails} name of a key and algorithm. */
  static String keyDetails(SignatureAlgorithm algorithm, int rsaBits) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return "PKIX_ECDSA_P256_SHA_256";
      case ECDSA_P384_SHA384:
        return "PKIX_ECDSA_P384_SHA_384";
      case ECDSA_P521_SHA512:
        return "PKIX_ECDSA_P521_SHA_512";
      case ED25519:
        return "PKIX_ED25519";
      case RSA_PSS_SHA256:
        return "PKIX_RSA_PSS_" + rsaBits + "_SHA256";
      default:
        return "PKIX_RSA_PKCS1V15_" + rsaBits + "_SHA256";
    }
  }

  @Override
  public String toString() {
    return "KeyedBundleSigner[" + algorithm + ", keyId=" + key.keyId().value() + "]";
  }

  /** Configures a {@link KeyedBundleSigner}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private Signer signer;
    private PublicKey publicKey;
    private PublicKeyMaterial key;
    private SignatureAlgorithm algorithm;
    private SigningConfig signingConfig;
    private TrustedRoot trustedRoot = TrustedRoot.publicGood();
    private Clock clock = Clock.systemUTC();
    private Duration timeout = SigningSupport.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the signer and its public key.
     *
     * @param signer the signer; its algorithm is used for every signature
     * @param publicKey the signer's public key
     * @return this builder
     * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the public key is not the
     *     signer's or does not fit its algorithm; {@code UNSUPPORTED_FORMAT} for an unsupported key
     */
    public Builder signer(Signer signer, PublicKey publicKey) throws KeyMaterialException {
      Objects.requireNonNull(signer, "signer");
      publicKey(publicKey, signer.algorithm());
      if (!signer.keyId().equals(key.keyId())) {
        throw new KeyMaterialException(
            ErrorCode.CONFIGURATION_ERROR, "", "the public key is not the signer's");
      }
      this.signer = signer;
      return this;
    }

    /**
     * Sets only a public key, for {@link #logEnvelope} of envelopes signed elsewhere.
     *
     * @param publicKey the key that signed them
     * @param algorithm its signature algorithm
     * @return this builder
     * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the algorithm does not fit the
     *     key; {@code UNSUPPORTED_FORMAT} for an unsupported key
     */
    public Builder publicKey(PublicKey publicKey, SignatureAlgorithm algorithm)
        throws KeyMaterialException {
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(algorithm, "algorithm");
      PublicKeyMaterial material = PublicKeyMaterial.fromJca(publicKey);
      if (!material.supports(algorithm)) {
        throw new KeyMaterialException(
            ErrorCode.CONFIGURATION_ERROR, "", algorithm + " does not fit a " + material.kind() + " key");
      }
      this.signer = null;
      this.publicKey = publicKey;
      this.key = material;
      this.algorithm = algorithm;
      return this;
    }

    /**
     * Sets the logs and timestamp authorities to use; without a config bundles carry no witness.
     * Its certificate authorities are ignored.
     *
     * @param config the signing config
     * @return this builder
     */
    public Builder signingConfig(SigningConfig config) {
      this.signingConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the trusted root bundles are verified against before they are returned; it must hold
     * the logs and timestamp authorities of the signing config. Default: {@link
     * TrustedRoot#publicGood()}.
     *
     * @param root the trusted root
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      this.trustedRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets the clock for service validity windows and verification.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the deadline of each request to a service; default 60 seconds.
     *
     * @param timeout the deadline, positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = SigningSupport.positive(timeout);
      return this;
    }

    /**
     * Builds the bundle signer.
     *
     * @return the bundle signer
     * @throws IllegalStateException if neither {@link #signer} nor {@link #publicKey} was called
     */
    public KeyedBundleSigner build() {
      if (key == null) {
        throw new IllegalStateException("set a signer or a public key");
      }
      return new KeyedBundleSigner(this);
    }
  }
}
