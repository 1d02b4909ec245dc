/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and inclusion proof verification for transparency logs.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.merkle;
