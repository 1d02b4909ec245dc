package dev.provenance.sigstore.internal.rekor;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.sigstore.TransparencyLogEntry;
import java.nio.charset.StandardCharsets;

/**
 * Verifies Rekor v1 signed entry timestamps (the bundle's inclusion promise).
 *
 * <p>The log signs the canonical JSON (RFC 8785) of {@code {"body", "integratedTime", "logID",
 * "logIndex"}}: the body as standard base64, the log id as lowercase hex, the numbers as JSON
 * integers and the entry's global log index. Stateless and thread-safe.
 */
public final class SignedEntryTimestamps {
  private SignedEntryTimestamps() {}

  /**
   * Returns the bytes a signed entry timestamp covers.
   *
   * @param entry the log entry
   * @return the canonical JSON payload
   */
  public static byte[] payload(TransparencyLogEntry entry) {
    // Keys in code-point order and only ASCII values: this is the RFC 8785 form.
    String json =
        "{\"body\":\""
            + entry.canonicalizedBody().toBase64()
            + "\",\"integratedTime\":"
            + entry.integratedTime()
            + ",\"logID\":\""
            + Hex.encode(entry.logId().toByteArray())
            + "\",\"logIndex\":"
            + entry.logIndex()
            + "}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Verifies an entry's signed entry timestamp with the log's key.
   *
   * @param entry the entry, with an inclusion promise
   * @param logKey the log's public key
   * @param location where the entry is in the bundle, for errors
   * @throws VerificationException {@code TRANSPARENCY_LOG_INVALID} if the promise is absent or
   *     does not verify over this entry's body, time, log id and index
   */
  public static void verify(TransparencyLogEntry entry, SignatureVerifier logKey, String location)
      throws VerificationException {
    if (entry.inclusionPromise().isEmpty()) {
      throw new VerificationException(
          ErrorCode.TRANSPARENCY_LOG_INVALID, location + "/inclusionPromise", "no inclusion promise");
    }
    try {
      logKey.verify(payload(entry), entry.inclusionPromise().get().toByteArray());
    } catch (VerificationException e) {
      throw new VerificationException(
          ErrorCode.TRANSPARENCY_LOG_INVALID,
          location + "/inclusionPromise/signedEntryTimestamp",
          "signed entry timestamp does not verify with the log key",
          e);
    }
  }
}
