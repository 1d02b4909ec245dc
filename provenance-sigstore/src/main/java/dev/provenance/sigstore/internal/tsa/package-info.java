/**
 * RFC 3161 time-stamp verification: CMS signature, ESS signing-certificate binding, trusted
 * time-stamping authority chains and the message imprint over the signature bytes.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.tsa;
