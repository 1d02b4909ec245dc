package dev.provenance.sigstore;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.sigstore.internal.verify.BundleVerification;
import dev.provenance.sigstore.internal.verify.JcaPublicKeys;
import dev.provenance.sigstore.internal.verify.Settings;
import dev.provenance.sigstore.internal.verify.TrustMaterial;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Sigstore bundles offline against a trusted root, following the Sigstore client
 * specification section 4 (https://github.com/sigstore/architecture-docs, {@code client-spec.md}).
 *
 * <pre>{@code
 * SigstoreVerifier verifier = SigstoreVerifier.newBuilder()
 *     .trustedRoot(TrustedRoot.publicGood())
 *     .addCertificateIdentity(CertificateIdentity.newBuilder()
 *         .subjectAlternativeName("https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1")
 *         .issuer("https://token.actions.githubusercontent.com")
 *         .build())
 *     .build();                                  // immutable and thread-safe: build once, share
 * VerifiedBundle ok = verifier.verify(bundleJson, Artifact.ofBytes(artifactBytes));
 * VerifiedAttestation att = verifier.verifyAttestation(dsseBundleJson, artifactDigest);
 * }</pre>
 *
 * <p>What is checked, failing closed at the first failure: the bundle structure and version; the
 * signature over the artifact (or the DSSE envelope's PAE); every transparency log entry, bound
 * byte for byte to this signature, signer and artifact, with its signed entry timestamp, inclusion
 * proof and checkpoint; every RFC 3161 timestamp over the signature; the thresholds; the Fulcio
 * certificate path at every signed time (never the wall clock) and its SCTs; the certificate
 * identity; for DSSE bundles the in-toto statement, that the artifact is one of its subjects, and
 * the attestation policies. See {@code docs/verification-semantics.md} for the choices where the
 * specifications leave room.
 *
 * <p>Instances are immutable and thread-safe. Verification makes no network call.
 */
public final class SigstoreVerifier {
  private final BundleVerification engine;

  private SigstoreVerifier(Settings settings) {
    this.engine = new BundleVerification(settings);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with the public-good trusted root and the default thresholds
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Verifies a bundle against an artifact.
   *
   * @param bundleJson the bundle JSON
   * @param artifact the artifact's bytes or digest
   * @return the verified bundle
   * @throws VerificationException on any failure; codes include {@code MALFORMED_INPUT}, {@code
   *     UNSUPPORTED_FORMAT}, {@code RESOURCE_LIMIT_EXCEEDED}, {@code SIGNATURE_INVALID}, {@code
   *     BINDING_MISMATCH}, {@code UNTRUSTED_ANCHOR}, {@code TIME_INVALID}, {@code
   *     TRANSPARENCY_LOG_INVALID}, {@code THRESHOLD_NOT_MET} and {@code POLICY_MISMATCH}
   */
  public VerifiedBundle verify(byte[] bundleJson, Artifact artifact) throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    return engine.verify(parse(bundleJson), Optional.of(artifact));
  }

  /**
   * Verifies a parsed bundle against an artifact.
   *
   * @param bundle the bundle
   * @param artifact the artifact's bytes or digest
   * @return the verified bundle
   * @throws VerificationException as {@link #verify(byte[], Artifact)}
   */
  public VerifiedBundle verify(SigstoreBundle bundle, Artifact artifact)
      throws VerificationException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(artifact, "artifact");
    return engine.verify(bundle, Optional.of(artifact));
  }

  /**
   * Verifies a DSSE bundle and returns its attestation, whose subjects must include the artifact.
   *
   * @param bundleJson the bundle JSON
   * @param artifact the artifact's digests
   * @return the verified attestation; its signer carries the certificate identity for keyless
   *     bundles
   * @throws VerificationException as {@link #verify(byte[], Artifact)}; {@code UNSUPPORTED_FORMAT}
   *     for a message signature bundle
   */
  public VerifiedAttestation verifyAttestation(byte[] bundleJson, DigestSet artifact)
      throws VerificationException {
    return verifyAttestation(parse(bundleJson), artifact);
  }

  /**
   * Verifies a parsed DSSE bundle and returns its attestation, whose subjects must include the
   * artifact.
   *
   * @param bundle the bundle
   * @param artifact the artifact's digests
   * @return the verified attestation
   * @throws VerificationException as {@link #verifyAttestation(byte[], DigestSet)}
   */
  public VerifiedAttestation verifyAttestation(SigstoreBundle bundle, DigestSet artifact)
      throws VerificationException {
    Objects.requireNonNull(artifact, "artifact");
    return attestation(bundle, Optional.of(Artifact.ofDigest(artifact)));
  }

  /**
   * Verifies a DSSE bundle without an artifact: every subject is returned as matched. Use it where
   * subjects are checked later, for example when walking a provenance chain.
   *
   * @param bundleJson the bundle JSON
   * @return the verified attestation
   * @throws VerificationException as {@link #verifyAttestation(byte[], DigestSet)}
   */
  public VerifiedAttestation verifyAttestation(byte[] bundleJson) throws VerificationException {
    return attestation(parse(bundleJson), Optional.empty());
  }

  private VerifiedAttestation attestation(SigstoreBundle bundle, Optional<Artifact> artifact)
      throws VerificationException {
    Objects.requireNonNull(bundle, "bundle");
    if (bundle.dsseEnvelope().isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, "/messageSignature", "not a DSSE bundle");
    }
    return engine.verify(bundle, artifact).attestation().orElseThrow();
  }

  private static SigstoreBundle parse(byte[] bundleJson) throws VerificationException {
    Objects.requireNonNull(bundleJson, "bundleJson");
    try {
      return SigstoreBundle.parse(bundleJson);
    } catch (MalformedInputException e) {
      throw new VerificationException(e.code(), e.location().orElse(""), e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SigstoreVerifier";
  }

  /** Configures a {@link SigstoreVerifier}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private TrustedRoot trustedRoot = TrustedRoot.publicGood();
    private final List<CertificateIdentity> identities = new ArrayList<>();
    private PublicKey key;
    private String keyPem;
    private SignatureAlgorithm keyAlgorithm;
    private int tlogThreshold = 1;
    private int ctThreshold = 1;
    private int timestampThreshold = 0;
    private int observerThreshold = 1;
    private boolean allowV01SetOnly;
    private boolean allowRekorV2DsseEntries;
    private BundleVersion minimumVersion = BundleVersion.V0_1;
    private Duration clockSkew = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private Set<DigestAlgorithm> acceptableDigests = DigestAlgorithm.defaultAcceptable();
    private final List<Policy> policies = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the trusted root; the default is {@link TrustedRoot#publicGood()}.
     *
     * @param root the root
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      this.trustedRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Accepts keyless bundles whose certificate matches an identity; with several identities any
     * one must match.
     *
     * @param identity the identity
     * @return this builder
     */
    public Builder addCertificateIdentity(CertificateIdentity identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /**
     * Accepts bundles signed with a key (a bundle's {@code publicKey} hint names it, but never
     * selects it). EC and Ed25519 keys fix their algorithm.
     *
     * @param publicKey the key
     * @return this builder
     */
    public Builder publicKey(PublicKey publicKey) {
      this.key = Objects.requireNonNull(publicKey, "publicKey");
      this.keyPem = null;
      return this;
    }

    /**
     * Accepts bundles signed with a key, with the algorithm stated (required for RSA keys).
     *
     * @param publicKey the key
     * @param algorithm the algorithm; must fit the key
     * @return this builder
     */
    public Builder publicKey(PublicKey publicKey, SignatureAlgorithm algorithm) {
      publicKey(publicKey);
      this.keyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Accepts bundles signed with a key given as a PEM {@code PUBLIC KEY} block; it is read when
     * the verifier is built.
     *
     * @param pem the PEM text
     * @return this builder
     */
    public Builder publicKeyPem(String pem) {
      this.keyPem = Objects.requireNonNull(pem, "pem");
      this.key = null;
      return this;
    }

    /**
     * Sets how many distinct transparency log operators must have logged the signature; default
     * 1. Zero accepts bundles without log entries (timestamp-only, such as GitHub's private
     * instance) as long as enough timestamps verify.
     *
     * @param threshold the number, at least 0
     * @return this builder
     */
    public Builder transparencyLogThreshold(int threshold) {
      this.tlogThreshold = nonNegative(threshold);
      return this;
    }

    /**
     * Sets how many distinct CT log operators must have signed an embedded SCT in a keyless
     * certificate; default 1.
     *
     * @param threshold the number, at least 0
     * @return this builder
     */
    public Builder certificateTransparencyThreshold(int threshold) {
      this.ctThreshold = nonNegative(threshold);
      return this;
    }

    /**
     * Sets how many distinct timestamp authorities must have time-stamped the signature; default
     * 0.
     *
     * @param threshold the number, at least 0
     * @return this builder
     */
    public Builder timestampThreshold(int threshold) {
      this.timestampThreshold = nonNegative(threshold);
      return this;
    }

    /**
     * Sets how many distinct observers of the signing time are required: logs whose signed entry
     * timestamp verified plus timestamp authorities; default 1. Keyless verification needs at
     * least 1: certificates are checked at signed times, never at the wall clock.
     *
     * @param threshold the number, at least 0
     * @return this builder
     */
    public Builder observerTimestampThreshold(int threshold) {
      this.observerThreshold = nonNegative(threshold);
      return this;
    }

    /**
     * Accepts v0.1 bundles whose log entries carry only a signed entry timestamp, no inclusion
     * proof (older npm attestations); off by default. The promise must still verify.
     *
     * @param allow whether to accept them
     * @return this builder
     */
    public Builder allowV01PromiseOnlyBundles(boolean allow) {
      this.allowV01SetOnly = allow;
      return this;
    }

    /**
     * Accepts DSSE bundles whose Rekor v2 entry is the early {@code dsse} 0.0.2 type; off by
     * default. Rekor v2 logs DSSE envelopes as {@code hashedrekord} 0.0.2 over the envelope's PAE
     * and no longer takes {@code dsse} 0.0.2 entries, but clients released before that change
     * (sigstore-js 4, sigstore-java 2.0) still write them to private and staging logs. When on,
     * such an entry is bound to the bundle as strictly as every other kind: the logged payload
     * digest, the one signature and its verifier must be the bundle's, and like every Rekor v2
     * entry it needs an inclusion proof, a checkpoint and an RFC 3161 timestamp.
     *
     * @param allow whether to accept them
     * @return this builder
     */
    public Builder allowRekorV2DsseEntries(boolean allow) {
      this.allowRekorV2DsseEntries = allow;
      return this;
    }

    /**
     * Sets the oldest bundle version accepted; default {@link BundleVersion#V0_1}.
     *
     * @param version the version
     * @return this builder
     */
    public Builder minimumBundleVersion(BundleVersion version) {
      this.minimumVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets how far in the future of the clock a signed time may lie; default 60 seconds.
     *
     * @param skew the tolerance, not negative
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative()) {
        throw new IllegalArgumentException("negative clock skew");
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * Sets the clock; it is used only to reject signed times in the future.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the digest algorithms that may bind an artifact to a statement subject; default {@link
     * DigestAlgorithm#defaultAcceptable()}.
     *
     * @param algorithms the algorithms
     * @return this builder
     */
    public Builder acceptableDigests(Set<DigestAlgorithm> algorithms) {
      this.acceptableDigests = Set.copyOf(algorithms);
      return this;
    }

    /**
     * Adds a policy every verified DSSE attestation must meet.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder addPolicy(Policy policy) {
      policies.add(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Builds the verifier, compiling the trusted root once.
     *
     * @return the verifier
     * @throws VerificationException {@code CONFIGURATION_ERROR} if neither an identity nor a key is
     *     trusted, if keyless verification would need no signed time, if the key is unusable, or if
     *     the trusted root holds a certificate or key that does not parse
     */
    public SigstoreVerifier build() throws VerificationException {
      Optional<Settings.ManagedKey> managed = managedKey();
      if (identities.isEmpty() && managed.isEmpty()) {
        throw configuration(
            "trust at least one certificate identity or a public key: an unconstrained verifier"
                + " would accept any signer");
      }
      if (!identities.isEmpty() && observerThreshold < 1) {
        throw configuration(
            "keyless verification needs at least one signed time (observer threshold >= 1)");
      }
      TrustMaterial trust;
      try {
        trust = TrustMaterial.compile(trustedRoot);
      } catch (MalformedInputException e) {
        throw new VerificationException(
            ErrorCode.CONFIGURATION_ERROR,
            e.location().orElse(""),
            "trusted root unusable: " + e.getMessage(),
            e);
      }
      return new SigstoreVerifier(
          new Settings(
              trust,
              identities,
              managed,
              tlogThreshold,
              ctThreshold,
              timestampThreshold,
              observerThreshold,
              allowV01SetOnly,
              allowRekorV2DsseEntries,
              minimumVersion,
              clockSkew,
              clock,
              acceptableDigests,
              policies));
    }

    private Optional<Settings.ManagedKey> managedKey() throws VerificationException {
      if (key == null && keyPem == null) {
        return Optional.empty();
      }
      try {
        PublicKeyMaterial material;
        PublicKey publicKey;
        if (keyPem != null) {
          Pem.Block block = Pem.parseSingle(keyPem);
          if (!block.label().equals("PUBLIC KEY")) {
            throw configuration("expected a PUBLIC KEY block, found " + block.label());
          }
          material = PublicKeyMaterial.parseSpki(block.der(), "key");
          publicKey = jca(material);
        } else {
          material = PublicKeyMaterial.fromJca(key);
          publicKey = key;
        }
        SignatureAlgorithm algorithm =
            Primitives.resolve(material, Optional.ofNullable(keyAlgorithm));
        return Optional.of(
            new Settings.ManagedKey(
                publicKey, Primitives.verifier(material, algorithm), algorithm, material.keyId()));
      } catch (KeyMaterialException e) {
        throw new VerificationException(
            ErrorCode.CONFIGURATION_ERROR, "key", "unusable public key: " + e.getMessage(), e);
      }
    }

    private static PublicKey jca(PublicKeyMaterial material) throws VerificationException {
      try {
        return JcaPublicKeys.of(material);
      } catch (GeneralSecurityException e) {
        throw configuration("unusable public key");
      }
    }

    private static VerificationException configuration(String message) {
      return new VerificationException(ErrorCode.CONFIGURATION_ERROR, "", message);
    }

    private static int nonNegative(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("threshold must not be negative");
      }
      return n;
    }
  }
}
