package dev.provenance.examples.cli;

/**
 * The command line is wrong: the command ends with {@link ExitStatus#USAGE}. Also used for input
 * files that cannot be read at all (missing, a directory, no permission).
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the command line, for the user
   */
  public UsageException(String message) {
    super(message);
  }
}
