package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.internal.ct.SctVerifier;
import dev.provenance.sigstore.internal.verify.TrustMaterial;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.ValidatedPath;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the provenance slsa-github-generator v1 wrote: a bare DSSE envelope whose one signature
 * carries the Fulcio certificate in a non-standard {@code cert} field (PEM), with no transparency
 * log entry or timestamp. slsa-verifier looks the signature up in Rekor online; offline nothing
 * says when the signature was made, so by default such an envelope fails with {@code
 * THRESHOLD_NOT_MET} (no log entry or timestamp, as the public-good policy requires one).
 *
 * <p>When the caller accepts them explicitly, the signature is checked with the certificate's key,
 * the certificate path is validated at the certificate's own {@code notBefore} (the only time
 * available) against the trusted root's Fulcio authorities, and its embedded SCTs against the
 * trusted CT logs. What that cannot rule out: a signature made later with a leaked ephemeral key.
 * Stateless; thread-safe.
 */
final class LegacyEnvelopes {
  private static final String SIGNATURE = "/signatures/0";

  private LegacyEnvelopes() {}

  /** Returns whether a parsed line looks like a bare DSSE envelope. */
  static boolean isEnvelope(JsonObject line) {
    return line.get("payloadType").isPresent() && line.get("signatures").isPresent();
  }

  /**
   * Verifies one legacy envelope.
   *
   * @param json the envelope's bytes
   * @param line the same, parsed
   * @param accepted whether the caller accepts legacy envelopes without a log entry
   * @param trust the compiled trusted root
   * @param ctThreshold how many CT logs must have logged the certificate
   * @param codec the codec
   * @return the attestation (every subject matched) and the certificate
   * @throws VerificationException {@code THRESHOLD_NOT_MET} unless accepted; otherwise {@code
   *     MALFORMED_INPUT}, {@code UNSUPPORTED_FORMAT}, {@code SIGNATURE_INVALID}, {@code
   *     UNTRUSTED_ANCHOR}, {@code TIME_INVALID} or {@code THRESHOLD_NOT_MET} (SCTs)
   */
  static SignedStatement verify(
      byte[] json,
      JsonObject line,
      boolean accepted,
      TrustMaterial trust,
      int ctThreshold,
      JsonCodec codec)
      throws VerificationException {
    Envelope envelope;
    try {
      envelope = codec.parseEnvelope(json);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    if (envelope.signatures().size() != 1) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/signatures",
          "a legacy provenance envelope has one signature, this one has "
              + envelope.signatures().size());
    }
    X509Certificate leaf = certificate(line);
    if (!accepted) {
      throw new VerificationException(
          ErrorCode.THRESHOLD_NOT_MET,
          SIGNATURE,
          "envelope with an embedded certificate but no transparency log entry or timestamp:"
              + " its signing time cannot be established offline");
    }
    VerifiedEnvelope verified;
    try {
      verified =
          DsseVerifier.newBuilder()
              .addVerifier(JcaKeys.verifier(leaf.getPublicKey()))
              .allowPayloadType(PayloadTypes.IN_TOTO)
              .codec(codec)
              .build()
              .verify(envelope);
    } catch (KeyMaterialException e) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, SIGNATURE + "/cert", "unusable certificate key", e);
    }
    ValidatedPath path =
        CertificatePaths.validate(
            leaf,
            List.of(),
            trust.certificateAuthorities(),
            List.of(leaf.getNotBefore().toInstant()));
    SctVerifier.verifyEmbedded(path, trust.ctlogs(), ctThreshold);
    Statement statement;
    try {
      statement = codec.parseStatement(verified.payload().toByteArray());
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    SignerIdentity signer;
    try {
      signer =
          SignerIdentity.ofCertificate(
              JcaKeys.keyId(leaf.getPublicKey()),
              CertificateIdentity.subjectAlternativeName(leaf).orElse(""),
              CertificateIdentity.issuer(leaf).orElse(""));
    } catch (KeyMaterialException e) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, SIGNATURE + "/cert", "unusable certificate key", e);
    }
    VerifiedEnvelope withCertificate =
        new VerifiedEnvelope(verified.payloadType(), verified.payload(), List.of(signer));
    return new SignedStatement(
        new VerifiedAttestation(withCertificate, statement, statement.subject()), leaf);
  }

  /** The PEM certificate of the only signature. */
  private static X509Certificate certificate(JsonObject line) throws VerificationException {
    String at = SIGNATURE + "/cert";
    Optional<JsonValue> signatures = line.get("signatures");
    JsonValue first =
        signatures.isPresent()
                && signatures.get() instanceof JsonArray
                && !((JsonArray) signatures.get()).elements().isEmpty()
            ? ((JsonArray) signatures.get()).elements().get(0)
            : null;
    Optional<JsonValue> cert =
        first instanceof JsonObject ? ((JsonObject) first).get("cert") : Optional.empty();
    if (cert.isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          at,
          "envelope carries no certificate; key-signed provenance needs the signer's key");
    }
    if (!(cert.get() instanceof JsonString)) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, at, "expected a PEM string");
    }
    Pem.Block block;
    try {
      block = Pem.parseSingle(((JsonString) cert.get()).value());
    } catch (KeyMaterialException e) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, at, "not one PEM block", e);
    }
    if (!block.label().equals("CERTIFICATE")) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, at, "expected a CERTIFICATE, found " + block.label());
    }
    return CertificatePaths.parse(block.der());
  }
}
