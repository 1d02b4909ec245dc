/**
 * Dead Simple Signing Envelope v1 values (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/envelope.md">spec</a>): {@link
 * dev.provenance.api.dsse.Envelope} and the verification result {@link
 * dev.provenance.api.dsse.VerifiedEnvelope}.
 */
package dev.provenance.api.dsse;
