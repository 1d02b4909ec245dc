package dev.provenance.examples.cli;

import dev.provenance.api.Finding;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a command's result in the chosen {@link OutputFormat} and its failures on standard error.
 *
 * <p>Every JSON result is one object on one line with a boolean {@code ok}; a failure adds {@code
 * exitStatus} and either {@code findings} (each with {@code code}, {@code location}, {@code
 * message} and, where known, {@code source}: the file and line) or a usage {@code error}. Every
 * failure is also written to standard error as {@code error: CODE at LOCATION (SOURCE): message},
 * one line per finding, whatever the format. Not thread-safe: one instance per command run.
 */
public final class Output {
  private final PrintStream out;
  private final PrintStream err;
  private final OutputFormat format;

  /**
   * Creates the printer.
   *
   * @param out standard output
   * @param err standard error
   * @param format the chosen format
   */
  public Output(PrintStream out, PrintStream err, OutputFormat format) {
    this.out = out;
    this.err = err;
    this.format = format;
  }

  /**
   * Returns the chosen format.
   *
   * @return the format
   */
  public OutputFormat format() {
    return format;
  }

  /**
   * Returns standard output, for commands that stream text lines themselves.
   *
   * @return standard output
   */
  public PrintStream out() {
    return out;
  }

  /**
   * Returns standard error.
   *
   * @return standard error
   */
  public PrintStream err() {
    return err;
  }

  /**
   * Prints a successful result and returns {@link ExitStatus#OK}.
   *
   * @param json the result members, printed after {@code "ok":true} with {@code --format json}
   * @param text the lines printed with {@code --format text}
   * @return {@link ExitStatus#OK}
   */
  public int success(JsonObject json, List<String> text) {
    if (format == OutputFormat.JSON) {
      JsonObject.Builder b = JsonObject.newBuilder().put("ok", JsonValue.of(true));
      json.members().forEach(b::put);
      println(b.build());
    } else {
      text.forEach(out::println);
    }
    out.flush();
    return ExitStatus.OK;
  }

  /**
   * Reports a typed failure of the whole input and returns {@link ExitStatus#FAILED}.
   *
   * @param source the file (and line) the failure concerns, or empty
   * @param e the failure
   * @return {@link ExitStatus#FAILED}
   */
  public int failure(String source, ProvenanceException e) {
    return failures(List.of(new SourcedFinding(source, e.findings())));
  }

  /**
   * Reports failures found in several inputs (for example the lines of a JSON Lines file) and
   * returns {@link ExitStatus#FAILED}.
   *
   * @param failures the findings per source, in order
   * @return {@link ExitStatus#FAILED}
   */
  public int failures(List<SourcedFinding> failures) {
    return failures(failures, JsonObject.empty());
  }

  /**
   * Reports failures with extra result members for the JSON output and returns {@link
   * ExitStatus#FAILED}.
   *
   * @param failures the findings per source, in order
   * @param extra members added to the JSON result after {@code findings}
   * @return {@link ExitStatus#FAILED}
   */
  public int failures(List<SourcedFinding> failures, JsonObject extra) {
    List<JsonValue> json = new ArrayList<>();
    for (SourcedFinding sf : failures) {
      for (Finding f : sf.findings()) {
        err.println(errorLine(f, sf.source()));
        JsonObject.Builder b =
            JsonObject.newBuilder()
                .put("code", f.code().name())
                .put("location", f.location())
                .put("message", bareMessage(f.message(), f.location()));
        if (!sf.source().isEmpty()) {
          b.put("source", sf.source());
        }
        json.add(b.build());
      }
    }
    err.flush();
    if (format == OutputFormat.JSON) {
      JsonObject.Builder b =
          JsonObject.newBuilder()
              .put("ok", JsonValue.of(false))
              .put("exitStatus", JsonValue.of(ExitStatus.FAILED))
              .put("findings", new JsonArray(json));
      extra.members().forEach(b::put);
      println(b.build());
      out.flush();
    }
    return ExitStatus.FAILED;
  }

  /**
   * Formats one finding as the stderr line other programs grep for.
   *
   * @param f the finding
   * @param source the file (and line), or empty
   * @return {@code error: CODE at LOCATION (SOURCE): message}
   */
  static String errorLine(Finding f, String source) {
    StringBuilder sb = new StringBuilder("error: ").append(f.code().name());
    sb.append(" at ").append(f.location().isEmpty() ? "/" : f.location());
    if (!source.isEmpty()) {
      sb.append(" (").append(source).append(')');
    }
    return sb.append(": ").append(bareMessage(f.message(), f.location())).toString();
  }

  /**
   * Removes the {@code " (at LOCATION)"} suffix that exception messages carry, for output that
   * prints the location on its own.
   *
   * @param message an exception or finding message
   * @param location the location it was reported at
   * @return the message without the suffix
   */
  public static String bareMessage(String message, String location) {
    String suffix = " (at " + location + ")";
    return !location.isEmpty() && message.endsWith(suffix)
        ? message.substring(0, message.length() - suffix.length())
        : message;
  }

  /**
   * Reports a usage error and returns {@link ExitStatus#USAGE}.
   *
   * @param message what is wrong
   * @param usage the command's synopsis, or empty
   * @return {@link ExitStatus#USAGE}
   */
  public int usage(String message, String usage) {
    err.println("usage error: " + message);
    if (!usage.isEmpty()) {
      err.println("usage: " + usage);
    }
    err.flush();
    return jsonError(ExitStatus.USAGE, message);
  }

  /**
   * Reports an unexpected internal error, without a stack trace, and returns {@link
   * ExitStatus#FAILED}.
   *
   * @param t what went wrong
   * @return {@link ExitStatus#FAILED}
   */
  public int internalError(Throwable t) {
    String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    err.println("error: internal error: " + what);
    err.flush();
    return jsonError(ExitStatus.FAILED, "internal error: " + what);
  }

  private void println(JsonObject json) {
    out.println(new String(JsonCodec.standard().write(json), StandardCharsets.UTF_8));
  }

  private int jsonError(int status, String message) {
    if (format == OutputFormat.JSON) {
      println(
          JsonObject.newBuilder()
              .put("ok", JsonValue.of(false))
              .put("exitStatus", JsonValue.of(status))
              .put("error", message)
              .build());
      out.flush();
    }
    return status;
  }

  /**
   * Returns strings as a JSON array.
   *
   * @param values the strings
   * @return the array
   */
  public static JsonArray jsonStrings(List<String> values) {
    List<JsonValue> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(JsonValue.of(v));
    }
    return new JsonArray(out);
  }

  /**
   * The findings of one input.
   *
   * @param source the file, or {@code file:line}; empty when there is no better name
   * @param findings what failed
   */
  public record SourcedFinding(String source, List<Finding> findings) {
    /**
     * Copies the findings.
     *
     * @param source the {@code source} component
     * @param findings the {@code findings} component
     */
    public SourcedFinding {
      findings = List.copyOf(findings);
      java.util.Objects.requireNonNull(source, "source");
    }
  }
}
