/**
 * The in-toto Attestation Framework v1: {@link dev.provenance.api.attestation.Statement}, {@link
 * dev.provenance.api.attestation.ResourceDescriptor}, predicates and the verification result
 * {@link dev.provenance.api.attestation.VerifiedAttestation} (<a
 * href="https://github.com/in-toto/attestation/tree/main/spec/v1">spec</a>).
 */
package dev.provenance.api.attestation;
