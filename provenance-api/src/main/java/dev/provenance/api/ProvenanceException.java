package dev.provenance.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Root of every checked exception the SDK throws. Each carries an {@link ErrorCode} and, where
 * known, a location, so callers and tests can act on the kind of failure rather than its wording.
 *
 * <p>{@code parse} and {@code read} methods throw {@link MalformedInputException}; every {@code
 * verify} throws only {@link VerificationException}; key loading throws {@link
 * KeyMaterialException}; signing throws {@link SigningException}.
 */
public abstract sealed class ProvenanceException extends Exception
    permits MalformedInputException, VerificationException, KeyMaterialException, SigningException {
  private static final long serialVersionUID = 1L;

  /** The kind of failure. */
  private final ErrorCode code;

  /** Where the failure was found; empty for the whole input. */
  private final String location;

  ProvenanceException(ErrorCode code, String location, String message, Throwable cause) {
    super(format(code, location, message), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.location = Objects.requireNonNull(location, "location");
  }

  private static String format(ErrorCode code, String location, String message) {
    Objects.requireNonNull(message, "message");
    return location.isEmpty() ? message : message + " (at " + location + ")";
  }

  /**
   * Returns the kind of failure.
   *
   * @return the error code
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * Returns where the failure was found: a JSON Pointer into the document or a chain path.
   *
   * @return the location, or empty when the failure concerns the whole input
   */
  public Optional<String> location() {
    return location.isEmpty() ? Optional.empty() : Optional.of(location);
  }

  /**
   * Returns this failure as findings: one for most exceptions, every finding for a {@link
   * VerificationException}.
   *
   * @return the findings, never empty
   */
  public List<Finding> findings() {
    return List.of(Finding.of(code, location, getMessage()));
  }
}
