package dev.provenance.examples.cli;

import dev.provenance.api.ProvenanceException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a command body with strictly parsed arguments and turns every way it can end into the right
 * {@link ExitStatus}: a {@link UsageException} into {@code 2}, a {@link ProvenanceException} into
 * {@code 1} with its code and location on standard error, and anything unexpected into {@code 1}
 * with a one-line message and no stack trace. Stateless and thread-safe.
 *
 * <pre>{@code
 * public int run(List<String> argv, PrintStream out, PrintStream err) {
 *   return Commands.execute(SPEC, argv, out, err, (args, output) -> {
 *     ...
 *     return output.success(json, textLines);
 *   });
 * }
 * }</pre>
 */
public final class Commands {
  private Commands() {}

  /** The work of one command, given parsed arguments and a printer. */
  @FunctionalInterface
  public interface Body {
    /**
     * Does the work.
     *
     * @param args the parsed arguments
     * @param output where results and failures go
     * @return the exit status, usually the value of an {@link Output} method
     * @throws ProvenanceException for typed failures (exit 1)
     * @throws UsageException for command-line errors found while running (exit 2)
     * @throws IOException for files that cannot be read or written (exit 1)
     */
    int run(Args args, Output output) throws ProvenanceException, UsageException, IOException;
  }

  /**
   * Parses the arguments and runs the body.
   *
   * @param spec what the command accepts
   * @param argv the arguments after the command name
   * @param out standard output
   * @param err standard error
   * @param body the command's work
   * @return the exit status
   */
  public static int execute(
      ArgSpec spec, List<String> argv, PrintStream out, PrintStream err, Body body) {
    Output output = new Output(out, err, guessFormat(argv));
    Args args;
    try {
      args = Args.parse(argv, spec);
    } catch (UsageException e) {
      return output.usage(e.getMessage(), spec.usage());
    }
    output = new Output(out, err, args.format());
    if (args.helpRequested()) {
      out.println("usage: " + spec.usage());
      out.flush();
      return ExitStatus.OK;
    }
    try {
      return body.run(args, output);
    } catch (UsageException e) {
      return output.usage(e.getMessage(), spec.usage());
    } catch (ProvenanceException e) {
      return output.failure("", e);
    } catch (IOException e) {
      return output.internalError(e);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return output.internalError(e);
    }
  }

  /**
   * Finds {@code --format json} before parsing, so that even a usage error is reported as JSON.
   */
  static OutputFormat guessFormat(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--format=json")
          || (a.equals("--format") && i + 1 < argv.size() && argv.get(i + 1).equals("json"))) {
        return OutputFormat.JSON;
      }
    }
    return OutputFormat.TEXT;
  }
}
