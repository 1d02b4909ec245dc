/**
 * The Provenance core: strict JSON codecs, DSSE signing and verification, key loading, the digest
 * engine, attestation signing and verification, provenance chains and policies.
 */
module dev.provenance.core {
  requires transitive dev.provenance.api;
  requires com.fasterxml.jackson.core;
  requires org.bouncycastle.provider;
  requires static com.google.crypto.tink;

  exports dev.provenance.core.digest;
}
