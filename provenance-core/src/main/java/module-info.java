/**
 * The Provenance core: strict JSON codecs, DSSE signing and verification, key loading, the digest
 * engine, attestation signing and verification, provenance chains and policies.
 */
module dev.provenance.core {
  requires transitive dev.provenance.api;
  requires com.fasterxml.jackson.core;
  requires org.bouncycastle.provider;
  requires static com.google.crypto.tink;

  exports dev.provenance.core.json;
  exports dev.provenance.core.internal.json to
      dev.provenance.sigstore;
  exports dev.provenance.core.internal.util to
      dev.provenance.sigstore;
  exports dev.provenance.core.keys;
  exports dev.provenance.core.chain;
  exports dev.provenance.core.internal.crypto to dev.provenance.sigstore;
  exports dev.provenance.core;
  exports dev.provenance.core.dsse;
  exports dev.provenance.core.policy;
  exports dev.provenance.core.intoto;
  exports dev.provenance.core.internal.dsse to
      dev.provenance.sigstore;
  exports dev.provenance.core.digest;
}
