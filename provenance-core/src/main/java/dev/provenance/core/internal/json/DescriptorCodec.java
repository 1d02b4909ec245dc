package dev.provenance.core.internal.json;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.util.StrictBase64;
import dev.provenance.core.json.JsonLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes in-toto ResourceDescriptors and DigestSets (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/resource_descriptor.md">spec</a>).
 * Not API; may change without notice. Thread-safe: immutable.
 */
public final class DescriptorCodec {
  private final JsonLimits limits;

  /**
   * Creates a codec.
   *
   * @param limits the limits, for the number of digests in a set
   */
  public DescriptorCodec(JsonLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads a DigestSet: an object of algorithm names to values valid for the algorithm.
   *
   * @param value the object
   * @param pointer where it is
   * @return the set; empty for {@code {}}
   * @throws MalformedInputException {@code MALFORMED_INPUT} for a wrong type or invalid value,
   *     {@code RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public DigestSet readDigestSet(JsonValue value, String pointer) throws MalformedInputException {
    return readDigestSet(value, Location.of(pointer));
  }

  /**
   * Reads a DigestSet: an object of algorithm names to values valid for the algorithm.
   *
   * @param value the object
   * @param location where it is
   * @return the set; empty for {@code {}}
   * @throws MalformedInputException {@code MALFORMED_INPUT} for a wrong type or invalid value,
   *     {@code RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public DigestSet readDigestSet(JsonValue value, Location location)
      throws MalformedInputException {
    ObjectReader o = ObjectReader.of(value, location);
    Map<String, JsonValue> members = o.object().members();
    if (members.size() > limits.maxDigestsPerSubject()) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          location.toString(),
          "DigestSet has "
              + members.size()
              + " digests, more than the limit "
              + limits.maxDigestsPerSubject());
    }
    if (members.isEmpty()) {
      return DigestSet.empty();
    }
    TreeMap<DigestAlgorithm, String> digests = new TreeMap<>();
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      if (e.getKey().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, o.pointer(e.getKey()), "empty algorithm name");
      }
      if (!(e.getValue() instanceof JsonString)) {
        throw ObjectReader.wrongType(o.pointer(e.getKey()), "a string", e.getValue());
      }
      DigestAlgorithm algorithm = DigestAlgorithm.of(e.getKey());
      String digest = ((JsonString) e.getValue()).value();
      if (!algorithm.isValidValue(digest)) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            o.pointer(e.getKey()),
            algorithm.isKnown()
                ? "invalid " + algorithm + " value: expected lowercase hex of the digest length"
                : "empty digest value");
      }
      digests.put(algorithm, digest);
    }
    return new DigestSet(Collections2.adoptSorted(digests));
  }

  /**
   * Reads a ResourceDescriptor.
   *
   * @param value the object
   * @param pointer where it is
   * @return the descriptor
   * @throws MalformedInputException {@code MALFORMED_INPUT} for a wrong type, an invalid value or
   *     none of uri, digest and content, {@code RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public ResourceDescriptor readDescriptor(JsonValue value, String pointer)
      throws MalformedInputException {
    return readDescriptor(value, Location.of(pointer));
  }

  /**
   * Reads a ResourceDescriptor.
   *
   * @param value the object
   * @param location where it is
   * @return the descriptor
   * @throws MalformedInputException {@code MALFORMED_INPUT} for a wrong type, an invalid value or
   *     none of uri, digest and content, {@code RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public ResourceDescriptor readDescriptor(JsonValue value, Location location)
      throws MalformedInputException {
    ObjectReader o = ObjectReader.of(value, location);
    Optional<String> name = o.optionalString("name");
    Optional<String> uri = o.optionalString("uri");
    Optional<JsonValue> digestValue = o.value("digest");
    DigestSet digest =
        digestValue.isPresent()
            ? readDigestSet(digestValue.get(), o.location("digest"))
            : DigestSet.empty();
    Optional<Bytes> content = Optional.empty();
    Optional<String> contentText = o.optionalString("content");
    if (contentText.isPresent()) {
      try {
        content =
            Optional.of(
                Bytes.wrap(StrictBase64.decode(contentText.get(), limits.maxStringBytes())));
      } catch (StrictBase64.DecodingException e) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, o.pointer("content"), e.getMessage(), e);
      }
      if (content.get().isEmpty()) {
        content = Optional.empty();
      }
    }
    Optional<String> downloadLocation = o.optionalString("downloadLocation");
    Optional<String> mediaType = o.optionalString("mediaType");
    JsonObject annotations = o.objectOrEmpty("annotations");
    if (uri.isEmpty() && digest.isEmpty() && content.isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT,
          location.toString(),
          "a ResourceDescriptor needs at least one of uri, digest and content");
    }
    return new ResourceDescriptor(
        name, uri, digest, content, downloadLocation, mediaType, annotations);
  }

  /**
   * Reads an array of ResourceDescriptors.
   *
   * @param elements the array elements
   * @param pointer where the array is
   * @return the descriptors
   * @throws MalformedInputException as {@link #readDescriptor}
   */
  public List<ResourceDescriptor> readDescriptors(List<JsonValue> elements, String pointer)
      throws MalformedInputException {
    return readDescriptors(elements, Location.of(pointer));
  }

  /**
   * Reads an array of ResourceDescriptors.
   *
   * @param elements the array elements
   * @param location where the array is
   * @return the descriptors
   * @throws MalformedInputException as {@link #readDescriptor}
   */
  public List<ResourceDescriptor> readDescriptors(List<JsonValue> elements, Location location)
      throws MalformedInputException {
    if (elements.isEmpty()) {
      return List.of();
    }
    List<ResourceDescriptor> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(readDescriptor(elements.get(i), location.child(i)));
    }
    return out;
  }

  /**
   * Writes a DigestSet, algorithms in name order.
   *
   * @param digest the set
   * @return the object
   */
  public static JsonObject writeDigestSet(DigestSet digest) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    for (Map.Entry<DigestAlgorithm, String> e : digest.digests().entrySet()) {
      m.put(e.getKey().name(), new JsonString(e.getValue()));
    }
    return JsonObject.of(m);
  }

  /**
   * Writes a ResourceDescriptor in spec field order, leaving out unset fields.
   *
   * @param rd the descriptor
   * @return the object
   */
  public static JsonObject writeDescriptor(ResourceDescriptor rd) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    rd.name().filter(s -> !s.isEmpty()).ifPresent(s -> m.put("name", new JsonString(s)));
    rd.uri().filter(s -> !s.isEmpty()).ifPresent(s -> m.put("uri", new JsonString(s)));
    if (!rd.digest().isEmpty()) {
      m.put("digest", writeDigestSet(rd.digest()));
    }
    rd.content()
        .filter(c -> !c.isEmpty())
        .ifPresent(c -> m.put("content", new JsonString(c.toBase64())));
    rd.downloadLocation()
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> m.put("downloadLocation", new JsonString(s)));
    rd.mediaType()
        .filter(s -> !s.isEmpty())
        .ifPresent(s -> m.put("mediaType", new JsonString(s)));
    if (!rd.annotations().isEmpty()) {
      m.put("annotations", rd.annotations());
    }
    return JsonObject.of(m);
  }

  /**
   * Writes a list of ResourceDescriptors.
   *
   * @param rds the descriptors
   * @return the array
   */
  public static JsonArray writeDescriptors(List<ResourceDescriptor> rds) {
    List<JsonValue> out = new ArrayList<>(rds.size());
    for (ResourceDescriptor rd : rds) {
      out.add(writeDescriptor(rd));
    }
    return new JsonArray(out);
  }
}
