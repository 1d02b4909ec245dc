package dev.provenance.api.json;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON number, kept as its literal text so that no precision is lost and no large value is ever
 * materialised implicitly. Equality is by literal: {@code 1.0} and {@code 1} differ.
 *
 * @param literal the number exactly as written in JSON
 */
public record JsonNumber(String literal) implements JsonValue {
  private static final Pattern GRAMMAR =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /**
   * Checks the literal against the JSON number grammar (RFC 8259 section 6).
   *
   * @param literal the {@code literal} component
   */
  public JsonNumber {
    Objects.requireNonNull(literal, "literal");
    if (!GRAMMAR.matcher(literal).matches()) {
      throw new IllegalArgumentException("not a JSON number: " + literal);
    }
  }

  /**
   * Returns whether the literal is an integer (no fraction, no exponent).
   *
   * @return true for integers such as {@code -12}
   */
  public boolean isIntegral() {
    return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
  }

  /**
   * Returns the value as a {@code long} if it is an integer in range.
   *
   * @return the value
   * @throws ArithmeticException if the literal is not an integer or is out of range
   */
  public long longValueExact() {
    if (!isIntegral() || literal.length() > 20) {
      throw new ArithmeticException("not a 64-bit integer: " + literal);
    }
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("not a 64-bit integer: " + literal);
    }
  }

  /**
   * Returns the value as a {@link BigDecimal}. The parser bounds literal length, so this is cheap
   * for parsed values.
   *
   * @return the value
   */
  public BigDecimal decimalValue() {
    return new BigDecimal(literal);
  }
}
