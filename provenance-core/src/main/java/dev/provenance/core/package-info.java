/**
 * Attestation signing and verification, the entry points of the SDK: {@link
 * dev.provenance.core.AttestationSigner} signs in-toto Statements into DSSE envelopes and {@link
 * dev.provenance.core.AttestationVerifier} verifies them against trusted keys, an artifact and
 * policies.
 */
package dev.provenance.core;
