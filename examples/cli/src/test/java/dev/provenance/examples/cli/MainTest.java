package dev.provenance.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new Main()
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_noArguments_exitsUsage() {
    assertThat(run()).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage error:");
  }

  @Test
  void run_unknownCommand_exitsUsage() {
    assertThat(run("frobnicate")).isEqualTo(ExitStatus.USAGE);
  }

  @Test
  void run_unknownCommandJson_printsJsonResult() {
    assertThat(run("frobnicate", "--format", "json")).isEqualTo(ExitStatus.USAGE);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"ok\":false,\"exitStatus\":2,");
  }

  @Test
  void run_help_exitsOk() {
    assertThat(run("--help")).isEqualTo(ExitStatus.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: provenance");
  }
}
