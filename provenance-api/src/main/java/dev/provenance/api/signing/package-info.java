/**
 * Signing and signature verification primitives bound to one key and one algorithm: {@link
 * dev.provenance.api.signing.Signer} and {@link dev.provenance.api.signing.SignatureVerifier}, the
 * extension points for HSMs and key management services.
 */
package dev.provenance.api.signing;
