package dev.provenance.api.json;

/** A JSON boolean. */
public enum JsonBoolean implements JsonValue {
  /** {@code true}. */
  TRUE,
  /** {@code false}. */
  FALSE;

  /**
   * Returns the boolean.
   *
   * @return true for {@link #TRUE}
   */
  public boolean value() {
    return this == TRUE;
  }
}
