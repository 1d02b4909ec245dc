/**
 * Legacy in-toto support for layouts and links: securesystemslib JSON keys and their in-toto key
 * ids ({@link dev.provenance.core.intoto.InTotoKeys}) and signature verification of {@code
 * {"signed", "signatures"}} metablocks over OLPC canonical JSON ({@link
 * dev.provenance.core.intoto.Metablock}). DSSE-wrapped layouts and links verify with {@link
 * dev.provenance.core.dsse.DsseVerifier}, trusting each {@link
 * dev.provenance.core.intoto.InTotoKey#verifier()} under its in-toto key id as hint.
 */
package dev.provenance.core.intoto;
