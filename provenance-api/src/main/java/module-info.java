/**
 * Records and interfaces of the Provenance SDK: in-toto statements, SLSA predicates, DSSE envelopes,
 * signers and verifiers, verification results and the error model. This module has no
 * dependencies.
 */
module dev.provenance.api {
  exports dev.provenance.api;
  exports dev.provenance.api.json;
  exports dev.provenance.api.digest;
  exports dev.provenance.api.attestation;
  exports dev.provenance.api.slsa;
  exports dev.provenance.api.dsse;
  exports dev.provenance.api.signing;
  exports dev.provenance.api.chain;
  exports dev.provenance.api.policy;
  exports dev.provenance.api.internal to
      dev.provenance.core,
      dev.provenance.sigstore;
}
