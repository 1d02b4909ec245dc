/**
 * Ready-made policies over verified attestations: {@link dev.provenance.core.policy.SlsaPolicy}
 * for SLSA Provenance v1 expectations and the {@link dev.provenance.core.policy.Policies}
 * combinators.
 */
package dev.provenance.core.policy;
