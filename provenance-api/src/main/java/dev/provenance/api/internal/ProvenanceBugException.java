package dev.provenance.api.internal;

/** A path that cannot happen was taken: a bug in this SDK, never caused by input. Not API. */
public final class ProvenanceBugException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was violated
   */
  public ProvenanceBugException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what was violated
   * @param cause the underlying failure
   */
  public ProvenanceBugException(String message, Throwable cause) {
    super(message, cause);
  }
}
