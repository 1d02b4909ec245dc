package dev.provenance.sigstore;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.sigstore.internal.bundle.BundleJson;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sigstore bundle: one signature (over an artifact, or a DSSE envelope) with everything needed
 * to verify it offline.
 *
 * <p>{@link #parse(byte[])} reads bundle v0.1, v0.2 and v0.3 in the proto3 JSON mapping
 * (https://github.com/sigstore/protobuf-specs, {@code sigstore_bundle.proto}); parsing checks
 * structure only and trusts nothing: use {@link SigstoreVerifier} to verify. {@link #toJson()}
 * writes the bundle back in canonical proto3 JSON.
 *
 * <pre>{@code
 * SigstoreBundle bundle = SigstoreBundle.parse(Files.readAllBytes(path));
 * byte[] json = bundle.toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param mediaType the media type, one of the spellings {@link BundleVersion} knows
 * @param verificationMaterial the key material, log entries and timestamps
 * @param messageSignature the signature over an artifact, if this is a message signature bundle
 * @param dsseEnvelope the DSSE envelope, if this is a DSSE bundle; it has exactly one signature
 */
public record SigstoreBundle(
    String mediaType,
    VerificationMaterial verificationMaterial,
    Optional<MessageSignature> messageSignature,
    Optional<Envelope> dsseEnvelope) {

  /** Most transparency log entries a bundle may carry. */
  public static final int MAX_TLOG_ENTRIES = 32;

  /** Most RFC 3161 timestamps a bundle may carry. */
  public static final int MAX_TIMESTAMPS = 32;

  /** Most certificates a bundle's chain may carry. */
  public static final int MAX_CERTIFICATES = 32;

  /**
   * Checks the components.
   *
   * @param mediaType the {@code mediaType} component
   * @param verificationMaterial the {@code verificationMaterial} component
   * @param messageSignature the {@code messageSignature} component
   * @param dsseEnvelope the {@code dsseEnvelope} component
   * @throws IllegalArgumentException for an unknown media type, if not exactly one of the two
   *     contents is present, or if the envelope has other than one signature
   */
  public SigstoreBundle {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(verificationMaterial, "verificationMaterial");
    Objects.requireNonNull(messageSignature, "messageSignature");
    Objects.requireNonNull(dsseEnvelope, "dsseEnvelope");
    if (BundleVersion.ofMediaType(mediaType).isEmpty()) {
      throw new IllegalArgumentException("unknown bundle media type");
    }
    if (messageSignature.isPresent() == dsseEnvelope.isPresent()) {
      throw new IllegalArgumentException("exactly one of messageSignature and dsseEnvelope");
    }
    if (dsseEnvelope.isPresent() && dsseEnvelope.get().signatures().size() != 1) {
      throw new IllegalArgumentException("a bundle's DSSE envelope has exactly one signature");
    }
  }

  /**
   * Returns the bundle format version.
   *
   * @return the version its media type names
   */
  public BundleVersion version() {
    return BundleVersion.ofMediaType(mediaType).orElseThrow();
  }

  /**
   * Parses a bundle.
   *
   * @param json the bundle JSON
   * @return the bundle, unverified
   * @throws MalformedInputException {@code MALFORMED_INPUT} for invalid JSON or structure, {@code
   *     UNSUPPORTED_FORMAT} for an unknown media type, {@code RESOURCE_LIMIT_EXCEEDED} when a limit
   *     is exceeded; the location is a JSON Pointer
   */
  public static SigstoreBundle parse(byte[] json) throws MalformedInputException {
    return BundleJson.read(json);
  }

  /**
   * Writes the bundle in canonical proto3 JSON: lowerCamelCase names, int64 values as strings,
   * bytes as padded standard base64, absent fields omitted.
   *
   * @return the JSON bytes
   */
  public byte[] toJson() {
    return BundleJson.write(this);
  }
}
