package dev.provenance.sigstore.internal.bundle;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.json.Pointers;
import dev.provenance.core.internal.util.StrictBase64;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads proto3 messages from a JSON tree the way the proto3 JSON mapping (protojson) does, but
 * strictly: each field may be spelled with its JSON name (lowerCamelCase) or its proto name
 * (snake_case), never both; {@code null} means the field is absent; int64 fields take a decimal
 * string or an integral number; bytes take standard or URL-safe base64, padded or not, but never
 * mixed alphabets, whitespace or non-zero trailing bits; timestamps are RFC 3339. Unknown fields
 * are ignored. Every failure is a {@link MalformedInputException} with the JSON Pointer of the
 * value. Stateless and thread-safe.
 */
public final class ProtoJson {
  private static final Pattern INT64 = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
  private static final Pattern RFC3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");

  private ProtoJson() {}

  /**
   * A present field: its value and the pointer it was found at.
   *
   * @param value the JSON value, never {@code null}
   * @param location the JSON Pointer of the value
   */
  public record Field(JsonValue value, String location) {}

  /**
   * Requires an object.
   *
   * @param value the value
   * @param location its pointer
   * @return the object
   * @throws MalformedInputException if it is not an object
   */
  public static JsonObject object(JsonValue value, String location) throws MalformedInputException {
    if (value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw malformed(location, "expected a JSON object, found " + kind(value));
  }

  /**
   * Looks a field up by its JSON name and its proto name.
   *
   * @param o the message object
   * @param location the pointer of the object
   * @param jsonName the lowerCamelCase name
   * @param protoName the snake_case name; may equal {@code jsonName}
   * @return the field, or empty if absent or {@code null}
   * @throws MalformedInputException if both spellings are present
   */
  public static Optional<Field> field(
      JsonObject o, String location, String jsonName, String protoName)
      throws MalformedInputException {
    JsonValue a = o.members().get(jsonName);
    JsonValue b = protoName.equals(jsonName) ? null : o.members().get(protoName);
    if (a != null && b != null) {
      throw malformed(
          Pointers.child(location, protoName),
          "field given twice, as " + jsonName + " and " + protoName);
    }
    String name = a != null ? jsonName : protoName;
    JsonValue v = a != null ? a : b;
    if (v == null || v == JsonNull.INSTANCE) {
      return Optional.empty();
    }
    return Optional.of(new Field(v, Pointers.child(location, name)));
  }

  /**
   * Looks a field up by its name, when the JSON and proto names coincide.
   *
   * @param o the message object
   * @param location the pointer of the object
   * @param name the field name
   * @return the field, or empty if absent or {@code null}
   * @throws MalformedInputException never for single-spelling names
   */
  public static Optional<Field> field(JsonObject o, String location, String name)
      throws MalformedInputException {
    return field(o, location, name, name);
  }

  /**
   * Requires a field.
   *
   * @param o the message object
   * @param location the pointer of the object
   * @param jsonName the lowerCamelCase name
   * @param protoName the snake_case name
   * @return the field
   * @throws MalformedInputException if it is absent, {@code null} or given twice
   */
  public static Field required(JsonObject o, String location, String jsonName, String protoName)
      throws MalformedInputException {
    Optional<Field> f = field(o, location, jsonName, protoName);
    if (f.isEmpty()) {
      throw malformed(Pointers.child(location, jsonName), "required field " + jsonName + " missing");
    }
    return f.get();
  }

  /**
   * Reads a string field value.
   *
   * @param f the field
   * @return the string
   * @throws MalformedInputException if it is not a string
   */
  public static String string(Field f) throws MalformedInputException {
    if (f.value() instanceof JsonString) {
      return ((JsonString) f.value()).value();
    }
    throw malformed(f.location(), "expected a string, found " + kind(f.value()));
  }

  /**
   * Reads a non-empty string field value.
   *
   * @param f the field
   * @return the string
   * @throws MalformedInputException if it is not a string or is empty
   */
  public static String nonEmptyString(Field f) throws MalformedInputException {
    String s = string(f);
    if (s.isEmpty()) {
      throw malformed(f.location(), "must not be empty");
    }
    return s;
  }

  /**
   * Reads an int64 field value: a decimal string or an integral JSON number.
   *
   * @param f the field
   * @return the value
   * @throws MalformedInputException if it is neither or out of range
   */
  public static long int64(Field f) throws MalformedInputException {
    String text;
    if (f.value() instanceof JsonString) {
      text = ((JsonString) f.value()).value();
    } else if (f.value() instanceof JsonNumber) {
      text = ((JsonNumber) f.value()).literal();
    } else {
      throw malformed(f.location(), "expected an int64 string or number, found " + kind(f.value()));
    }
    if (!INT64.matcher(text).matches()) {
      throw malformed(f.location(), "not a canonical int64");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw malformed(f.location(), "int64 out of range");
    }
  }

  /**
   * Reads a non-negative int64 field value.
   *
   * @param f the field
   * @return the value
   * @throws MalformedInputException if malformed or negative
   */
  public static long nonNegativeInt64(Field f) throws MalformedInputException {
    long v = int64(f);
    if (v < 0) {
      throw malformed(f.location(), "must not be negative");
    }
    return v;
  }

  /**
   * Reads a bytes field value.
   *
   * @param f the field
   * @param maxBytes the largest decoded size accepted
   * @return the decoded bytes
   * @throws MalformedInputException {@code MALFORMED_INPUT} for bad base64, {@code
   *     RESOURCE_LIMIT_EXCEEDED} above {@code maxBytes}
   */
  public static byte[] bytes(Field f, int maxBytes) throws MalformedInputException {
    String s = string(f);
    // protojson: the URL alphabet if '-' or '_' occurs, and unpadded input when the length is not
    // a multiple of four; the strict decoder wants padding for the standard alphabet.
    int rem = s.length() % 4;
    if (rem >= 2 && s.indexOf('-') < 0 && s.indexOf('_') < 0 && s.indexOf('=') < 0) {
      s = rem == 2 ? s + "==" : s + "=";
    }
    try {
      return StrictBase64.decode(s, maxBytes);
    } catch (StrictBase64.DecodingException e) {
      throw new MalformedInputException(
          e.isLimitExceeded() ? ErrorCode.RESOURCE_LIMIT_EXCEEDED : ErrorCode.MALFORMED_INPUT,
          f.location(),
          e.getMessage());
    }
  }

  /**
   * Reads a non-empty bytes field value.
   *
   * @param f the field
   * @param maxBytes the largest decoded size accepted
   * @return the decoded bytes
   * @throws MalformedInputException as {@link #bytes(Field, int)}, or if empty
   */
  public static byte[] nonEmptyBytes(Field f, int maxBytes) throws MalformedInputException {
    byte[] b = bytes(f, maxBytes);
    if (b.length == 0) {
      throw malformed(f.location(), "must not be empty");
    }
    return b;
  }

  /**
   * Reads a google.protobuf.Timestamp field value (RFC 3339).
   *
   * @param f the field
   * @return the instant
   * @throws MalformedInputException if it is not an RFC 3339 date-time
   */
  public static Instant timestamp(Field f) throws MalformedInputException {
    String s = string(f);
    if (!RFC3339.matcher(s).matches()) {
      throw malformed(f.location(), "not an RFC 3339 timestamp");
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(f.location(), "not a valid RFC 3339 timestamp");
    }
  }

  /**
   * Reads a repeated field value.
   *
   * @param f the field
   * @param max the most elements accepted
   * @return the elements
   * @throws MalformedInputException {@code MALFORMED_INPUT} if not an array or an element is
   *     {@code null}; {@code RESOURCE_LIMIT_EXCEEDED} above {@code max}
   */
  public static List<JsonValue> array(Field f, int max) throws MalformedInputException {
    if (!(f.value() instanceof JsonArray)) {
      throw malformed(f.location(), "expected a JSON array, found " + kind(f.value()));
    }
    List<JsonValue> elements = ((JsonArray) f.value()).elements();
    if (elements.size() > max) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          f.location(),
          elements.size() + " elements, more than the limit of " + max);
    }
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) == JsonNull.INSTANCE) {
        throw malformed(Pointers.child(f.location(), i), "null element in a repeated field");
      }
    }
    return elements;
  }

  /**
   * Reads an enum field value given by name or number.
   *
   * @param f the field
   * @param names the enum value names, indexed by number
   * @return the name
   * @throws MalformedInputException if it is neither a known name nor a known number
   */
  public static String enumName(Field f, List<String> names) throws MalformedInputException {
    if (f.value() instanceof JsonString) {
      String s = ((JsonString) f.value()).value();
      if (names.contains(s)) {
        return s;
      }
      throw malformed(f.location(), "unknown enum value " + abbreviate(s));
    }
    if (f.value() instanceof JsonNumber) {
      long n = int64(f);
      if (n >= 0 && n < names.size() && !names.get((int) n).isEmpty()) {
        return names.get((int) n);
      }
      throw malformed(f.location(), "unknown enum number " + n);
    }
    throw malformed(f.location(), "expected an enum name or number, found " + kind(f.value()));
  }

  /**
   * Returns the pointer of an array element.
   *
   * @param f the repeated field
   * @param index the element index
   * @return the element's pointer
   */
  public static String at(Field f, int index) {
    return Pointers.child(f.location(), index);
  }

  /**
   * Creates the exception for a malformed value.
   *
   * @param location the value's pointer
   * @param message what is wrong
   * @return the exception
   */
  public static MalformedInputException malformed(String location, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, location, message);
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  private static String kind(JsonValue v) {
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    if (v instanceof JsonString) {
      return "a string";
    }
    if (v instanceof JsonNumber) {
      return "a number";
    }
    if (v == JsonNull.INSTANCE) {
      return "null";
    }
    return "a boolean";
  }
}
