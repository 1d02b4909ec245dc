package dev.provenance.examples.cli;

import dev.provenance.examples.cli.chain.ChainVerifyCommand;
import dev.provenance.examples.cli.chain.DemoCommand;
import dev.provenance.examples.cli.chain.InTotoVerifyCommand;
import dev.provenance.examples.cli.sigstore.SignBundleCommand;
import dev.provenance.examples.cli.sigstore.VerifyBundleCommand;
import dev.provenance.examples.cli.slsa.SlsaVerifyArtifactCommand;
import dev.provenance.examples.cli.slsa.SlsaVerifyNpmPackageCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code provenance} tool: {@code java -jar provenance.jar COMMAND [ARGS]}. Finds the command
 * (one word such as {@code verify}, or two such as {@code dsse verify}) and runs it. Exit statuses
 * are those of {@link ExitStatus}. Stateless and thread-safe.
 */
public final class Main implements Command {
  private final Map<String, Entry> commands;

  private record Entry(String synopsis, Supplier<Command> command) {}

  /** Creates the tool with every built-in command. */
  public Main() {
    LinkedHashMap<String, Entry> m = new LinkedHashMap<>();
    m.put("demo", new Entry(DemoCommand.SPEC.usage(), DemoCommand::new));
    m.put("keygen", new Entry(KeygenCommand.SPEC.usage(), KeygenCommand::new));
    m.put("digest", new Entry(DigestCommand.SPEC.usage(), DigestCommand::new));
    m.put("attest", new Entry(AttestCommand.SPEC.usage(), AttestCommand::new));
    m.put("verify", new Entry(VerifyCommand.SPEC.usage(), VerifyCommand::new));
    m.put("dsse verify", new Entry(DsseVerifyCommand.SPEC.usage(), DsseVerifyCommand::new));
    m.put("chain verify", new Entry(ChainVerifyCommand.SPEC.usage(), ChainVerifyCommand::new));
    m.put(
        "slsa verify-artifact",
        new Entry(SlsaVerifyArtifactCommand.SPEC.usage(), SlsaVerifyArtifactCommand::new));
    m.put(
        "slsa verify-npm-package",
        new Entry(SlsaVerifyNpmPackageCommand.SPEC.usage(), SlsaVerifyNpmPackageCommand::new));
    m.put("in-toto verify", new Entry(InTotoVerifyCommand.SPEC.usage(), InTotoVerifyCommand::new));
    m.put("sigstore verify-bundle", new Entry(VerifyBundleCommand.SPEC.usage(), VerifyBundleCommand::new));
    m.put("sigstore sign-bundle", new Entry(SignBundleCommand.SPEC.usage(), SignBundleCommand::new));
    this.commands = Collections.unmodifiableMap(m);
  }

  /**
   * Runs the tool and exits the JVM with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = new Main().run(Arrays.asList(args), out, err);
    out.flush();
    err.flush();
    System.exit(status);
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Output output = new Output(out, err, Commands.guessFormat(args));
    if (args.isEmpty()) {
      return output.usage("no command given", "provenance COMMAND [ARGS]; see provenance --help");
    }
    String first = args.get(0);
    if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
      out.println(help());
      out.flush();
      return ExitStatus.OK;
    }
    Entry one = commands.get(first);
    if (one != null) {
      return invoke(one, args.subList(1, args.size()), output, out, err);
    }
    if (args.size() >= 2) {
      Entry two = commands.get(first + " " + args.get(1));
      if (two != null) {
        return invoke(two, args.subList(2, args.size()), output, out, err);
      }
    }
    List<String> sub = new ArrayList<>();
    for (String name : commands.keySet()) {
      if (name.startsWith(first + " ")) {
        sub.add(name);
      }
    }
    if (!sub.isEmpty()) {
      String given = args.size() >= 2 ? "'" + first + " " + args.get(1) + "'" : "'" + first + "'";
      return output.usage("unknown command " + given + "; try: " + String.join(", ", sub), "");
    }
    return output.usage("unknown command '" + first + "'; see provenance --help", "");
  }

  private static int invoke(
      Entry entry, List<String> rest, Output output, PrintStream out, PrintStream err) {
    try {
      return entry.command().get().run(List.copyOf(rest), out, err);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return output.internalError(e);
    }
  }

  private String help() {
    StringBuilder sb = new StringBuilder("usage: provenance COMMAND [ARGS] [--format json|text]\n");
    sb.append("exit status: 0 done or verified, 1 verification failed, 2 usage error\n");
    sb.append("commands:\n");
    commands.forEach((name, e) -> sb.append("  ").append(e.synopsis()).append('\n'));
    sb.append("run 'provenance COMMAND --help' for a command's options");
    return sb.toString();
  }
}
