package dev.provenance.api;

/**
 * Untrusted input could not be decoded, parsed, or exceeded a parsing limit.
 *
 * <p>Typical codes: see {@link ErrorCode}. Instances are immutable.
 */
public final class MalformedInputException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the kind of failure
   * @param location where it was found; empty when the whole input is concerned
   * @param message what was expected and what was found
   */
  public MalformedInputException(ErrorCode code, String location, String message) {
    super(code, location, message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param code the kind of failure
   * @param location where it was found; empty when the whole input is concerned
   * @param message what was expected and what was found
   * @param cause the underlying failure
   */
  public MalformedInputException(ErrorCode code, String location, String message, Throwable cause) {
    super(code, location, message, cause);
  }
}
