/**
 * SLSA Provenance v1 and Verification Summary Attestation v1 predicates (<a
 * href="https://slsa.dev/spec/v1.0/provenance">provenance</a>, <a
 * href="https://slsa.dev/spec/v1.0/verification_summary">VSA</a>).
 */
package dev.provenance.api.slsa;
