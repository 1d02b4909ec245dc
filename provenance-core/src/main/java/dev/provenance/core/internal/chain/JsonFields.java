package dev.provenance.core.internal.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the members of a parsed JSON document, each failure a {@link
 * MalformedInputException} whose location is the JSON Pointer of the offending member.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonFields {
  private JsonFields() {}

  /**
   * Returns the pointer of a member.
   *
   * @param pointer the pointer of the parent
   * @param name the member name or array index
   * @return the child pointer, with {@code ~} and {@code /} escaped
   */
  public static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Returns the pointer of an array element.
   *
   * @param pointer the pointer of the array
   * @param index the index
   * @return the child pointer
   */
  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  /**
   * Rejects members outside the allowed set: a misspelt member of a policy must not silently
   * disable a rule.
   *
   * @param object the object
   * @param pointer its pointer
   * @param allowed the member names allowed
   * @throws MalformedInputException naming the first unknown member
   */
  public static void rejectUnknown(JsonObject object, String pointer, Set<String> allowed)
      throws MalformedInputException {
    for (String name : object.members().keySet()) {
      if (!allowed.contains(name)) {
        throw malformed(child(pointer, name), "unknown member \"" + name + "\"");
      }
    }
  }

  /**
   * Returns a member that must be an object.
   *
   * @param value the value
   * @param pointer its pointer
   * @return the object
   * @throws MalformedInputException if it is not an object
   */
  public static JsonObject asObject(JsonValue value, String pointer)
      throws MalformedInputException {
    if (value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw malformed(pointer, "expected an object");
  }

  /**
   * Returns a member that must be an array.
   *
   * @param value the value
   * @param pointer its pointer
   * @return the array elements
   * @throws MalformedInputException if it is not an array
   */
  public static List<JsonValue> asArray(JsonValue value, String pointer)
      throws MalformedInputException {
    if (value instanceof JsonArray) {
      return ((JsonArray) value).elements();
    }
    throw malformed(pointer, "expected an array");
  }

  /**
   * Returns a value that must be a string.
   *
   * @param value the value
   * @param pointer its pointer
   * @return the string
   * @throws MalformedInputException if it is not a string
   */
  public static String asString(JsonValue value, String pointer) throws MalformedInputException {
    if (value instanceof JsonString) {
      return ((JsonString) value).value();
    }
    throw malformed(pointer, "expected a string");
  }

  /**
   * Returns a required member.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @return the value
   * @throws MalformedInputException if absent
   */
  public static JsonValue required(JsonObject object, String pointer, String name)
      throws MalformedInputException {
    Optional<JsonValue> v = object.get(name);
    if (v.isEmpty()) {
      throw malformed(child(pointer, name), "missing required member \"" + name + "\"");
    }
    return v.get();
  }

  /**
   * Returns a required non-empty string member.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @return the string
   * @throws MalformedInputException if absent, not a string or empty
   */
  public static String requiredString(JsonObject object, String pointer, String name)
      throws MalformedInputException {
    String s = asString(required(object, pointer, name), child(pointer, name));
    if (s.isEmpty()) {
      throw malformed(child(pointer, name), "empty string");
    }
    return s;
  }

  /**
   * Returns an optional non-empty string member.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @return the string, or empty when absent
   * @throws MalformedInputException if present but not a non-empty string
   */
  public static Optional<String> optionalString(JsonObject object, String pointer, String name)
      throws MalformedInputException {
    if (object.get(name).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(requiredString(object, pointer, name));
  }

  /**
   * Returns an optional array of strings; empty when absent.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @return the strings
   * @throws MalformedInputException if present but not an array of strings
   */
  public static List<String> stringList(JsonObject object, String pointer, String name)
      throws MalformedInputException {
    Optional<JsonValue> v = object.get(name);
    if (v.isEmpty()) {
      return List.of();
    }
    return strings(v.get(), child(pointer, name));
  }

  /**
   * Returns an array of strings.
   *
   * @param value the value
   * @param pointer its pointer
   * @return the strings
   * @throws MalformedInputException if not an array of strings
   */
  public static List<String> strings(JsonValue value, String pointer)
      throws MalformedInputException {
    List<JsonValue> elements = asArray(value, pointer);
    List<String> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(asString(elements.get(i), child(pointer, i)));
    }
    return out;
  }

  /**
   * Returns an optional boolean member.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @param otherwise the value when absent
   * @return the boolean
   * @throws MalformedInputException if present but not a boolean
   */
  public static boolean optionalBoolean(
      JsonObject object, String pointer, String name, boolean otherwise)
      throws MalformedInputException {
    Optional<JsonValue> v = object.get(name);
    if (v.isEmpty()) {
      return otherwise;
    }
    if (v.get() instanceof JsonBoolean) {
      return ((JsonBoolean) v.get()).value();
    }
    throw malformed(child(pointer, name), "expected true or false");
  }

  /**
   * Returns an optional integer member within bounds.
   *
   * @param object the object
   * @param pointer its pointer
   * @param name the member
   * @param otherwise the value when absent
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the integer
   * @throws MalformedInputException if present but not an integer within bounds
   */
  public static int optionalInt(
      JsonObject object, String pointer, String name, int otherwise, int min, int max)
      throws MalformedInputException {
    Optional<JsonValue> v = object.get(name);
    if (v.isEmpty()) {
      return otherwise;
    }
    String p = child(pointer, name);
    if (!(v.get() instanceof JsonNumber) || !((JsonNumber) v.get()).isIntegral()) {
      throw malformed(p, "expected an integer");
    }
    long n;
    try {
      n = ((JsonNumber) v.get()).longValueExact();
    } catch (ArithmeticException e) {
      throw malformed(p, "integer out of range");
    }
    if (n < min || n > max) {
      throw malformed(p, "expected an integer from " + min + " to " + max);
    }
    return (int) n;
  }

  /**
   * Returns a malformed-input failure.
   *
   * @param pointer where
   * @param message what
   * @return the exception
   */
  public static MalformedInputException malformed(String pointer, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, pointer, message);
  }
}
