/**
 * Signing and verifying DSSE envelopes (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">DSSE v1</a>): {@link
 * dev.provenance.core.dsse.DsseSigner} and {@link dev.provenance.core.dsse.DsseVerifier}.
 */
package dev.provenance.core.dsse;
