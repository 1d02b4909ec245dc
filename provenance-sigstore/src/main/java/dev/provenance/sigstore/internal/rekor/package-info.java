/**
 * Rekor transparency log entries: signed entry timestamps (inclusion promises), and the binding
 * of a canonicalized entry body to the bundle's signature, key and artifact.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.rekor;
