package dev.provenance.examples.cli;

/** How a command prints its result on standard output, chosen by {@code --format}. */
public enum OutputFormat {
  /** Human-readable lines (the default). */
  TEXT,
  /** One JSON object, for other programs. */
  JSON;

  /**
   * Returns the format named on the command line.
   *
   * @param name {@code text} or {@code json}
   * @return the format
   * @throws UsageException for any other name
   */
  public static OutputFormat parse(String name) throws UsageException {
    switch (name) {
      case "text":
        return TEXT;
      case "json":
        return JSON;
      default:
        throw new UsageException("--format must be json or text, not '" + name + "'");
    }
  }
}
