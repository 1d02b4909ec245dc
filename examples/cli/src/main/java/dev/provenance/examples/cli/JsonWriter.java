package dev.provenance.examples.cli;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.util.Map;

/** Writes the CLI's own results as compact JSON. Stateless and thread-safe. */
final class JsonWriter {
  private JsonWriter() {}

  static String write(JsonValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(JsonValue value, StringBuilder sb) {
    if (value instanceof JsonObject) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : ((JsonObject) value).members().entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof JsonArray) {
      sb.append('[');
      boolean first = true;
      for (JsonValue v : ((JsonArray) value).elements()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(v, sb);
      }
      sb.append(']');
    } else if (value instanceof JsonString) {
      string(((JsonString) value).value(), sb);
    } else if (value instanceof JsonNumber) {
      sb.append(((JsonNumber) value).literal());
    } else if (value instanceof JsonBoolean) {
      sb.append(((JsonBoolean) value).value());
    } else if (value instanceof JsonNull) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("unknown JSON value " + value.getClass());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
