/**
 * The offline Sigstore verification engine: the trusted root compiled into keys and chains, and
 * the steps that bind a bundle's signature, log entries, timestamps and certificate together.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.verify;
