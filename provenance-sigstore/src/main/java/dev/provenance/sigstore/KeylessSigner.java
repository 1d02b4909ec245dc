package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.internal.client.RekorRequests;
import dev.provenance.sigstore.internal.client.Services;
import dev.provenance.sigstore.internal.client.Witnessing;
import dev.provenance.sigstore.internal.fulcio.EphemeralKey;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs keylessly with Sigstore: a one-use key, a Fulcio certificate binding it to an OIDC
 * identity, witnesses from Rekor and RFC 3161 timestamp authorities, all packed into a bundle
 * v0.3 (Sigstore client specification, <a
 * href="https://github.com/sigstore/architecture-docs/blob/main/client-spec.md">client-spec.md</a>
 * section 2).
 *
 * <pre>{@code
 * KeylessSigner signer = KeylessSigner.newBuilder()
 *     .signingConfig(SigningConfig.parse(configJson))    // default: Sigstore public good
 *     .trustedRoot(TrustedRoot.parse(rootJson))          // default: Sigstore public good
 *     .build();                                          // thread-safe: build once, share
 * IdentityToken token = IdentityToken.parse(System.getenv("SIGSTORE_ID_TOKEN"));
 * SigstoreBundle bundle = signer.attest(token, statementJson);
 * Files.write(Path.of("app.jar.sigstore.json"), bundle.toJson());
 * }</pre>
 *
 * <p>Each call: checks the token's expiry; selects services from the signing config at the
 * signing time (the highest API version offered per kind, the config's selectors, one service per
 * operator); generates an ECDSA P-256 key; asks Fulcio for a certificate, proving possession by
 * signing the token's challenge; signs; has the signature timestamped and logged (Rekor v1: {@code
 * hashedrekord} 0.0.1 or {@code dsse} 0.0.1; Rekor v2: {@code hashedrekord} 0.0.2, over the PAE
 * for DSSE); assembles the bundle with the leaf certificate only; and finally verifies the bundle
 * against the trusted root with the certificate's own identity, so that nothing a service
 * returned is passed on unchecked. The key is dropped when the call returns.
 *
 * <p>The identity token is a credential: it is sent only to the certificate authority, over https
 * (or http to a loopback address), and never appears in an exception or a log line.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KeylessSigner {
  private final SigningConfig signingConfig;
  private final TrustedRoot trustedRoot;
  private final Clock clock;
  private final SigningSupport.Clients clients;

  private KeylessSigner(Builder b) {
    this.signingConfig = b.signingConfig;
    this.trustedRoot = b.trustedRoot;
    this.clock = b.clock;
    this.clients = new SigningSupport.Clients(b.timeout);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with the public-good signing config and trusted root
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Signs an artifact: a message signature bundle over its SHA-256 digest.
   *
   * @param token the identity token
   * @param artifact the artifact bytes
   * @return the bundle
   * @throws SigningException {@code TIME_INVALID} for an expired token; {@code
   *     CONFIGURATION_ERROR} for a signing config without usable services; {@code SERVICE_ERROR}
   *     when a service fails or refuses; {@code MALFORMED_INPUT}, {@code BINDING_MISMATCH} or a
   *     verification code when a service's answer is wrong or does not verify against the trusted
   *     root
   */
  public SigstoreBundle signArtifact(IdentityToken token, byte[] artifact) throws SigningException {
    Objects.requireNonNull(artifact, "artifact");
    return signDigest(token, Witnessing.hash(DigestAlgorithm.SHA256, artifact));
  }

  /**
   * Signs an artifact given by its SHA-256 digest, for artifacts hashed as streams.
   *
   * @param token the identity token
   * @param digest the artifact's digests; must include {@code sha256}
   * @return the bundle
   * @throws SigningException as {@link #signArtifact}; {@code MALFORMED_INPUT} without a {@code
   *     sha256} digest
   */
  public SigstoreBundle signArtifactDigest(IdentityToken token, DigestSet digest)
      throws SigningException {
    Objects.requireNonNull(digest, "digest");
    Optional<String> sha256 = digest.get(DigestAlgorithm.SHA256);
    if (sha256.isEmpty()) {
      throw new SigningException(ErrorCode.MALFORMED_INPUT, "", "a sha256 digest is required");
    }
    return signDigest(token, Hex.decode(sha256.get()));
  }

  private SigstoreBundle signDigest(IdentityToken token, byte[] sha256) throws SigningException {
    Objects.requireNonNull(token, "token");
    Certified c = certify(token);
    Bytes signature = c.key.signDigest(sha256);
    Witnessing.Evidence evidence =
        clients.witnessing.witness(
            c.services,
            Witnessing.Signed.message(DigestAlgorithm.SHA256, Bytes.wrap(sha256), signature),
            c.verifier());
    DigestSet digest = DigestSet.of(DigestAlgorithm.SHA256, Hex.encode(sha256));
    SigstoreBundle bundle =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(),
            c.material(evidence),
            Optional.of(new MessageSignature(Optional.of(digest), signature)),
            Optional.empty());
    return SigningSupport.checked(c.verifier(trustedRoot, clock, evidence), bundle, Optional.of(Artifact.ofDigest(digest)));
  }

  /**
   * Signs an in-toto statement: a DSSE bundle with payload type {@code application/vnd.in-toto+json}
   * whose payload is exactly these bytes.
   *
   * @param token the identity token
   * @param statementJson the statement JSON
   * @return the bundle
   * @throws SigningException as {@link #signArtifact}; {@code MALFORMED_INPUT} if the bytes are not
   *     an in-toto statement
   */
  public SigstoreBundle attest(IdentityToken token, byte[] statementJson) throws SigningException {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(statementJson, "statementJson");
    Bytes payload = SigningSupport.statement(statementJson);
    Certified c = certify(token);
    Bytes signature = c.key.sign(Pae.encode(SigningSupport.PAYLOAD_TYPE, payload));
    Envelope envelope =
        new Envelope(SigningSupport.PAYLOAD_TYPE, payload, List.of(EnvelopeSignature.of(signature)));
    Witnessing.Evidence evidence =
        clients.witnessing.witness(
            c.services,
            Witnessing.Signed.envelope(envelope, Optional.of(DigestAlgorithm.SHA256)),
            c.verifier());
    SigstoreBundle bundle =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(), c.material(evidence), Optional.empty(), Optional.of(envelope));
    return SigningSupport.checked(c.verifier(trustedRoot, clock, evidence), bundle, Optional.empty());
  }

  /**
   * Signs an in-toto statement, serialized with {@link JsonCodec#standard()}.
   *
   * @param token the identity token
   * @param statement the statement
   * @return the bundle
   * @throws SigningException as {@link #attest(IdentityToken, byte[])}
   */
  public SigstoreBundle attest(IdentityToken token, Statement statement) throws SigningException {
    Objects.requireNonNull(statement, "statement");
    return attest(token, JsonCodec.standard().writeStatement(statement));
  }

  /** The services, key and certificate of one signing operation. */
  private static final class Certified {
    final Services services;
    final EphemeralKey key;
    final Bytes leaf;
    final CertificateIdentity identity;

    Certified(Services services, EphemeralKey key, Bytes leaf, CertificateIdentity identity) {
      this.services = services;
      this.key = key;
      this.leaf = leaf;
      this.identity = identity;
    }

    RekorRequests.Verifier verifier() {
      return new RekorRequests.Verifier(leaf, true, "PKIX_ECDSA_P256_SHA_256");
    }

    VerificationMaterial material(Witnessing.Evidence evidence) {
      return new VerificationMaterial(
          VerificationMaterial.Kind.CERTIFICATE,
          Optional.empty(),
          List.of(leaf),
          evidence.tlogEntries(),
          evidence.rfc3161Timestamps());
    }

    SigstoreVerifier.Builder verifier(TrustedRoot root, Clock clock, Witnessing.Evidence evidence) {
      return SigstoreVerifier.newBuilder()
          .trustedRoot(root)
          .clock(clock)
          .addCertificateIdentity(identity)
          .transparencyLogThreshold(evidence.tlogEntries().isEmpty() ? 0 : 1)
          .timestampThreshold(evidence.rfc3161Timestamps().isEmpty() ? 0 : 1);
    }
  }

  private Certified certify(IdentityToken token) throws SigningException {
    Instant now = clock.instant();
    token.checkUsableAt(now);
    Services services = Services.select(signingConfig, now, true);
    EphemeralKey key = EphemeralKey.generate(clients.random);
    List<Bytes> chain =
        clients.fulcio.signingCertificate(
            services.ca().orElseThrow().url(), token.value(), token.challenge(), key);
    Bytes leaf = chain.get(0);
    return new Certified(services, key, leaf, identityOf(leaf));
  }

  /** The identity Fulcio wrote into the certificate: its one SAN and its issuer. */
  private static CertificateIdentity identityOf(Bytes leaf) throws SigningException {
    X509Certificate cert;
    try {
      cert = CertificatePaths.parse(leaf.toByteArray());
    } catch (VerificationException e) {
      throw new SigningException(e.code(), "certificate", "Fulcio certificate: " + e.getMessage(), e);
    }
    Optional<String> san = CertificateIdentity.subjectAlternativeName(cert);
    Optional<String> issuer = CertificateIdentity.issuer(cert);
    if (san.isEmpty() || issuer.isEmpty()) {
      throw new SigningException(
          ErrorCode.MALFORMED_INPUT,
          "certificate",
          "the Fulcio certificate names no single identity and OIDC issuer");
    }
    return CertificateIdentity.newBuilder()
        .subjectAlternativeName(san.get())
        .issuer(issuer.get())
        .build();
  }

  @Override
  public String toString() {
    return "KeylessSigner[" + signingConfig.caUrls().size() + " CAs, "
        + signingConfig.rekorTlogUrls().size() + " logs, " + signingConfig.tsaUrls().size() + " TSAs]";
  }

  /** Configures a {@link KeylessSigner}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private SigningConfig signingConfig = SigningSupport.publicGoodSigningConfig();
    private TrustedRoot trustedRoot = TrustedRoot.publicGood();
    private Clock clock = Clock.systemUTC();
    private Duration timeout = SigningSupport.DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Sets where the certificate authority, logs and timestamp authorities are; the default is the
     * Sigstore public-good signing config shipped in this jar.
     *
     * @param config the signing config
     * @return this builder
     */
    public Builder signingConfig(SigningConfig config) {
      this.signingConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the trusted root every bundle is verified against before it is returned; the default
     * is {@link TrustedRoot#publicGood()}. It must hold the CA, CT logs, logs and timestamp
     * authorities of the signing config.
     *
     * @param root the trusted root
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      this.trustedRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Sets the clock for token expiry, service validity windows and verification.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the deadline of each request to a service (connect, send, answer); default 60 seconds.
     *
     * @param timeout the deadline, positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = SigningSupport.positive(timeout);
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     */
    public KeylessSigner build() {
      return new KeylessSigner(this);
    }
  }
}
