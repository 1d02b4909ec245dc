package dev.provenance.core.chain;

/**
 * Someone a chain policy trusts to sign a step's attestations: a public key ({@link
 * KeyFunctionary}) or a Sigstore keyless identity ({@link SigstoreFunctionary}). Each has an id by
 * which steps refer to it.
 *
 * <p>Implementations are immutable values.
 */
public sealed interface Functionary permits KeyFunctionary, SigstoreFunctionary {
  /**
   * Returns the id steps use to name this functionary.
   *
   * @return the id, unique within a policy
   */
  String id();
}
