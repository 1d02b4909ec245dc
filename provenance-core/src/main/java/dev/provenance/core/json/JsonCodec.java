package dev.provenance.core.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.json.DescriptorCodec;
import dev.provenance.core.internal.json.EnvelopeCodec;
import dev.provenance.core.internal.json.Errors;
import dev.provenance.core.internal.json.JsonEngine;
import dev.provenance.core.internal.json.LinkCodec;
import dev.provenance.core.internal.json.SlsaProvenanceCodec;
import dev.provenance.core.internal.json.StatementCodec;
import dev.provenance.core.internal.json.StrictReader;
import dev.provenance.core.internal.json.TreeWriter;
import dev.provenance.core.internal.json.VerificationSummaryCodec;
import dev.provenance.core.internal.util.BoundedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Parsing is strict (<a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>): the input must be UTF-8 without a byte order mark, hold exactly
 * one value, and contain no duplicate member names (also when they differ only in escaping), no
 * unpaired surrogates, no comments, no leading zeros, no non-finite numbers and no unescaped
 * control characters. Every failure is a {@link MalformedInputException} whose {@code code()} is
 * {@code MALFORMED_INPUT}, {@code RESOURCE_LIMIT_EXCEEDED} or {@code UNSUPPORTED_FORMAT} and whose
 * {@code location()} is the JSON Pointer (<a href="https://www.rfc-editor.org/rfc/rfc6901">RFC
 * 6901</a>) of the offending value, or empty when the failure concerns the whole document; no
 * other exception escapes on any input. Limits are checked as the input is read, before anything
 * oversized is built. Numbers keep their exact literal. Writing is compact, keeps member order and
 * escapes only what JSON requires; characters outside the BMP are written as UTF-8.
 *
 * <p>Instances are immutable and thread-safe; build one and share it.
 */
public final class JsonCodec {
  private static final JsonCodec STANDARD = newBuilder().build();

  private final JsonEngine engine;
  private final DescriptorCodec descriptors;
  private final StatementCodec statements;
  private final EnvelopeCodec envelopes;

  private JsonCodec(Builder b) {
    this.engine = JsonEngine.of(b.limits);
    this.descriptors = new DescriptorCodec(b.limits);
    Map<String, PredicateCodec> codecs = new LinkedHashMap<>();
    for (PredicateCodec c :
        List.of(
            new SlsaProvenanceCodec(descriptors),
            new VerificationSummaryCodec(descriptors),
            new LinkCodec(descriptors))) {
      codecs.put(c.predicateType(), c);
    }
    codecs.putAll(b.codecs);
    this.statements =
        new StatementCodec(engine, descriptors, Collections.unmodifiableMap(codecs));
    this.envelopes = new EnvelopeCodec(engine);
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

  /**
   * Parses an in-toto Statement, {@code _type} {@code https://in-toto.io/Statement/v1} or the
   * legacy {@code https://in-toto.io/Statement/v0.1} (recorded in {@link Statement#type()}; whether
   * to accept it is the verifier's decision). The predicate is read by the codec registered for
   * its {@code predicateType}; other types give a {@link
   * dev.provenance.api.attestation.GenericPredicate} holding the predicate exactly, or an empty
   * object when the statement has none. Unknown fields are ignored.
   *
   * <p>Parse only payloads whose signature has been verified.
   *
   * @param json the UTF-8 document
   * @return the statement
   * @throws MalformedInputException {@code UNSUPPORTED_FORMAT} for a missing or other {@code
   *     _type}; {@code MALFORMED_INPUT} for invalid JSON, wrong types, no subject, a subject
   *     without digest, an invalid digest value, no {@code predicateType}, or a predicate its
   *     codec rejects; {@code RESOURCE_LIMIT_EXCEEDED} beyond a limit
   */
  public Statement parseStatement(byte[] json) throws MalformedInputException {
    Objects.requireNonNull(json, "json");
    try {
      return statements.parse(json);
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /**
   * Writes a statement with {@code _type} {@code https://in-toto.io/Statement/v1}, members in
   * spec order, unset optional fields left out and the predicate always present.
   *
   * @param statement the statement
   * @return the UTF-8 document
   * @throws IllegalArgumentException if the predicate is typed but no codec is registered for it
   */
  public byte[] writeStatement(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    return statements.write(statement);
  }

  /**
   * Reads a predicate object with the codec registered for its type, or as a {@link
   * dev.provenance.api.attestation.GenericPredicate}.
   *
   * @param predicateType the type URI
   * @param body the predicate object
   * @return the predicate
   * @throws MalformedInputException {@code MALFORMED_INPUT} if the typed codec rejects the
   *     object, located relative to it
   */
  public Predicate parsePredicate(String predicateType, JsonObject body)
      throws MalformedInputException {
    Objects.requireNonNull(predicateType, "predicateType");
    Objects.requireNonNull(body, "body");
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("empty predicateType");
    }
    return statements.readPredicate(predicateType, body, "");
  }

  /**
   * Writes a predicate as a JSON object.
   *
   * @param predicate the predicate
   * @return the object
   * @throws IllegalArgumentException if the predicate is typed but no codec is registered for it
   */
  public JsonObject writePredicate(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return statements.writePredicate(predicate);
  }

  /**
   * Reads a ResourceDescriptor from a parsed value, for predicate codecs.
   *
   * @param value the descriptor object
   * @return the descriptor
   * @throws MalformedInputException {@code MALFORMED_INPUT} for wrong types, invalid digests or
   *     invalid base64 content, or when none of uri, digest and content is set; {@code
   *     RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public ResourceDescriptor parseResourceDescriptor(JsonValue value)
      throws MalformedInputException {
    Objects.requireNonNull(value, "value");
    try {
      return descriptors.readDescriptor(value, "");
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /**
   * Writes a ResourceDescriptor as a JSON object.
   *
   * @param descriptor the descriptor
   * @return the object, unset fields left out
   */
  public JsonObject writeResourceDescriptor(ResourceDescriptor descriptor) {
    return DescriptorCodec.writeDescriptor(Objects.requireNonNull(descriptor, "descriptor"));
  }

  /**
   * Reads a DigestSet from a parsed value.
   *
   * @param value the object of algorithm names to digest values
   * @return the set
   * @throws MalformedInputException {@code MALFORMED_INPUT} if a value is not valid for its
   *     algorithm; {@code RESOURCE_LIMIT_EXCEEDED} for too many digests
   */
  public DigestSet parseDigestSet(JsonValue value) throws MalformedInputException {
    Objects.requireNonNull(value, "value");
    try {
      return descriptors.readDigestSet(value, "");
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /**
   * Writes a DigestSet as a JSON object, algorithms in name order.
   *
   * @param digest the set
   * @return the object
   */
  public JsonObject writeDigestSet(DigestSet digest) {
    return DescriptorCodec.writeDigestSet(Objects.requireNonNull(digest, "digest"));
  }

  /**
   * Parses a DSSE envelope in JSON form. {@code payload}, {@code payloadType}, {@code signatures}
   * and each {@code sig} are required; {@code keyid} is optional (unset means empty); unknown
   * fields are ignored. Base64 may use the standard alphabet with padding or the URL-safe one
   * with or without, never mixed, and never with whitespace or other characters.
   *
   * @param json the UTF-8 document
   * @return the envelope; nothing in it is trusted yet
   * @throws MalformedInputException {@code MALFORMED_INPUT} for invalid JSON, missing fields,
   *     wrong types or bad base64; {@code RESOURCE_LIMIT_EXCEEDED} beyond a limit, such as more
   *     than {@link JsonLimits#maxSignatures()} signatures
   */
  public Envelope parseEnvelope(byte[] json) throws MalformedInputException {
    Objects.requireNonNull(json, "json");
    try {
      return envelopes.parse(json);
    } catch (RuntimeException e) {
      throw internal(e);
    }
  }

  /**
   * Reads a stream of at most {@link JsonLimits#maxInputBytes()} bytes and parses it as a DSSE
   * envelope. At most one byte more than the limit is read. The stream is not closed.
   *
   * @param in the stream
   * @return the envelope
   * @throws IOException if reading fails
   * @throws MalformedInputException as {@link #parseEnvelope(byte[])}; {@code
   *     RESOURCE_LIMIT_EXCEEDED} as soon as the stream proves longer than the limit
   */
  public Envelope parseEnvelope(InputStream in) throws IOException, MalformedInputException {
    Objects.requireNonNull(in, "in");
    return parseEnvelope(BoundedInput.readAtMost(in, limits().maxInputBytes(), "envelope"));
  }

  /**
   * Writes a DSSE envelope: {@code payload}, {@code payloadType}, {@code signatures}, with
   * standard padded base64 and {@code keyid} left out when empty.
   *
   * @param envelope the envelope
   * @return the UTF-8 document
   */
  public byte[] writeEnvelope(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    return envelopes.write(envelope);
  }

  /**
   * Parses a JSON Lines document of DSSE envelopes ({@code .intoto.jsonl}). Blank lines are
   * ignored; lines that are not valid envelopes are skipped and reported in {@link
   * EnvelopeLines#skipped()}, as the in-toto bundle spec requires of consumers.
   *
   * @param data the document; each line is held to {@link JsonLimits#maxInputBytes()}
   * @return the envelopes and the skipped lines
   * @throws MalformedInputException {@code RESOURCE_LIMIT_EXCEEDED} if the document has more
   *     than {@link JsonLimits#maxJsonLines()} non-blank lines
   */
  public EnvelopeLines parseJsonLines(byte[] data) throws MalformedInputException {
    Objects.requireNonNull(data, "data");
    List<Envelope> read = new ArrayList<>();
    List<Finding> skipped = new ArrayList<>();
    try {
      envelopes.parseLines(data, read, skipped);
    } catch (RuntimeException e) {
      throw internal(e);
    }
    return new EnvelopeLines(read, skipped);
  }

  /**
   * Writes envelopes as JSON Lines: one compact envelope per line, each line ending in {@code \n}.
   *
   * @param list the envelopes
   * @return the UTF-8 document
   */
  public byte[] writeJsonLines(List<Envelope> list) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Envelope e : list) {
      byte[] line = writeEnvelope(e);
      out.write(line, 0, line.length);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** Wraps an unexpected failure on untrusted input, so no unchecked exception escapes. */
  private static MalformedInputException internal(RuntimeException e) {
    return Errors.unexpected(e, "");
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
