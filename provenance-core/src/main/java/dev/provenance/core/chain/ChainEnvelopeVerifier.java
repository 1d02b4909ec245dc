package dev.provenance.core.chain;

import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.VerifiedEnvelope;

/**
 * Verifies stored attestations that are neither bare DSSE envelopes nor legacy in-toto
 * metablocks, such as Sigstore bundles, so that keyless attestations can join a chain. The Sigstore
 * module implements it; a chain policy with {@link SigstoreFunctionary} entries needs one.
 *
 * <p>The returned envelope's signers must carry the verified certificate identity and issuer
 * ({@link dev.provenance.api.signing.SignerIdentity#ofCertificate}); the chain verifier matches
 * them against the policy's Sigstore functionaries with exact equality. Everything a Sigstore
 * verifier checks (certificate chain at the signed time, transparency log, timestamps) happens
 * inside {@link #verify}; the chain verifier trusts nothing it returns but the identities it then
 * matches against the policy.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ChainEnvelopeVerifier {
  /**
   * Verifies one stored attestation.
   *
   * @param stored the stored bytes, for example one line of a {@code .jsonl} file holding a
   *     Sigstore bundle
   * @return the verified envelope: exactly the verified payload and its signers
   * @throws VerificationException if the attestation does not verify
   */
  VerifiedEnvelope verify(byte[] stored) throws VerificationException;
}
