package dev.provenance.api;

/**
 * Signing failed: the signer refused, a device or service failed, or the content could not be encoded.
 *
 * <p>Typical codes: see {@link ErrorCode}. Instances are immutable.
 */
public final class SigningException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code the kind of failure
   * @param location where it was found; empty when the whole input is concerned
   * @param message what was expected and what was found
   */
  public SigningException(ErrorCode code, String location, String message) {
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
  public SigningException(ErrorCode code, String location, String message, Throwable cause) {
    super(code, location, message, cause);
  }
}
