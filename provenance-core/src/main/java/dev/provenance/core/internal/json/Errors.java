package dev.provenance.core.internal.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;

/**
 * Helpers for located parse errors. Not API; may change without notice. Thread-safe: stateless.
 */
public final class Errors {
  private Errors() {}

  /**
   * Returns the message of an exception without the location suffix the exception adds.
   *
   * @param e the exception
   * @return the bare message
   */
  public static String bareMessage(MalformedInputException e) {
    String message = String.valueOf(e.getMessage());
    String location = e.location().orElse("");
    String suffix = " (at " + location + ")";
    if (!location.isEmpty() && message.endsWith(suffix)) {
      return message.substring(0, message.length() - suffix.length());
    }
    return message;
  }

  /**
   * Returns the same failure located under a prefix, for errors found in an embedded part.
   *
   * @param e the failure, located relative to the part
   * @param prefix where the part is, for example {@code /predicate}
   * @return the relocated failure, or {@code e} when the prefix is empty
   */
  public static MalformedInputException relocate(MalformedInputException e, String prefix) {
    if (prefix.isEmpty()) {
      return e;
    }
    return new MalformedInputException(
        e.code(), prefix + e.location().orElse(""), bareMessage(e), e);
  }

  /**
   * Wraps an unexpected unchecked failure met while reading untrusted input, so that none
   * escapes.
   *
   * @param e the failure
   * @param location where the part being read is
   * @return a {@code MALFORMED_INPUT} failure with {@code e} as cause
   */
  public static MalformedInputException unexpected(RuntimeException e, String location) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, location, "input could not be read: " + e, e);
  }
}
