package dev.provenance.examples.cli.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.OutputFormat;
import dev.provenance.examples.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code provenance demo [--workdir DIR]}: the end-to-end chain demo. Creates a small Java project
 * in a git repository, runs checkout, build ({@code javac}, {@code jar}) and package ({@code
 * .tar.gz}) as three steps signed by three different keys, writes a chain policy, verifies the
 * archive back to the commit and prints the chain, then shows three attacks being caught: a byte
 * changed in the jar after the build, a step re-signed by an unauthorised key, and a source file
 * changed after the checkout. Exits 0 only when the chain verified and every attack was caught
 * with the expected code at the expected link. Without {@code --workdir} a new temporary
 * directory is used; a given one must be absent or empty. Stateless and thread-safe.
 */
public final class DemoCommand implements Command {
  /** The options this command accepts. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder("provenance demo [--workdir DIR]").single("--workdir").build();

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, (args, output) -> demo(args, output, out, err));
  }

  private static int demo(Args args, Output output, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Path workdir = workdir(args);
    PrintStream progress = output.format() == OutputFormat.JSON ? err : out;
    Demo.Outcome o;
    try {
      o = new Demo(workdir, progress, Clock.systemUTC()).run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("demo failed: " + e.getMessage(), e);
    }
    List<JsonValue> attacks = new ArrayList<>();
    List<Finding> missed = new ArrayList<>();
    for (Demo.Attack a : o.attacks) {
      attacks.add(
          JsonObject.newBuilder()
              .put("attack", a.name)
              .put("caught", JsonValue.of(a.caught))
              .put("code", a.code == null ? "" : a.code.name())
              .put("location", a.location)
              .put("finding", a.finding)
              .build());
      if (!a.caught) {
        missed.add(
            Finding.of(
                a.code == null ? ErrorCode.POLICY_MISMATCH : a.code,
                a.location,
                "attack not caught as expected: " + a.name));
      }
    }
    JsonObject json =
        JsonObject.newBuilder()
            .put("workdir", workdir.toString())
            .put("verified", JsonValue.of(o.verified))
            .put("policy", String.valueOf(o.policy))
            .put("artifact", String.valueOf(o.archive))
            .put("attestations", String.valueOf(o.attestations))
            .put("attacks", new JsonArray(attacks))
            .build();
    if (!o.ok()) {
      if (!o.verified) {
        missed.add(0, Finding.of(ErrorCode.POLICY_MISMATCH, "chain", "the honest chain did not verify"));
      }
      return output.failures(List.of(new Output.SourcedFinding("demo", missed)), json);
    }
    return output.success(json, List.of());
  }

  private static Path workdir(Args args) throws UsageException, IOException {
    if (args.value("--workdir").isEmpty()) {
      return Files.createTempDirectory("provenance-demo-");
    }
    Path dir = Path.of(args.value("--workdir").get()).toAbsolutePath();
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new UsageException("--workdir: not a directory: " + dir);
      }
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new UsageException("--workdir: directory is not empty: " + dir);
        }
      }
    }
    Files.createDirectories(dir);
    return dir;
  }
}
