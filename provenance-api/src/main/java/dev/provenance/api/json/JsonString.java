package dev.provenance.api.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the decoded text
 */
public record JsonString(String value) implements JsonValue {
  /**
   * Checks that the value is not null.
   *
   * @param value the {@code value} component
   */
  public JsonString {
    Objects.requireNonNull(value, "value");
  }
}
