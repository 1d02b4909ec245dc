package dev.provenance.core.chain;

import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.internal.Collections2;
import dev.provenance.core.internal.chain.Glob;
import dev.provenance.core.internal.chain.JsonPointers;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A constraint on one value of a step's verified predicate, addressed by a JSON Pointer (<a
 * href="https://www.rfc-editor.org/rfc/rfc6901">RFC 6901</a>) relative to the predicate object,
 * for example {@code /runDetails/builder/id} or {@code /buildDefinition/buildType} of SLSA
 * Provenance v1. An absent value never satisfies a constraint.
 *
 * <p>{@link Operator#EQUALS} and {@link Operator#ONE_OF} compare JSON values (numbers by value);
 * {@link Operator#REGEX} must match the whole string value (anchored); {@link Operator#GLOB} uses
 * the artifact-rule glob syntax. Instances are immutable and thread-safe.
 *
 * @param pointer the JSON Pointer into the predicate
 * @param operator how the value is compared
 * @param values one value for {@code EQUALS}, {@code REGEX} and {@code GLOB} (a string for the
 *     last two), one or more for {@code ONE_OF}
 */
public record AttributeConstraint(String pointer, Operator operator, List<JsonValue> values) {

  /** How a constraint compares the value it addresses. */
  public enum Operator {
    /** The value equals the one given. */
    EQUALS,
    /** The value equals one of those given. */
    ONE_OF,
    /** The value is a string that the regular expression matches in full. */
    REGEX,
    /** The value is a string that the glob matches. */
    GLOB
  }

  /**
   * Checks every component.
   *
   * @param pointer the {@code pointer} component
   * @param operator the {@code operator} component
   * @param values the {@code values} component
   * @throws IllegalArgumentException if the pointer is not a JSON Pointer, the number of values
   *     does not fit the operator, or a regular expression or glob does not compile
   */
  public AttributeConstraint {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(operator, "operator");
    values = Collections2.listCopy(values, "values");
    JsonPointers.validate(pointer);
    if (operator == Operator.ONE_OF ? values.isEmpty() : values.size() != 1) {
      throw new IllegalArgumentException(operator + " takes " + (operator == Operator.ONE_OF ? "one or more values" : "exactly one value"));
    }
    if (operator == Operator.REGEX || operator == Operator.GLOB) {
      if (!(values.get(0) instanceof JsonString)) {
        throw new IllegalArgumentException(operator + " takes a string");
      }
      String p = ((JsonString) values.get(0)).value();
      if (operator == Operator.REGEX) {
        try {
          Pattern.compile(p);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("invalid regular expression: " + e.getDescription(), e);
        }
      } else {
        Glob.compile(p);
      }
    }
  }

  /**
   * Returns a constraint that the value equals a string.
   *
   * @param pointer the JSON Pointer into the predicate
   * @param value the expected string
   * @return the constraint
   */
  public static AttributeConstraint equalTo(String pointer, String value) {
    return new AttributeConstraint(pointer, Operator.EQUALS, List.of(JsonValue.of(value)));
  }

  /**
   * Returns a constraint that the value equals a JSON value.
   *
   * @param pointer the JSON Pointer into the predicate
   * @param value the expected value
   * @return the constraint
   */
  public static AttributeConstraint equalTo(String pointer, JsonValue value) {
    return new AttributeConstraint(pointer, Operator.EQUALS, List.of(value));
  }

  /**
   * Returns a constraint that the value is one of the given strings.
   *
   * @param pointer the JSON Pointer into the predicate
   * @param values the allowed strings
   * @return the constraint
   */
  public static AttributeConstraint oneOf(String pointer, List<String> values) {
    return new AttributeConstraint(
        pointer, Operator.ONE_OF, values.stream().map(v -> (JsonValue) JsonValue.of(v)).toList());
  }

  /**
   * Returns a constraint that an anchored regular expression matches the string value.
   *
   * @param pointer the JSON Pointer into the predicate
   * @param regex the regular expression, matched against the whole value
   * @return the constraint
   */
  public static AttributeConstraint regex(String pointer, String regex) {
    return new AttributeConstraint(pointer, Operator.REGEX, List.of(JsonValue.of(regex)));
  }

  /**
   * Returns a constraint that a glob matches the string value.
   *
   * @param pointer the JSON Pointer into the predicate
   * @param glob the glob
   * @return the constraint
   */
  public static AttributeConstraint glob(String pointer, String glob) {
    return new AttributeConstraint(pointer, Operator.GLOB, List.of(JsonValue.of(glob)));
  }
}
