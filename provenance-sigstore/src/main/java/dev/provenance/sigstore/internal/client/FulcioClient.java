package dev.provenance.sigstore.internal.client;

import dev.provenance.api.Bytes;
import dev.provenance.api.SigningException;
import dev.provenance.sigstore.internal.fulcio.CertificateRequests;
import dev.provenance.sigstore.internal.fulcio.EphemeralKey;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Gets a signing certificate from Fulcio v2 over REST ({@code POST /api/v2/signingCert}). The
 * request body carries the identity token, so it is never logged or quoted in an error.
 * Thread-safe.
 */
public final class FulcioClient {
  /** Largest certificate chain answer accepted. */
  public static final int MAX_RESPONSE_BYTES = 256 * 1024;

  private final HttpTransport transport;

  /**
   * Creates the client.
   *
   * @param transport the HTTP transport
   */
  public FulcioClient(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * Requests a certificate for a key, proving possession by signing the token's challenge.
   *
   * @param baseUrl the Fulcio URL from the signing config
   * @param token the raw identity token
   * @param challenge the token's challenge (its email or subject)
   * @param key the key to certify
   * @return the chain, leaf first, as DER; the leaf certifies {@code key}
   * @throws SigningException {@code SERVICE_ERROR} if Fulcio fails or refuses; {@code
   *     MALFORMED_INPUT} or {@code BINDING_MISMATCH} for an answer that is not a chain for this key
   */
  public List<Bytes> signingCertificate(
      String baseUrl, String token, String challenge, EphemeralKey key) throws SigningException {
    URI uri = HttpTransport.endpoint(baseUrl, CertificateRequests.PATH);
    byte[] body = CertificateRequests.publicKeyRequest(token, key, challenge);
    HttpTransport.Response response =
        transport.post("Fulcio", uri, "application/json", "application/json", body, MAX_RESPONSE_BYTES);
    return CertificateRequests.readChain(response.body(), key.keyId());
  }
}
