package dev.provenance.api;

import java.util.Objects;

/**
 * One reason a verification failed: what kind, where, and a human-readable explanation.
 *
 * @param code the kind of failure
 * @param location where it was found: a JSON Pointer into the document, or a path such as {@code
 *     chain/build/subject/0}; empty when the failure has no better place than the whole input
 * @param message what was expected and what was found; never contains key material
 * @serial exclude
 */
public record Finding(ErrorCode code, String location, String message)
    implements java.io.Serializable {
  /**
   * Checks that no component is null.
   *
   * @param code the {@code code} component
   * @param location the {@code location} component
   * @param message the {@code message} component
   */
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns a finding.
   *
   * @param code the kind of failure
   * @param location where it was found
   * @param message what was expected and what was found
   * @return the finding
   */
  public static Finding of(ErrorCode code, String location, String message) {
    return new Finding(code, location, message);
  }

  @Override
  public String toString() {
    return code + (location.isEmpty() ? "" : " at " + location) + ": " + message;
  }
}
