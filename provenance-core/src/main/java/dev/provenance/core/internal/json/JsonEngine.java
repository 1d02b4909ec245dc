package dev.provenance.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.provenance.api.MalformedInputException;
import dev.provenance.core.internal.util.SuppressForbidden;
import dev.provenance.core.json.JsonLimits;
import java.io.IOException;
import java.util.Objects;

/**
 * Owns the Jackson factory for one set of {@link JsonLimits}: created and configured once, then
 * shared by every parse and write made with those limits. Jackson's own read constraints are set
 * from the limits, so both layers agree on where input stops being acceptable.
 *
 * <p>Not API; may change without notice. Thread-safe: immutable after construction.
 */
public final class JsonEngine {
  private static final JsonEngine DEFAULT = new JsonEngine(JsonLimits.defaults());

  private final JsonLimits limits;
  private final JsonFactory factory;

  @SuppressForbidden(reason = "the single place where JSON factories are created")
  private JsonEngine(JsonLimits limits) {
    this.limits = limits;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxNumberLength(limits.maxNumberLength())
            .maxStringLength(limits.maxStringBytes())
            .maxNameLength(limits.maxStringBytes())
            .maxDocumentLength(limits.maxInputBytes())
            .maxTokenCount(limits.maxTokens())
            .build();
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Attacker-chosen names must not grow the JVM-wide string pool.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .disable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            // Write characters outside the BMP as UTF-8, not as escaped surrogate pairs, and the
            // remaining escapes in lowercase hex, as JavaScript and Go do.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();
  }

  /**
   * Returns the engine for the given limits; the default limits share one engine.
   *
   * @param limits the limits
   * @return the engine
   */
  public static JsonEngine of(JsonLimits limits) {
    Objects.requireNonNull(limits, "limits");
    return limits.equals(DEFAULT.limits) ? DEFAULT : new JsonEngine(limits);
  }

  /**
   * Returns the engine for the default limits.
   *
   * @return the shared default engine
   */
  public static JsonEngine defaults() {
    return DEFAULT;
  }

  /**
   * Returns the limits.
   *
   * @return the limits
   */
  public JsonLimits limits() {
    return limits;
  }

  /**
   * Opens a strict reader over a whole document after the byte-level checks (size, byte order
   * mark, UTF-8, control characters).
   *
   * @param json the document
   * @return a reader positioned before the first token
   * @throws MalformedInputException if the bytes are not acceptable
   */
  public StrictReader open(byte[] json) throws MalformedInputException {
    return open(json, 0, json.length);
  }

  /**
   * Opens a strict reader over part of an array.
   *
   * @param json the bytes
   * @param off where the document starts
   * @param len its length
   * @return a reader positioned before the first token
   * @throws MalformedInputException if the bytes are not acceptable
   */
  public StrictReader open(byte[] json, int off, int len) throws MalformedInputException {
    return StrictReader.open(this, json, off, len);
  }

  JsonParser newParser(byte[] json, int off, int len) throws IOException {
    return factory.createParser(json, off, len);
  }

  /**
   * Writes a document through a generator.
   *
   * @param body writes the content
   * @return the UTF-8 bytes written
   */
  public byte[] write(GeneratorBody body) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = factory.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      // The sink is memory, so the only failures are invalid values given by the caller, such
      // as unpaired surrogates in a string.
      throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Writes content through a generator. */
  @FunctionalInterface
  public interface GeneratorBody {
    /**
     * Writes the content.
     *
     * @param g the generator
     * @throws IOException from the generator
     */
    void write(JsonGenerator g) throws IOException;
  }
}
