package dev.provenance.core.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.json.JsonEngine;
import dev.provenance.core.internal.json.StrictReader;
import dev.provenance.core.internal.json.TreeWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parses and writes the JSON of the Provenance formats: strictly, within {@link JsonLimits}, and
 * deterministically.
 *
 * <pre>{@code
 * JsonCodec codec = JsonCodec.standard();
 * Envelope envelope = codec.parseEnvelope(envelopeBytes);   // DSSE JSON
 * Statement statement = codec.parseStatement(payloadBytes); // only after verifying the envelope
 * byte[] json = codec.writeStatement(statement);            // compact, member order kept
 * }</pre>
 *
 * <p>Parsing is strict (RFC 8259): the input must be UTF-8 without a byte order mark, hold exactly
 * one value, and contain no duplicate member names (also when they differ only in escaping), no
 * unpaired surrogates, no comments, no leading zeros, no non-finite numbers and no unescaped
 * control characters. Every failure is a {@link MalformedInputException} whose {@code code()} is
 * {@code MALFORMED_INPUT}, {@code RESOURCE_LIMIT_EXCEEDED} or {@code UNSUPPORTED_FORMAT} and whose
 * {@code location()} is the JSON Pointer (RFC 6901) of the offending value; no other exception
 * escapes on any input. Numbers keep their exact literal. Writing is compact, keeps member order
 * and escapes only what JSON requires.
 *
 * <p>Instances are immutable and thread-safe; build one and share it.
 */
public final class JsonCodec {
  private static final JsonCodec STANDARD = newBuilder().build();

  private final JsonEngine engine;
  private final Map<String, PredicateCodec> predicateCodecs;

  private JsonCodec(Builder b) {
    this.engine = JsonEngine.of(b.limits);
    this.predicateCodecs = Collections.unmodifiableMap(new LinkedHashMap<>(b.codecs));
  }

  /**
   * Returns the codec with the default limits and the built-in predicate codecs.
   *
   * @return the shared standard codec
   */
  public static JsonCodec standard() {
    return STANDARD;
  }

  /**
   * Returns a builder starting from the default limits and the built-in predicate codecs.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the limits every parse is held to.
   *
   * @return the limits
   */
  public JsonLimits limits() {
    return engine.limits();
  }

  /**
   * Parses one JSON value.
   *
   * @param json the UTF-8 document
   * @return the value, numbers kept as literals and member order as read
   * @throws MalformedInputException {@code MALFORMED_INPUT} if the document is not strict JSON,
   *     {@code RESOURCE_LIMIT_EXCEEDED} if it exceeds a limit
   */
  public JsonValue parseValue(byte[] json) throws MalformedInputException {
    Objects.requireNonNull(json, "json");
    try (StrictReader r = engine.open(json)) {
      return r.readDocument();
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /**
   * Parses one JSON object.
   *
   * @param json the UTF-8 document
   * @return the object
   * @throws MalformedInputException {@code MALFORMED_INPUT} if the document is not a strict JSON
   *     object, {@code RESOURCE_LIMIT_EXCEEDED} if it exceeds a limit
   */
  public JsonObject parseObject(byte[] json) throws MalformedInputException {
    JsonValue v = parseValue(json);
    if (!(v instanceof JsonObject)) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "", "expected a JSON object at the top level");
    }
    return (JsonObject) v;
  }

  /**
   * Writes a JSON value: compact, member order kept, numbers as their literal.
   *
   * @param value the value
   * @return the UTF-8 bytes
   * @throws IllegalArgumentException if a string holds an unpaired surrogate, or the value nests
   *     deeper than {@link JsonLimits#ABSOLUTE_MAX_DEPTH}
   */
  public byte[] write(JsonValue value) {
    Objects.requireNonNull(value, "value");
    return engine.write(g -> TreeWriter.write(g, value));
  }

  /** Wraps an unexpected failure on untrusted input, so no unchecked exception escapes. */
  private static MalformedInputException internal(RuntimeException e) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, "", "input could not be parsed: " + e, e);
  }

  /** Builds a {@link JsonCodec}. Not thread-safe. */
  public static final class Builder {
    private JsonLimits limits = JsonLimits.defaults();
    private final Map<String, PredicateCodec> codecs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the limits.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Adds a codec for a predicate type, replacing the codec for that type if there is one
     * (built-in codecs included).
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder addPredicateCodec(PredicateCodec codec) {
      Objects.requireNonNull(codec, "codec");
      String type = Objects.requireNonNull(codec.predicateType(), "predicateType");
      if (type.isEmpty()) {
        throw new IllegalArgumentException("empty predicateType");
      }
      codecs.put(type, codec);
      return this;
    }

    /**
     * Returns the codec.
     *
     * @return a new codec
     */
    public JsonCodec build() {
      return new JsonCodec(this);
    }
  }
}
