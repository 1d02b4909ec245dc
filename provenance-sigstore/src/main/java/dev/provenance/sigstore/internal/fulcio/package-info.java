/**
 * Fulcio certificate requests for keyless signing: the one-use key pair, the proof of possession
 * over the identity token's challenge, and the checks on the certificate chain Fulcio returns.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.fulcio;
