package dev.provenance.examples.cli;

/**
 * The exit statuses of the {@code provenance} tool. Other programs depend on them; they never
 * change.
 */
public final class ExitStatus {
  /** Done, or verified. */
  public static final int OK = 0;

  /**
   * Verification failed: any typed failure, malformed input included. The error code and location
   * are written to standard error. Unexpected internal errors also end with this status.
   */
  public static final int FAILED = 1;

  /** The command line is wrong: unknown command or flag, missing or repeated option, bad value. */
  public static final int USAGE = 2;

  private ExitStatus() {}
}
