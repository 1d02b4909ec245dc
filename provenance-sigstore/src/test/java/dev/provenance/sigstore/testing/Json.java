package dev.provenance.sigstore.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for test fixtures (trusted roots and bundles from peer projects): objects
 * become {@code Map}, arrays {@code List}, strings {@code String}, numbers {@code String} (the
 * literal), {@code true/false} {@code Boolean}, {@code null} a marker. Production parsing lives in
 * the core module; tests only need to reach into well-formed peer data.
 */
public final class Json {
  /** The JSON {@code null}. */
  public static final Object NULL = new Object();

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * @param text the document
   * @return the value
   */
  public static Object parse(String text) {
    Json json = new Json(text);
    Object value = json.value();
    json.skipSpace();
    if (json.pos != text.length()) {
      throw new IllegalArgumentException("trailing data at " + json.pos);
    }
    return value;
  }

  /**
   * Follows a path of object keys and array indexes.
   *
   * @param root the parsed document
   * @param path keys (String) and indexes (Integer)
   * @return the value, or null when a step is missing
   */
  @SuppressWarnings("unchecked")
  public static Object at(Object root, Object... path) {
    Object current = root;
    for (Object step : path) {
      if (step instanceof String && current instanceof Map) {
        current = ((Map<String, Object>) current).get(step);
      } else if (step instanceof Integer && current instanceof List) {
        List<Object> list = (List<Object>) current;
        int i = (Integer) step;
        current = i < list.size() ? list.get(i) : null;
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /**
   * Returns a list at a path, or an empty list.
   *
   * @param root the parsed document
   * @param path the path
   * @return the list
   */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object root, Object... path) {
    Object value = at(root, path);
    return value instanceof List ? (List<Object>) value : List.of();
  }

  /**
   * Returns a string at a path, or null.
   *
   * @param root the parsed document
   * @param path the path
   * @return the string or null
   */
  public static String string(Object root, Object... path) {
    Object value = at(root, path);
    return value instanceof String ? (String) value : null;
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        expect("true");
        return Boolean.TRUE;
      case 'f':
        expect("false");
        return Boolean.FALSE;
      case 'n':
        expect("null");
        return NULL;
      default:
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
          pos++;
        }
        if (start == pos) {
          throw new IllegalArgumentException("unexpected '" + c + "' at " + pos);
        }
        return text.substring(start, pos);
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(":");
      out.put(key, value());
      skipSpace();
      char c = text.charAt(pos++);
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected ',' or '}' at " + pos);
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == ']') {
      pos++;
      return out;
    }
    while (true) {
      out.add(value());
      skipSpace();
      char c = text.charAt(pos++);
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected ',' or ']' at " + pos);
      }
    }
  }

  private String string() {
    if (text.charAt(pos) != '"') {
      throw new IllegalArgumentException("expected string at " + pos);
    }
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n':
          sb.append('\n');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'u':
          sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
          break;
        default:
          sb.append(e);
      }
    }
  }

  private void expect(String token) {
    if (!text.startsWith(token, pos)) {
      throw new IllegalArgumentException("expected " + token + " at " + pos);
    }
    pos += token.length();
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
