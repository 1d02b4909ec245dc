/**
 * Sigstore support: bundles, trusted roots, offline verification and keyless signing.
 */
module dev.provenance.sigstore {
  requires transitive dev.provenance.core;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires java.net.http;

  exports dev.provenance.sigstore;
  exports dev.provenance.sigstore.trust;
  exports dev.provenance.sigstore.slsa;
}
