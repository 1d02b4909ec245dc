package dev.provenance.core.chain;

import java.util.Objects;

/**
 * A functionary identified by a Sigstore keyless identity: the certificate's subject alternative
 * name and OIDC issuer, compared for exact equality with the {@code certificateIdentity} and
 * {@code certificateIssuer} of a verified signer. Attestations signed this way are verified by the
 * {@link ChainEnvelopeVerifier} given to {@link ChainVerifier.Builder#envelopeVerifier}, for
 * example the one of the Sigstore module; a policy naming a Sigstore functionary cannot be used
 * without one.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the id steps use to name this functionary
 * @param identity the exact certificate identity (SAN)
 * @param issuer the exact OIDC issuer
 */
public record SigstoreFunctionary(String id, String identity, String issuer)
    implements Functionary {
  /**
   * Checks every component.
   *
   * @param id the {@code id} component
   * @param identity the {@code identity} component
   * @param issuer the {@code issuer} component
   * @throws IllegalArgumentException if any is empty: an unconstrained identity is refused
   */
  public SigstoreFunctionary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(issuer, "issuer");
    if (id.isEmpty() || identity.isEmpty() || issuer.isEmpty()) {
      throw new IllegalArgumentException("a Sigstore functionary needs an id, identity and issuer");
    }
  }
}
