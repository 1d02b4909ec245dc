/**
 * Key parsing, signature encodings and the signer and verifier implementations behind {@code
 * dev.provenance.core.keys}. Not API; may change without notice.
 */
package dev.provenance.core.internal.crypto;
