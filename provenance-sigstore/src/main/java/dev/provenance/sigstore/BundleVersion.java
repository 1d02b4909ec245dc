package dev.provenance.sigstore;

import java.util.Optional;

/**
 * The versions of the Sigstore bundle format (protobuf-specs {@code sigstore_bundle.proto}).
 *
 * <p>Every version is read; bundles are written with {@link #mediaType()}.
 */
public enum BundleVersion {
  /** v0.1: x509 certificate chain, inclusion promise (SET) required. */
  V0_1("application/vnd.dev.sigstore.bundle+json;version=0.1"),
  /** v0.2: inclusion proof required. */
  V0_2("application/vnd.dev.sigstore.bundle+json;version=0.2"),
  /** v0.3: single certificate instead of a chain. */
  V0_3("application/vnd.dev.sigstore.bundle.v0.3+json");

  /** The older spelling of the v0.3 media type, still accepted. */
  static final String V0_3_LEGACY_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle+json;version=0.3";

  private final String mediaType;

  BundleVersion(String mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * Returns the media type written for this version.
   *
   * @return the media type
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Returns the version a media type names; all four spellings clients must accept are known.
   *
   * @param mediaType the bundle's {@code mediaType}
   * @return the version, or empty for an unknown media type
   */
  public static Optional<BundleVersion> ofMediaType(String mediaType) {
    for (BundleVersion v : values()) {
      if (v.mediaType.equals(mediaType)) {
        return Optional.of(v);
      }
    }
    return V0_3_LEGACY_MEDIA_TYPE.equals(mediaType) ? Optional.of(V0_3) : Optional.empty();
  }
}
