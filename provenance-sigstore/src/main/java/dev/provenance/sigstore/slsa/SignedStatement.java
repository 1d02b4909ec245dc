package dev.provenance.sigstore.slsa;

import dev.provenance.api.attestation.VerifiedAttestation;
import java.security.cert.X509Certificate;

/**
 * A provenance statement whose signature verified, with the Fulcio certificate that signed it.
 *
 * @param attestation the statement; every subject counts as matched until artifacts are compared
 * @param certificate the signing certificate, validated against the trusted root
 */
record SignedStatement(VerifiedAttestation attestation, X509Certificate certificate) {}
