package dev.provenance.examples.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of the {@code provenance} tool, such as {@code verify} or {@code chain verify}.
 *
 * <p>A command gets the arguments that follow its name, writes its result to {@code out} and its
 * diagnostics to {@code err}, and returns an {@link ExitStatus}. It never calls {@link
 * System#exit}, so tests can run it in process. Most commands delegate to {@link
 * Commands#execute}, which parses the arguments strictly and maps every failure to its status.
 * Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Command {
  /**
   * Runs the command.
   *
   * @param args the arguments after the command name
   * @param out where the result goes (text or JSON, see {@link OutputFormat})
   * @param err where errors go: the error code and location of every failure
   * @return {@link ExitStatus#OK}, {@link ExitStatus#FAILED} or {@link ExitStatus#USAGE}
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
