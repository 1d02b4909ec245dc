package dev.provenance.api.json;

import java.util.List;
import java.util.Map;

/**
 * A JSON value: one of {@link JsonObject}, {@link JsonArray}, {@link JsonString}, {@link
 * JsonNumber}, {@link JsonBoolean} or {@link JsonNull}. Values are immutable and compare by
 * content; object member order is kept but does not affect equality.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /**
   * Returns a JSON string.
   *
   * @param value the text
   * @return the value
   */
  static JsonString of(String value) {
    return new JsonString(value);
  }

  /**
   * Returns a JSON boolean.
   *
   * @param value the boolean
   * @return the value
   */
  static JsonBoolean of(boolean value) {
    return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
  }

  /**
   * Returns a JSON number.
   *
   * @param value the number
   * @return the value
   */
  static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /**
   * Returns a JSON array.
   *
   * @param values the elements
   * @return the value
   */
  static JsonArray of(List<? extends JsonValue> values) {
    return new JsonArray(List.copyOf(values));
  }

  /**
   * Returns a JSON object keeping the iteration order of {@code members}.
   *
   * @param members the members
   * @return the value
   */
  static JsonObject of(Map<String, ? extends JsonValue> members) {
    return JsonObject.of(members);
  }

  /**
   * Returns JSON null.
   *
   * @return the null value
   */
  static JsonNull nullValue() {
    return JsonNull.INSTANCE;
  }
}
