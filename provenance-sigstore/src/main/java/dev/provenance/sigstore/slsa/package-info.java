/**
 * SLSA provenance verification in the manner of slsa-verifier's {@code verify-artifact}: a
 * provenance file (Sigstore bundles, or the DSSE envelopes with an embedded certificate that
 * slsa-github-generator v1 wrote) is verified against the Sigstore trusted root, then its signing
 * workflow, builder, source repository, ref and inputs are checked against {@link
 * dev.provenance.sigstore.slsa.SlsaExpectations}.
 */
package dev.provenance.sigstore.slsa;
