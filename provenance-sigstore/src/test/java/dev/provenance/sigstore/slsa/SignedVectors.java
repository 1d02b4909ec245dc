package dev.provenance.sigstore.slsa;

import dev.provenance.api.Bytes;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.testing.Json;
import dev.provenance.sigstore.testing.Vectors;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the statement and signing certificate of a slsa-verifier provenance vector, for tests of
 * the checks that run after the signature verified. The signature is not checked here; {@link
 * SlsaVerifierVectorsTest} drives the whole path.
 */
final class SignedVectors {
  private SignedVectors() {}

  /** A vector's statement and certificate. */
  record Signed(VerifiedAttestation attestation, X509Certificate certificate) {
    WorkflowIdentity identity() throws Exception {
      return WorkflowIdentity.of(certificate);
    }
  }

  @SuppressWarnings("unchecked")
  static Signed load(String path) throws Exception {
    String line = Vectors.text(path).split("\n")[0];
    Map<String, Object> doc = (Map<String, Object>) Json.parse(line);
    String payload;
    X509Certificate cert;
    if (doc.containsKey("mediaType")) {
      payload = Json.string(doc, "dsseEnvelope", "payload");
      Object material = doc.get("verificationMaterial");
      Object raw = Json.at(material, "certificate", "rawBytes");
      if (raw == null) {
        raw = Json.at(material, "x509CertificateChain", "certificates", 0, "rawBytes");
      }
      cert = Vectors.certificate(Vectors.base64((String) raw));
    } else {
      payload = Json.string(doc, "payload");
      String pem = Json.string(doc, "signatures", 0, "cert");
      String body =
          pem.replace("-----BEGIN CERTIFICATE-----", "")
              .replace("-----END CERTIFICATE-----", "")
              .replaceAll("\\s", "");
      cert = Vectors.certificate(Base64.getDecoder().decode(body));
    }
    byte[] bytes = Base64.getDecoder().decode(payload);
    Statement statement = JsonCodec.standard().parseStatement(bytes);
    VerifiedEnvelope envelope =
        new VerifiedEnvelope(
            "application/vnd.in-toto+json",
            Bytes.of(bytes),
            List.of(SignerIdentity.ofKey(JcaKeys.keyId(cert.getPublicKey()))));
    return new Signed(new VerifiedAttestation(envelope, statement, statement.subject()), cert);
  }
}
