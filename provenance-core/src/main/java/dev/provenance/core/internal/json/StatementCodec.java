package dev.provenance.core.internal.json;

import com.fasterxml.jackson.core.JsonToken;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.core.json.PredicateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes in-toto Statements (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md">spec</a>), v1 and
 * the legacy v0.1. The top level is streamed so the subject count is capped before subjects are
 * built; each subject and the predicate are read as trees and then mapped.
 *
 * <p>Errors come in a fixed order, independent of member order: syntax, limits and the JSON types
 * of the top-level members first, then an unsupported {@code _type} ({@code UNSUPPORTED_FORMAT}),
 * then the content of subjects and predicate.
 *
 * <p>Not API; may change without notice. Thread-safe: immutable.
 */
public final class StatementCodec {
  private static final Location SUBJECT = Location.of("/subject");

  private final JsonEngine engine;
  private final DescriptorCodec descriptors;
  private final Map<String, PredicateCodec> predicateCodecs;

  /**
   * Creates the codec.
   *
   * @param engine the JSON engine
   * @param descriptors reads subjects
   * @param predicateCodecs typed predicate codecs by type URI
   */
  public StatementCodec(
      JsonEngine engine, DescriptorCodec descriptors, Map<String, PredicateCodec> predicateCodecs) {
    this.engine = engine;
    this.descriptors = descriptors;
    this.predicateCodecs = predicateCodecs;
  }

  /**
   * Parses a statement.
   *
   * @param json the document
   * @return the statement
   * @throws MalformedInputException on any failure
   */
  public Statement parse(byte[] json) throws MalformedInputException {
    JsonLimits limits = engine.limits();
    String type = null;
    List<JsonValue> subjects = null;
    String predicateType = null;
    JsonValue predicate = null;
    try (StrictReader r = engine.open(json)) {
      if (r.next() != JsonToken.START_OBJECT) {
        throw r.wrongType("a statement object");
      }
      while (r.next() == JsonToken.FIELD_NAME) {
        String name = r.text();
        JsonToken t = r.next();
        switch (name) {
          case "_type":
            type = optionalString(r, t);
            break;
          case "subject":
            if (t == JsonToken.START_ARRAY) {
              subjects = new ArrayList<>();
              while (r.next() != JsonToken.END_ARRAY) {
                if (subjects.size() >= limits.maxSubjects()) {
                  throw r.limitExceeded(
                      "statement has more than " + limits.maxSubjects() + " subjects");
                }
                subjects.add(r.readValue());
              }
            } else if (t != JsonToken.VALUE_NULL) {
              throw r.wrongType("an array");
            }
            break;
          case "predicateType":
            predicateType = optionalString(r, t);
            break;
          case "predicate":
            if (t != JsonToken.START_OBJECT && t != JsonToken.VALUE_NULL) {
              throw r.wrongType("an object");
            }
            predicate = r.readValue();
            break;
          default:
            r.skipValue(); // unknown fields are ignored (in-toto parsing rules)
            break;
        }
      }
      r.expectEnd();
    }
    if (type == null || type.isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "/_type", "statement has no _type");
    }
    if (!type.equals(Statement.TYPE_V1) && !type.equals(Statement.TYPE_V01)) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "/_type", "unsupported statement _type " + type);
    }
    // one shared instance instead of a copy per statement kept in every verified chain
    type = type.equals(Statement.TYPE_V1) ? Statement.TYPE_V1 : Statement.TYPE_V01;
    if (subjects == null || subjects.isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "/subject", "a statement needs at least one subject");
    }
    List<ResourceDescriptor> subject = new ArrayList<>(subjects.size());
    for (int i = 0; i < subjects.size(); i++) {
      Location at = SUBJECT.child(i);
      ResourceDescriptor rd = descriptors.readDescriptor(subjects.get(i), at);
      if (rd.digest().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, at + "/digest", "every subject needs a digest");
      }
      subject.add(rd);
    }
    if (predicateType == null || predicateType.isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "/predicateType", "statement has no predicateType");
    }
    JsonObject body = predicate instanceof JsonObject ? (JsonObject) predicate : JsonObject.empty();
    return new Statement(type, subject, readPredicate(predicateType, body, "/predicate"));
  }

  /**
   * Reads a predicate with the codec registered for its type, or as a generic predicate.
   *
   * @param predicateType the type URI
   * @param body the predicate object
   * @param pointer where the predicate is, to locate errors
   * @return the predicate
   * @throws MalformedInputException if the typed codec rejects the object
   */
  public Predicate readPredicate(String predicateType, JsonObject body, String pointer)
      throws MalformedInputException {
    PredicateCodec codec = predicateCodecs.get(predicateType);
    if (codec == null) {
      return GenericPredicate.of(predicateType, body);
    }
    Predicate p;
    try {
      p = codec.read(body);
    } catch (MalformedInputException e) {
      throw Errors.relocate(e, pointer);
    } catch (RuntimeException e) {
      throw Errors.unexpected(e, pointer);
    }
    if (p == null || !predicateType.equals(p.predicateType())) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT,
          pointer,
          "the codec for " + predicateType + " returned a predicate of another type");
    }
    return p;
  }

  /**
   * Writes a predicate: a generic predicate's body as held, a typed one through its codec.
   *
   * @param predicate the predicate
   * @return the predicate object
   * @throws IllegalArgumentException if no codec writes the predicate's type
   */
  public JsonObject writePredicate(Predicate predicate) {
    if (predicate instanceof GenericPredicate) {
      return ((GenericPredicate) predicate).body();
    }
    PredicateCodec codec = predicateCodecs.get(predicate.predicateType());
    if (codec == null) {
      throw new IllegalArgumentException(
          "no predicate codec registered for " + predicate.predicateType());
    }
    return codec.write(predicate);
  }

  /**
   * Writes a statement with {@code _type} v1.
   *
   * @param statement the statement
   * @return the document
   */
  public byte[] write(Statement statement) {
    JsonObject predicate = writePredicate(statement.predicate());
    JsonArray subject = DescriptorCodec.writeDescriptors(statement.subject());
    return engine.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("_type", Statement.TYPE_V1);
          g.writeFieldName("subject");
          TreeWriter.write(g, subject);
          g.writeStringField("predicateType", statement.predicateType());
          g.writeFieldName("predicate");
          TreeWriter.write(g, predicate);
          g.writeEndObject();
        });
  }

  private static String optionalString(StrictReader r, JsonToken t)
      throws MalformedInputException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw r.wrongType("a string");
    }
    return r.text();
  }
}
