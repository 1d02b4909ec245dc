/**
 * Sigstore trust configuration: the trusted root (transparency logs, certificate authorities, CT
 * logs, timestamp authorities, each with its validity window) and the signing config.
 *
 * <p>{@link dev.provenance.sigstore.trust.TrustedRoot#publicGood()} is the Sigstore public-good
 * root shipped inside the jar; nothing here makes a network call.
 */
package dev.provenance.sigstore.trust;
