package dev.provenance.sigstore.internal.verify;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.CertificateIdentity;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a built verifier decided: trust, who may sign, thresholds and options. Immutable.
 *
 * @param trust the compiled trusted root
 * @param identities accepted certificate identities (keyless); any one must match
 * @param key the managed key (key-signed bundles)
 * @param tlogThreshold distinct transparency log operators required
 * @param ctThreshold distinct CT log operators with valid SCTs required (keyless)
 * @param timestampThreshold distinct timestamp authority operators required
 * @param observerThreshold distinct observers (logs with a verified SET, TSAs) of the signing
 *     time required
 * @param allowV01SetOnly whether v0.1 bundles may carry a SET without an inclusion proof
 * @param allowRekorV2DsseEntries whether DSSE bundles may be logged as Rekor v2 {@code dsse} 0.0.2
 * @param minimumVersion the oldest bundle version accepted
 * @param clockSkew how far in the future a signed time may lie
 * @param clock the verifier's clock
 * @param acceptableDigests digest algorithms that may bind an artifact to a statement subject
 * @param policies attestation policies for DSSE bundles
 */
public record Settings(
    TrustMaterial trust,
    List<CertificateIdentity> identities,
    Optional<ManagedKey> key,
    int tlogThreshold,
    int ctThreshold,
    int timestampThreshold,
    int observerThreshold,
    boolean allowV01SetOnly,
    boolean allowRekorV2DsseEntries,
    BundleVersion minimumVersion,
    Duration clockSkew,
    Clock clock,
    Set<DigestAlgorithm> acceptableDigests,
    List<Policy> policies) {
  /**
   * Copies the lists.
   *
   * @param trust the {@code trust} component
   * @param identities the {@code identities} component
   * @param key the {@code key} component
   * @param tlogThreshold the {@code tlogThreshold} component
   * @param ctThreshold the {@code ctThreshold} component
   * @param timestampThreshold the {@code timestampThreshold} component
   * @param observerThreshold the {@code observerThreshold} component
   * @param allowV01SetOnly the {@code allowV01SetOnly} component
   * @param allowRekorV2DsseEntries the {@code allowRekorV2DsseEntries} component
   * @param minimumVersion the {@code minimumVersion} component
   * @param clockSkew the {@code clockSkew} component
   * @param clock the {@code clock} component
   * @param acceptableDigests the {@code acceptableDigests} component
   * @param policies the {@code policies} component
   */
  public Settings {
    Objects.requireNonNull(trust, "trust");
    identities = List.copyOf(identities);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(minimumVersion, "minimumVersion");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(clock, "clock");
    acceptableDigests = Set.copyOf(acceptableDigests);
    policies = List.copyOf(policies);
  }

  /**
   * A key the caller trusts for key-signed bundles.
   *
   * @param publicKey the key
   * @param verifier its verifier, bound to {@code algorithm}
   * @param algorithm the signature algorithm
   * @param keyId the canonical key id
   */
  public record ManagedKey(
      PublicKey publicKey, SignatureVerifier verifier, SignatureAlgorithm algorithm, KeyId keyId) {
    /**
     * Checks that no component is null.
     *
     * @param publicKey the {@code publicKey} component
     * @param verifier the {@code verifier} component
     * @param algorithm the {@code algorithm} component
     * @param keyId the {@code keyId} component
     */
    public ManagedKey {
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(keyId, "keyId");
    }
  }
}
