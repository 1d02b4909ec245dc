package dev.provenance.sigstore.trust;

import dev.provenance.api.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted transparency log (Rekor) or certificate transparency log instance.
 *
 * @param baseUrl the log's base URL
 * @param hashAlgorithm the Merkle tree hash algorithm, as the protobuf enum name (for example
 *     {@code SHA2_256})
 * @param publicKey the log's public key, usually DER SubjectPublicKeyInfo
 * @param keyDetails the key's algorithm, as the protobuf {@code PublicKeyDetails} name (for
 *     example {@code PKIX_ECDSA_P256_SHA_256})
 * @param validFor when the key may be relied on
 * @param logId the log id that entries and SCTs name
 * @param checkpointKeyId the id whose first four bytes prefix the log's checkpoint signatures, if
 *     it differs from {@code logId} (trusted root v0.2)
 * @param operator who runs the log (trusted root v0.2); thresholds count each operator once
 */
public record TransparencyLogInfo(
    String baseUrl,
    String hashAlgorithm,
    Bytes publicKey,
    String keyDetails,
    ValidityPeriod validFor,
    Bytes logId,
    Optional<Bytes> checkpointKeyId,
    Optional<String> operator) {
  /**
   * Checks that no component is null.
   *
   * @param baseUrl the {@code baseUrl} component
   * @param hashAlgorithm the {@code hashAlgorithm} component
   * @param publicKey the {@code publicKey} component
   * @param keyDetails the {@code keyDetails} component
   * @param validFor the {@code validFor} component
   * @param logId the {@code logId} component
   * @param checkpointKeyId the {@code checkpointKeyId} component
   * @param operator the {@code operator} component
   */
  public TransparencyLogInfo {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(keyDetails, "keyDetails");
    Objects.requireNonNull(validFor, "validFor");
    Objects.requireNonNull(logId, "logId");
    Objects.requireNonNull(checkpointKeyId, "checkpointKeyId");
    Objects.requireNonNull(operator, "operator");
  }
}
