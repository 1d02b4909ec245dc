package dev.provenance.api.json;

import dev.provenance.api.internal.Collections2;
import java.util.List;

/**
 * A JSON array.
 *
 * @param elements the elements, in order; never null
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /**
   * Makes an unmodifiable copy of the elements.
   *
   * @param elements the {@code elements} component
   */
  public JsonArray {
    elements = Collections2.listCopy(elements, "elements");
  }
}
