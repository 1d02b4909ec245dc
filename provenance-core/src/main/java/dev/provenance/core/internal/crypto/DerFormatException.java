package dev.provenance.core.internal.crypto;

/**
 * DER input is not strictly well formed. Callers translate it into the public exception that fits
 * their entry point, with the location they know.
 */
final class DerFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  DerFormatException(String message) {
    super(message, null, false, false);
  }
}
