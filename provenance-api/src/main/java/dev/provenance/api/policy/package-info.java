/**
 * Policies over verified attestations: pure functions from a {@link
 * dev.provenance.api.attestation.VerifiedAttestation} to findings.
 */
package dev.provenance.api.policy;
