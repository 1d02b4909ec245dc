package dev.provenance.core.internal.intoto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.dsse.Pae;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * OLPC canonical JSON as securesystemslib's {@code encode_canonical} writes it, the byte form that
 * legacy in-toto metablock signatures and key ids are computed over: no whitespace, object members
 * sorted by name (code point order), only strings, integers, booleans and null; inside strings only
 * {@code \} and {@code "} are escaped and every other character, control characters included, is
 * written as its UTF-8 bytes.
 *
 * <p>Not API; may change without notice. Thread-safe.
 */
public final class CanonicalJson {
  /** Sorts member names by Unicode code point, as Python sorts {@code str}. */
  static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

  private CanonicalJson() {}

  /**
   * Encodes a value.
   *
   * @param value the value
   * @return the canonical UTF-8 bytes
   * @throws MalformedInputException with {@code MALFORMED_INPUT} and the JSON Pointer of the first
   *     value canonical JSON cannot represent (a number with a fraction or exponent, or text that
   *     is not well-formed Unicode)
   */
  public static byte[] encode(JsonValue value) throws MalformedInputException {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value, "");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder sb, JsonValue value, String pointer)
      throws MalformedInputException {
    if (value instanceof JsonString) {
      writeString(sb, ((JsonString) value).value(), pointer);
    } else if (value instanceof JsonObject) {
      List<Map.Entry<String, JsonValue>> members =
          new ArrayList<>(((JsonObject) value).members().entrySet());
      members.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> m : members) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        String child = pointer + "/" + escapePointer(m.getKey());
        writeString(sb, m.getKey(), child);
        sb.append(':');
        write(sb, m.getValue(), child);
      }
      sb.append('}');
    } else if (value instanceof JsonArray) {
      List<JsonValue> elements = ((JsonArray) value).elements();
      sb.append('[');
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, elements.get(i), pointer + "/" + i);
      }
      sb.append(']');
    } else if (value instanceof JsonNumber) {
      JsonNumber n = (JsonNumber) value;
      if (!n.isIntegral()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            pointer,
            "canonical JSON has no representation for the non-integer " + n.literal());
      }
      // Python reads -0 as the integer 0 and writes it back as 0.
      sb.append("-0".equals(n.literal()) ? "0" : n.literal());
    } else if (value instanceof JsonBoolean) {
      sb.append(((JsonBoolean) value).value() ? "true" : "false");
    } else if (value instanceof JsonNull) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("unknown JSON value " + value.getClass());
    }
  }

  private static void writeString(StringBuilder sb, String s, String pointer)
      throws MalformedInputException {
    if (!Pae.isWellFormed(s)) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, pointer, "text is not well-formed Unicode");
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  private static String escapePointer(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
