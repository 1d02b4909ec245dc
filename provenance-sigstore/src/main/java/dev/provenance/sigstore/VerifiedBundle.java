package dev.provenance.sigstore;

import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.signing.SignerIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle that verified: who signed, what, and when according to the transparency logs and
 * timestamp authorities. Only {@link SigstoreVerifier} creates one; no API accepts it as proof.
 *
 * @param bundle the bundle that was verified
 * @param signer the signer: the key id, and for keyless bundles the certificate's subject
 *     alternative name and OIDC issuer
 * @param artifact the digests of the artifact the signature was bound to
 * @param signedTimes the verified signing times (log integration times protected by a signed
 *     entry timestamp, and RFC 3161 times), earliest first; empty for a key-signed bundle verified
 *     without any
 * @param attestation for DSSE bundles, the verified in-toto attestation; empty for message
 *     signatures
 */
public record VerifiedBundle(
    SigstoreBundle bundle,
    SignerIdentity signer,
    DigestSet artifact,
    List<Instant> signedTimes,
    Optional<VerifiedAttestation> attestation) {
  /**
   * Checks that no component is null.
   *
   * @param bundle the {@code bundle} component
   * @param signer the {@code signer} component
   * @param artifact the {@code artifact} component
   * @param signedTimes the {@code signedTimes} component
   * @param attestation the {@code attestation} component
   */
  public VerifiedBundle {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(artifact, "artifact");
    signedTimes = Collections2.listCopy(signedTimes, "signedTimes");
    Objects.requireNonNull(attestation, "attestation");
  }
}
