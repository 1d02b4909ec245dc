package dev.provenance.api.json;

import dev.provenance.api.internal.Collections2;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object. Member order is kept as given (as read, or as inserted) and is the order in which
 * it is written; equality ignores order, as JSON does.
 *
 * @param members the members, in order; never null
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
  private static final JsonObject EMPTY = new JsonObject(Map.of());

  /**
   * Makes an ordered, unmodifiable copy of the members.
   *
   * @param members the {@code members} component
   */
  public JsonObject {
    members = Collections2.orderedCopy(members, "members");
  }

  /**
   * Returns an object with the given members, in their iteration order.
   *
   * @param members the members
   * @return the object
   */
  @SuppressWarnings("unchecked")
  public static JsonObject of(Map<String, ? extends JsonValue> members) {
    return members.isEmpty() ? EMPTY : new JsonObject((Map<String, JsonValue>) members);
  }

  /**
   * Returns the empty object.
   *
   * @return {@code {}}
   */
  public static JsonObject empty() {
    return EMPTY;
  }

  /**
   * Returns a builder that keeps insertion order.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the member with the given name.
   *
   * @param name the member name
   * @return the value, or empty if absent
   */
  public Optional<JsonValue> get(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /**
   * Returns whether there are no members.
   *
   * @return true for {@code {}}
   */
  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** Builds a {@link JsonObject}. Not thread-safe. */
  public static final class Builder {
    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds or replaces a member.
     *
     * @param name the member name
     * @param value the value
     * @return this builder
     */
    public Builder put(String name, JsonValue value) {
      members.put(name, value);
      return this;
    }

    /**
     * Adds or replaces a string member.
     *
     * @param name the member name
     * @param value the text
     * @return this builder
     */
    public Builder put(String name, String value) {
      return put(name, new JsonString(value));
    }

    /**
     * Returns the object.
     *
     * @return a new object with the members added so far
     */
    public JsonObject build() {
      return new JsonObject(members);
    }
  }
}
