/**
 * HTTP clients for the Sigstore services a signer uses, over {@code java.net.http} only: Fulcio
 * v2 ({@code signingCert}), Rekor v1 and v2 entry upload, and RFC 3161 timestamp authorities.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.client;
