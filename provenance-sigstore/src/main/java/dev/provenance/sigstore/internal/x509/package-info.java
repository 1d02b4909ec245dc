/**
 * X.509 for Sigstore: strict certificate parsing, RFC 5280 path validation at signed times (the
 * hybrid model of the Sigstore client specification), certificate signature checks, and the
 * linear-time regular expressions used by identity policies.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.x509;
