package dev.provenance.sigstore.internal.rekor;

import dev.provenance.api.Bytes;
import dev.provenance.sigstore.Artifact;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.signing.KeyId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a log entry body must say to be about this bundle: the signature, the signer's key or
 * certificate, and the artifact (message signatures) or envelope (DSSE).
 *
 * @param signature the bundle's signature bytes
 * @param certificate the signer's DER leaf certificate for keyless bundles; empty for keys
 * @param signerKeyId the canonical id of the signer's public key
 * @param artifact the artifact, for message signatures; its digest is computed in whatever
 *     algorithm the log entry names
 * @param envelope the DSSE envelope, for DSSE bundles
 */
public record EntryExpectation(
    Bytes signature,
    Optional<Bytes> certificate,
    KeyId signerKeyId,
    Optional<Artifact> artifact,
    Optional<Envelope> envelope) {
  /**
   * Checks the components.
   *
   * @param signature the {@code signature} component
   * @param certificate the {@code certificate} component
   * @param signerKeyId the {@code signerKeyId} component
   * @param artifact the {@code artifact} component
   * @param envelope the {@code envelope} component
   */
  public EntryExpectation {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(signerKeyId, "signerKeyId");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(envelope, "envelope");
    if (artifact.isPresent() == envelope.isPresent()) {
      throw new IllegalArgumentException("exactly one of artifact and envelope");
    }
  }
}
