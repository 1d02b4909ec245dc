package dev.provenance.api.attestation;

import dev.provenance.api.Bytes;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-toto ResourceDescriptor: names an artifact or resource by digest, URI or inline content
 * (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md">spec</a>).
 * At least one of {@code uri}, {@code digest} and {@code content} is set.
 *
 * @param name optional name, for example a file path
 * @param uri optional URI of the resource
 * @param digest digests of the resource; empty when none
 * @param content optional inline content
 * @param downloadLocation optional URI to download the resource
 * @param mediaType optional media type
 * @param annotations extra information; empty when none
 */
public record ResourceDescriptor(
    Optional<String> name,
    Optional<String> uri,
    DigestSet digest,
    Optional<Bytes> content,
    Optional<String> downloadLocation,
    Optional<String> mediaType,
    JsonObject annotations) {

  /**
   * Checks every component.
   *
   * @param name the {@code name} component
   * @param uri the {@code uri} component
   * @param digest the {@code digest} component
   * @param content the {@code content} component
   * @param downloadLocation the {@code downloadLocation} component
   * @param mediaType the {@code mediaType} component
   * @param annotations the {@code annotations} component
   * @throws IllegalArgumentException if none of uri, digest and content is set
   */
  public ResourceDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(downloadLocation, "downloadLocation");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(annotations, "annotations");
    if (uri.isEmpty() && digest.isEmpty() && content.isEmpty()) {
      throw new IllegalArgumentException(
          "a ResourceDescriptor needs at least one of uri, digest and content");
    }
  }

  /**
   * Returns a descriptor with a name and digests, the usual form of a subject.
   *
   * @param name the name, for example a file name
   * @param digest the digests, not empty
   * @return the descriptor
   */
  public static ResourceDescriptor ofDigest(String name, DigestSet digest) {
    return newBuilder().name(name).digest(digest).build();
  }

  /**
   * Returns a descriptor with a URI and digests, the usual form of a resolved dependency.
   *
   * @param uri the URI
   * @param digest the digests
   * @return the descriptor
   */
  public static ResourceDescriptor ofUri(String uri, DigestSet digest) {
    return newBuilder().uri(uri).digest(digest).build();
  }

  /**
   * Returns an empty builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns a builder prefilled with this descriptor.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name.orElse(null);
    b.uri = uri.orElse(null);
    b.digest = digest;
    b.content = content.orElse(null);
    b.downloadLocation = downloadLocation.orElse(null);
    b.mediaType = mediaType.orElse(null);
    b.annotations = annotations;
    return b;
  }

  /** Builds a {@link ResourceDescriptor}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String uri;
    private DigestSet digest = DigestSet.empty();
    private Bytes content;
    private String downloadLocation;
    private String mediaType;
    private JsonObject annotations = JsonObject.empty();

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the URI.
     *
     * @param uri the URI
     * @return this builder
     */
    public Builder uri(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Sets the digests.
     *
     * @param digest the digests
     * @return this builder
     */
    public Builder digest(DigestSet digest) {
      this.digest = Objects.requireNonNull(digest, "digest");
      return this;
    }

    /**
     * Sets inline content.
     *
     * @param content the content
     * @return this builder
     */
    public Builder content(Bytes content) {
      this.content = Objects.requireNonNull(content, "content");
      return this;
    }

    /**
     * Sets the download location.
     *
     * @param downloadLocation the URI
     * @return this builder
     */
    public Builder downloadLocation(String downloadLocation) {
      this.downloadLocation = Objects.requireNonNull(downloadLocation, "downloadLocation");
      return this;
    }

    /**
     * Sets the media type.
     *
     * @param mediaType the media type
     * @return this builder
     */
    public Builder mediaType(String mediaType) {
      this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
      return this;
    }

    /**
     * Sets the annotations.
     *
     * @param annotations the annotations
     * @return this builder
     */
    public Builder annotations(JsonObject annotations) {
      this.annotations = Objects.requireNonNull(annotations, "annotations");
      return this;
    }

    /**
     * Returns the descriptor.
     *
     * @return a new descriptor
     * @throws IllegalStateException if none of uri, digest and content is set
     */
    public ResourceDescriptor build() {
      try {
        return new ResourceDescriptor(
            Optional.ofNullable(name),
            Optional.ofNullable(uri),
            digest,
            Optional.ofNullable(content),
            Optional.ofNullable(downloadLocation),
            Optional.ofNullable(mediaType),
            annotations);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
