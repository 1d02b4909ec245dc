package dev.provenance.sigstore.internal.client;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.digest.DigestAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * Asks an RFC 3161 timestamp authority to timestamp a signature (Sigstore client specification
 * section 2.4: the message imprint is the SHA-256 of the raw signature bytes).
 *
 * <p>The request carries a fresh 64-bit nonce and asks for the TSA's certificate. The answer is
 * accepted only if it grants a token whose imprint and nonce are those of the request (RFC 3161
 * section 2.4.2); whether the TSA is trusted is checked later, when the bundle is verified.
 * Thread-safe.
 */
public final class TimestampClient {
  /** Largest timestamp response accepted. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final HttpTransport transport;
  private final SecureRandom random;

  /**
   * Creates the client.
   *
   * @param transport the HTTP transport
   * @param random the source of nonces
   */
  public TimestampClient(HttpTransport transport, SecureRandom random) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Timestamps a signature.
   *
   * @param url the TSA URL from the signing config (the full endpoint, for example {@code
   *     https://timestamp.sigstore.dev/api/v1/timestamp})
   * @param signature the raw signature bytes
   * @return the DER {@code TimeStampResp}, as the TSA sent it
   * @throws SigningException {@code SERVICE_ERROR} if the TSA fails or refuses; {@code
   *     MALFORMED_INPUT} if its answer is not a timestamp response; {@code BINDING_MISMATCH} if
   *     the token is for another imprint or nonce
   */
  public Bytes timestamp(String url, Bytes signature) throws SigningException {
    URI uri = HttpTransport.endpoint(url, "");
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    BigInteger nonce = new BigInteger(64, random);
    TimeStampRequest request =
        generator.generate(
            TSPAlgorithms.SHA256,
            Witnessing.hash(DigestAlgorithm.SHA256, signature.toByteArray()),
            nonce);
    byte[] body;
    try {
      body = request.getEncoded();
    } catch (IOException e) {
      throw new SigningException(ErrorCode.MALFORMED_INPUT, "", "cannot encode a timestamp request", e);
    }
    HttpTransport.Response response =
        transport.post(
            "timestamp authority",
            uri,
            "application/timestamp-query",
            "application/timestamp-reply",
            body,
            MAX_RESPONSE_BYTES);
    byte[] der = response.body();
    TimeStampResponse parsed;
    try {
      parsed = new TimeStampResponse(der);
    } catch (TSPException | IOException | RuntimeException e) {
      throw new SigningException(
          ErrorCode.MALFORMED_INPUT, "", "timestamp authority answer is not a TimeStampResp", e);
    }
    if (parsed.getTimeStampToken() == null) {
      throw new SigningException(
          ErrorCode.SERVICE_ERROR,
          "",
          "timestamp authority refused: status " + parsed.getStatus()
              + (parsed.getStatusString() == null ? "" : " " + parsed.getStatusString()));
    }
    try {
      parsed.validate(request);
    } catch (TSPException | RuntimeException e) {
      throw new SigningException(
          ErrorCode.BINDING_MISMATCH, "", "timestamp does not answer this request: " + e.getMessage(), e);
    }
    return Bytes.wrap(der);
  }
}
