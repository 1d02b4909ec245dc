package dev.provenance.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.io.IOException;
import java.util.Map;

/**
 * Writes {@link JsonValue} trees: compact, member order as held, numbers as their exact literal.
 * Not API; may change without notice. Thread-safe: stateless.
 */
public final class TreeWriter {
  private TreeWriter() {}

  /**
   * Writes a value.
   *
   * @param g the generator
   * @param value the value
   * @throws IOException from the generator
   */
  public static void write(JsonGenerator g, JsonValue value) throws IOException {
    if (value instanceof JsonObject) {
      g.writeStartObject();
      for (Map.Entry<String, JsonValue> e : ((JsonObject) value).members().entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof JsonArray) {
      g.writeStartArray();
      for (JsonValue v : ((JsonArray) value).elements()) {
        write(g, v);
      }
      g.writeEndArray();
    } else if (value instanceof JsonString) {
      g.writeString(((JsonString) value).value());
    } else if (value instanceof JsonNumber) {
      g.writeNumber(((JsonNumber) value).literal());
    } else if (value instanceof JsonBoolean) {
      g.writeBoolean(((JsonBoolean) value).value());
    } else {
      g.writeNull();
    }
  }
}
