package dev.provenance.core.internal.chain;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Pointer (RFC 6901) parsing and resolution over {@link JsonValue} trees, and JSON value
 * equality with numbers compared by value.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonPointers {
  private JsonPointers() {}

  /**
   * Checks the syntax of a pointer.
   *
   * @param pointer the pointer
   * @throws IllegalArgumentException if it is neither empty nor starts with {@code /}, or has a
   *     {@code ~} not followed by {@code 0} or {@code 1}
   */
  public static void validate(String pointer) {
    tokens(pointer);
  }

  /**
   * Splits a pointer into unescaped reference tokens.
   *
   * @param pointer the pointer
   * @return the tokens; empty for the whole document
   * @throws IllegalArgumentException on bad syntax
   */
  public static List<String> tokens(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    if (pointer.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON Pointer starts with '/'");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= pointer.length(); i++) {
      if (i == pointer.length() || pointer.charAt(i) == '/') {
        out.add(sb.toString());
        sb.setLength(0);
        continue;
      }
      char c = pointer.charAt(i);
      if (c == '~') {
        char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
        if (next == '0') {
          sb.append('~');
        } else if (next == '1') {
          sb.append('/');
        } else {
          throw new IllegalArgumentException("'~' must be followed by '0' or '1'");
        }
        i++;
      } else {
        sb.append(c);
      }
    }
    return out;
  }

  /**
   * Resolves a pointer.
   *
   * @param root the document
   * @param pointer a valid pointer
   * @return the value, or empty when any token does not resolve
   */
  public static Optional<JsonValue> resolve(JsonValue root, String pointer) {
    JsonValue cur = root;
    for (String token : tokens(pointer)) {
      if (cur instanceof JsonObject) {
        JsonValue next = ((JsonObject) cur).members().get(token);
        if (next == null) {
          return Optional.empty();
        }
        cur = next;
      } else if (cur instanceof JsonArray) {
        List<JsonValue> elements = ((JsonArray) cur).elements();
        int index = arrayIndex(token);
        if (index < 0 || index >= elements.size()) {
          return Optional.empty();
        }
        cur = elements.get(index);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(cur);
  }

  private static int arrayIndex(String token) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(token);
  }

  /**
   * Returns whether two JSON values are equal: numbers by numeric value, objects by members
   * regardless of order, arrays element by element.
   *
   * @param a one value
   * @param b the other value
   * @return true if equal
   */
  public static boolean jsonEquals(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber && b instanceof JsonNumber) {
      return ((JsonNumber) a).decimalValue().compareTo(((JsonNumber) b).decimalValue()) == 0;
    }
    if (a instanceof JsonObject && b instanceof JsonObject) {
      Map<String, JsonValue> x = ((JsonObject) a).members();
      Map<String, JsonValue> y = ((JsonObject) b).members();
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<String, JsonValue> e : x.entrySet()) {
        JsonValue other = y.get(e.getKey());
        if (other == null || !jsonEquals(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof JsonArray && b instanceof JsonArray) {
      List<JsonValue> x = ((JsonArray) a).elements();
      List<JsonValue> y = ((JsonArray) b).elements();
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
