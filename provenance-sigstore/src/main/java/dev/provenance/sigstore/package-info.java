/**
 * Sigstore: bundles, trusted roots, offline verification, keyless signing and the certificate
 * identity policy ({@link dev.provenance.sigstore.CertificateIdentity}) applied to Fulcio
 * certificates.
 */
package dev.provenance.sigstore;
