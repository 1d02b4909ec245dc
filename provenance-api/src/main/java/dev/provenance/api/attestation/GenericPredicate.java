package dev.provenance.api.attestation;

import dev.provenance.api.json.JsonObject;
import java.util.Objects;

/**
 * A predicate of a type without a typed model, kept exactly as JSON.
 *
 * @param predicateType the type URI
 * @param body the predicate object; empty when the statement has no predicate
 */
public record GenericPredicate(String predicateType, JsonObject body) implements Predicate {
  /**
   * Checks that no component is null or empty.
   *
   * @param predicateType the {@code predicateType} component
   * @param body the {@code body} component
   */
  public GenericPredicate {
    Objects.requireNonNull(predicateType, "predicateType");
    Objects.requireNonNull(body, "body");
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("empty predicateType");
    }
  }

  /**
   * Returns a predicate.
   *
   * @param predicateType the type URI
   * @param body the predicate object
   * @return the predicate
   */
  public static GenericPredicate of(String predicateType, JsonObject body) {
    return new GenericPredicate(predicateType, body);
  }
}
