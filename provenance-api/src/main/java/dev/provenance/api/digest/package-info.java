/**
 * Digest algorithm names and {@link dev.provenance.api.digest.DigestSet}, the in-toto map from
 * algorithm to digest value (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/digest_set.md">DigestSet</a>).
 */
package dev.provenance.api.digest;
