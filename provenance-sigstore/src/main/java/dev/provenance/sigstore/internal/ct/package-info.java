/**
 * Certificate Transparency (RFC 6962): verification of the signed certificate timestamps embedded
 * in Fulcio certificates.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.ct;
