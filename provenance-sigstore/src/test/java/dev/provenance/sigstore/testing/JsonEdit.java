package dev.provenance.sigstore.testing;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Edits JSON documents by JSON Pointer, for building hostile variants of valid documents. */
public final class JsonEdit {
  private JsonEdit() {}

  public static JsonValue parse(byte[] json) {
    try {
      return JsonCodec.standard().parseValue(json);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  public static byte[] write(JsonValue v) {
    return JsonCodec.standard().write(v);
  }

  /** Replaces (or adds) the value at a pointer; a null value removes it. */
  public static byte[] set(byte[] json, String pointer, JsonValue value) {
    return write(set(parse(json), tokens(pointer), 0, value));
  }

  public static byte[] remove(byte[] json, String pointer) {
    return set(json, pointer, null);
  }

  /** Returns the value at a pointer. */
  public static JsonValue get(byte[] json, String pointer) {
    JsonValue v = parse(json);
    for (String t : tokens(pointer)) {
      v = v instanceof JsonObject ? ((JsonObject) v).members().get(t) : ((JsonArray) v).elements().get(Integer.parseInt(t));
    }
    return v;
  }

  private static JsonValue set(JsonValue node, List<String> path, int i, JsonValue value) {
    String t = path.get(i);
    boolean last = i == path.size() - 1;
    if (node instanceof JsonObject) {
      Map<String, JsonValue> m = new LinkedHashMap<>(((JsonObject) node).members());
      if (last) {
        if (value == null) {
          m.remove(t);
        } else {
          m.put(t, value);
        }
      } else {
        m.put(t, set(m.get(t), path, i + 1, value));
      }
      return new JsonObject(m);
    }
    List<JsonValue> l = new ArrayList<>(((JsonArray) node).elements());
    int idx = Integer.parseInt(t);
    if (last) {
      if (value == null) {
        l.remove(idx);
      } else if (idx == l.size()) {
        l.add(value);
      } else {
        l.set(idx, value);
      }
    } else {
      l.set(idx, set(l.get(idx), path, i + 1, value));
    }
    return new JsonArray(l);
  }

  private static List<String> tokens(String pointer) {
    List<String> out = new ArrayList<>();
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }
}
