package dev.provenance.core.internal.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the members of a parsed JSON object into record components, following the parsing rules
 * shared by in-toto, SLSA and DSSE (all defined through protocol buffers): unknown members are
 * ignored, and an absent member, a {@code null} and an empty string, array or object all mean
 * "unset". Every failure is a {@code MALFORMED_INPUT} located at the member's JSON Pointer.
 *
 * <p>Not API; may change without notice. Not thread-safe; cheap to create per object.
 */
public final class ObjectReader {
  private final JsonObject object;
  private final Location location;

  private ObjectReader(JsonObject object, Location location) {
    this.object = object;
    this.location = location;
  }

  /**
   * Returns a reader over a value that must be an object.
   *
   * @param value the value
   * @param pointer where the value is
   * @return the reader
   * @throws MalformedInputException if the value is not an object
   */
  public static ObjectReader of(JsonValue value, String pointer) throws MalformedInputException {
    return of(value, Location.of(pointer));
  }

  /**
   * Returns a reader over a value that must be an object.
   *
   * @param value the value
   * @param location where the value is
   * @return the reader
   * @throws MalformedInputException if the value is not an object
   */
  public static ObjectReader of(JsonValue value, Location location) throws MalformedInputException {
    if (!(value instanceof JsonObject)) {
      throw wrongType(location.toString(), "an object", value);
    }
    return new ObjectReader((JsonObject) value, location);
  }

  /**
   * Returns the object read.
   *
   * @return the object
   */
  public JsonObject object() {
    return object;
  }

  /**
   * Returns the pointer of the object.
   *
   * @return the JSON Pointer
   */
  public String pointer() {
    return location.toString();
  }

  /**
   * Returns the pointer of a member.
   *
   * @param name the member name
   * @return the JSON Pointer
   */
  public String pointer(String name) {
    return Pointers.child(location.toString(), name);
  }

  /**
   * Returns the location of a member, rendered only if a failure asks for it.
   *
   * @param name the member name
   * @return the location
   */
  public Location location(String name) {
    return location.child(name);
  }

  /**
   * Returns a member's value unless it is absent or null.
   *
   * @param name the member name
   * @return the value
   */
  public Optional<JsonValue> value(String name) {
    return Optional.ofNullable(raw(name));
  }

  /** The member's value, or null when it is absent or null. */
  private JsonValue raw(String name) {
    JsonValue v = object.members().get(name);
    return v == JsonNull.INSTANCE ? null : v;
  }

  /** The member's string value, or null when it is unset or empty. */
  private String string(String name) throws MalformedInputException {
    JsonValue v = raw(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonString)) {
      throw wrongType(pointer(name), "a string", v);
    }
    String s = ((JsonString) v).value();
    return s.isEmpty() ? null : s;
  }

  /**
   * Reads an optional string member; the empty string counts as unset.
   *
   * @param name the member name
   * @return the string, or empty when unset
   * @throws MalformedInputException if the member is not a string
   */
  public Optional<String> optionalString(String name) throws MalformedInputException {
    return Optional.ofNullable(string(name));
  }

  /**
   * Reads a required, non-empty string member.
   *
   * @param name the member name
   * @return the string
   * @throws MalformedInputException if the member is unset or not a string
   */
  public String requiredString(String name) throws MalformedInputException {
    String s = string(name);
    if (s == null) {
      throw missing(name);
    }
    return s;
  }

  /**
   * Reads an optional object member.
   *
   * @param name the member name
   * @return a reader over the object, or empty when unset (an empty object counts as unset)
   * @throws MalformedInputException if the member is not an object
   */
  public Optional<ObjectReader> optionalObject(String name) throws MalformedInputException {
    return Optional.ofNullable(object(name));
  }

  /** A reader over the member's object, or null when it is unset or empty. */
  private ObjectReader object(String name) throws MalformedInputException {
    JsonValue v = raw(name);
    if (v == null) {
      return null;
    }
    ObjectReader r = of(v, location.child(name));
    return r.object.isEmpty() ? null : r;
  }

  /**
   * Reads a required, non-empty object member.
   *
   * @param name the member name
   * @return a reader over the object
   * @throws MalformedInputException if the member is unset, empty or not an object
   */
  public ObjectReader requiredObject(String name) throws MalformedInputException {
    ObjectReader r = object(name);
    if (r == null) {
      throw missing(name);
    }
    return r;
  }

  /**
   * Reads an object member kept as free-form JSON.
   *
   * @param name the member name
   * @return the object; empty when unset
   * @throws MalformedInputException if the member is not an object
   */
  public JsonObject objectOrEmpty(String name) throws MalformedInputException {
    JsonValue v = raw(name);
    if (v == null) {
      return JsonObject.empty();
    }
    if (!(v instanceof JsonObject)) {
      throw wrongType(pointer(name), "an object", v);
    }
    JsonObject o = (JsonObject) v;
    return o.isEmpty() ? JsonObject.empty() : o;
  }

  /**
   * Reads an array member.
   *
   * @param name the member name
   * @return the elements; empty when unset
   * @throws MalformedInputException if the member is not an array
   */
  public List<JsonValue> arrayOrEmpty(String name) throws MalformedInputException {
    JsonValue v = raw(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray)) {
      throw wrongType(pointer(name), "an array", v);
    }
    return ((JsonArray) v).elements();
  }

  /**
   * Reads an array of strings.
   *
   * @param name the member name
   * @return the strings; empty when unset
   * @throws MalformedInputException if the member is not an array of strings
   */
  public List<String> stringList(String name) throws MalformedInputException {
    List<JsonValue> elements = arrayOrEmpty(name);
    List<String> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      JsonValue e = elements.get(i);
      if (!(e instanceof JsonString)) {
        throw wrongType(Pointers.child(pointer(name), i), "a string", e);
      }
      out.add(((JsonString) e).value());
    }
    return out;
  }

  /**
   * Reads an object whose members are all strings, keeping member order.
   *
   * @param name the member name
   * @return the map; empty when unset
   * @throws MalformedInputException if the member is not such an object
   */
  public Map<String, String> stringMap(String name) throws MalformedInputException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : objectOrEmpty(name).members().entrySet()) {
      if (!(e.getValue() instanceof JsonString)) {
        throw wrongType(Pointers.child(pointer(name), e.getKey()), "a string", e.getValue());
      }
      out.put(e.getKey(), ((JsonString) e.getValue()).value());
    }
    return out;
  }

  /**
   * Reads an object whose members are all non-negative integers, keeping member order.
   *
   * @param name the member name
   * @return the map; empty when unset
   * @throws MalformedInputException if the member is not such an object
   */
  public Map<String, Long> countMap(String name) throws MalformedInputException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : objectOrEmpty(name).members().entrySet()) {
      if (!(e.getValue() instanceof JsonNumber)) {
        throw wrongType(Pointers.child(pointer(name), e.getKey()), "a non-negative integer", e.getValue());
      }
      long n;
      try {
        n = ((JsonNumber) e.getValue()).longValueExact();
      } catch (ArithmeticException ex) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            Pointers.child(pointer(name), e.getKey()),
            "expected a non-negative 64-bit integer");
      }
      if (n < 0) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            Pointers.child(pointer(name), e.getKey()),
            "expected a non-negative integer");
      }
      out.put(e.getKey(), n);
    }
    return out;
  }

  /**
   * Reads an optional RFC 3339 UTC timestamp.
   *
   * @param name the member name
   * @return the instant, or empty when unset
   * @throws MalformedInputException if the member is not such a timestamp
   */
  public Optional<Instant> optionalTimestamp(String name) throws MalformedInputException {
    Optional<String> s = optionalString(name);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Timestamps.parse(s.get()));
    } catch (DateTimeException e) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT,
          pointer(name),
          "expected an RFC 3339 UTC timestamp such as 2024-01-31T12:00:00Z",
          e);
    }
  }

  /**
   * Returns a {@code MALFORMED_INPUT} exception for a required member that is unset.
   *
   * @param name the member name
   * @return the exception, for the caller to throw
   */
  public MalformedInputException missing(String name) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, pointer(name), "required field " + name + " is missing");
  }

  /**
   * Returns a {@code MALFORMED_INPUT} exception for a member.
   *
   * @param name the member name
   * @param message what is wrong
   * @return the exception, for the caller to throw
   */
  public MalformedInputException invalid(String name, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, pointer(name), message);
  }

  /**
   * Returns a {@code MALFORMED_INPUT} exception for a value of the wrong JSON type.
   *
   * @param pointer where the value is
   * @param expected what was expected
   * @param found what was found
   * @return the exception, for the caller to throw
   */
  public static MalformedInputException wrongType(String pointer, String expected, JsonValue found) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, pointer, "expected " + expected + ", found " + describe(found));
  }

  static String describe(JsonValue v) {
    if (v instanceof JsonObject) {
      return "an object";
    } else if (v instanceof JsonArray) {
      return "an array";
    } else if (v instanceof JsonString) {
      return "a string";
    } else if (v instanceof JsonNumber) {
      return "a number";
    } else if (v == JsonNull.INSTANCE) {
      return "null";
    } else {
      return "a boolean";
    }
  }
}
