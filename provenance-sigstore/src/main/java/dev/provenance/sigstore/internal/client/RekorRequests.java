package dev.provenance.sigstore.internal.client;

import dev.provenance.api.Bytes;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The entries a signer proposes to Rekor.
 *
 * <p>Rekor v1 ({@code POST /api/v1/log/entries}, <a
 * href="https://github.com/sigstore/rekor/tree/main/pkg/types">rekor pkg/types</a>): {@code
 * hashedrekord} 0.0.1 for a signature over an artifact digest, {@code dsse} 0.0.1 for a DSSE
 * envelope. The signer's certificate or key goes in as base64 of its PEM.
 *
 * <p>Rekor v2 ({@code POST /api/v2/log/entries}, protobuf-specs {@code rekor/v2/entry.proto},
 * proto3 JSON): {@code hashedRekordRequestV002} only. A DSSE envelope is logged as a hashed record
 * of its PAE, {@code digest = Hash(PAE(payloadType, payload))} with the envelope's one signature,
 * as the Rekor v2 specification requires (rekor-v2-spec section 6.1.4; the early {@code
 * dsseRequestV002} is gone). Stateless and thread-safe.
 */
public final class RekorRequests {
  /** Path of the Rekor v1 entry endpoint. */
  public static final String V1_PATH = "/api/v1/log/entries";

  /** Path of the Rekor v2 entry endpoint. */
  public static final String V2_PATH = "/api/v2/log/entries";

  private RekorRequests() {}

  /**
   * The signer as a log entry names it.
   *
   * @param der the DER certificate or {@code SubjectPublicKeyInfo}
   * @param isCertificate whether {@code der} is a certificate
   * @param keyDetails the protobuf-specs {@code PublicKeyDetails} name of the key's algorithm
   */
  public record Verifier(Bytes der, boolean isCertificate, String keyDetails) {
    /**
     * Checks the components.
     *
     * @param der the {@code der} component
     * @param isCertificate the {@code isCertificate} component
     * @param keyDetails the {@code keyDetails} component
     */
    public Verifier {
      Objects.requireNonNull(der, "der");
      Objects.requireNonNull(keyDetails, "keyDetails");
    }

    /** Base64 of the PEM, as Rekor v1 bodies carry keys and certificates. */
    String pemBase64() {
      String pem = Pem.encode(isCertificate ? "CERTIFICATE" : "PUBLIC KEY", der.toByteArray());
      return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * Builds a Rekor v1 {@code hashedrekord} 0.0.1 entry.
   *
   * @param rekorHash the Rekor v1 hash algorithm name: {@code sha256}, {@code sha384} or {@code
   *     sha512}
   * @param digest the artifact digest the signature is over
   * @param signature the signature
   * @param verifier the signer
   * @return the proposed entry JSON
   */
  public static byte[] hashedRekordV001(
      String rekorHash, byte[] digest, Bytes signature, Verifier verifier) {
    JsonObject entry =
        JsonObject.newBuilder()
            .put("apiVersion", "0.0.1")
            .put("kind", "hashedrekord")
            .put(
                "spec",
                JsonObject.newBuilder()
                    .put(
                        "data",
                        JsonObject.newBuilder()
                            .put(
                                "hash",
                                JsonObject.newBuilder()
                                    .put("algorithm", rekorHash.toLowerCase(Locale.ROOT))
                                    .put("value", Hex.encode(digest))
                                    .build())
                            .build())
                    .put(
                        "signature",
                        JsonObject.newBuilder()
                            .put("content", signature.toBase64())
                            .put(
                                "publicKey",
                                JsonObject.newBuilder().put("content", verifier.pemBase64()).build())
                            .build())
                    .build())
            .build();
    return JsonCodec.standard().write(entry);
  }

  /**
   * Builds a Rekor v1 {@code dsse} 0.0.1 entry: the envelope as a JSON string and the signer.
   *
   * @param envelope the signed envelope, with one signature
   * @param verifier the signer
   * @return the proposed entry JSON
   */
  public static byte[] dsseV001(Envelope envelope, Verifier verifier) {
    String envelopeJson =
        new String(JsonCodec.standard().writeEnvelope(envelope), StandardCharsets.UTF_8);
    JsonObject entry =
        JsonObject.newBuilder()
            .put("apiVersion", "0.0.1")
            .put("kind", "dsse")
            .put(
                "spec",
                JsonObject.newBuilder()
                    .put(
                        "proposedContent",
                        JsonObject.newBuilder()
                            .put("envelope", envelopeJson)
                            .put(
                                "verifiers",
                                new JsonArray(List.of(JsonValue.of(verifier.pemBase64()))))
                            .build())
                    .build())
            .build();
    return JsonCodec.standard().write(entry);
  }

  /**
   * Builds a Rekor v2 {@code CreateEntryRequest} with a {@code hashedRekordRequestV002}.
   *
   * @param digest the digest the signature is over (of the artifact, or of a DSSE PAE)
   * @param signature the signature
   * @param verifier the signer
   * @return the request JSON
   */
  public static byte[] hashedRekordV002(byte[] digest, Bytes signature, Verifier verifier) {
    JsonObject key =
        JsonObject.newBuilder()
            .put("rawBytes", verifier.der().toBase64())
            .build();
    JsonObject v =
        JsonObject.newBuilder()
            .put(verifier.isCertificate() ? "x509Certificate" : "publicKey", key)
            .put("keyDetails", verifier.keyDetails())
            .build();
    JsonObject request =
        JsonObject.newBuilder()
            .put(
                "hashedRekordRequestV002",
                JsonObject.newBuilder()
                    .put("digest", Bytes.wrap(digest).toBase64())
                    .put(
                        "signature",
                        JsonObject.newBuilder()
                            .put("content", signature.toBase64())
                            .put("verifier", v)
                            .build())
                    .build())
            .build();
    return JsonCodec.standard().write(request);
  }
}
