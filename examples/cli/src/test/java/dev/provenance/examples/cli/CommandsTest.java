package dev.provenance.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
  private static final ArgSpec SPEC = ArgSpec.newBuilder("test [--x V]").single("--x").build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int execute(Commands.Body body, String... argv) {
    return Commands.execute(
        SPEC,
        List.of(argv),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        body);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void execute_runtimeException_exits1WithoutStackTrace() {
    int status =
        execute(
            (args, output) -> {
              throw new IllegalStateException("boom");
            });
    assertThat(status).isEqualTo(ExitStatus.FAILED);
    assertThat(err()).isEqualTo("error: internal error: IllegalStateException: boom" + System.lineSeparator());
  }

  @Test
  void execute_stackOverflow_exits1() {
    assertThat(
            execute(
                (args, output) -> {
                  throw new StackOverflowError();
                }))
        .isEqualTo(ExitStatus.FAILED);
    assertThat(err()).startsWith("error: internal error: StackOverflowError");
  }

  @Test
  void execute_ioException_exits1() {
    assertThat(
            execute(
                (args, output) -> {
                  throw new IOException("disk gone");
                }))
        .isEqualTo(ExitStatus.FAILED);
  }

  @Test
  void execute_verificationFailure_exits1WithCodeAndLocation() {
    int status =
        execute(
            (args, output) -> {
              throw new VerificationException(ErrorCode.SIGNATURE_INVALID, "/signatures/0", "bad");
            },
            "--format",
            "json");
    assertThat(status).isEqualTo(ExitStatus.FAILED);
    assertThat(err()).startsWith("error: SIGNATURE_INVALID at /signatures/0: bad");
    assertThat(out())
        .startsWith(
            "{\"ok\":false,\"exitStatus\":1,\"findings\":[{\"code\":\"SIGNATURE_INVALID\","
                + "\"location\":\"/signatures/0\",\"message\":\"bad\"}]}");
  }

  @Test
  void execute_usageExceptionInBody_exits2() {
    assertThat(
            execute(
                (args, output) -> {
                  throw new UsageException("no");
                }))
        .isEqualTo(ExitStatus.USAGE);
    assertThat(err()).startsWith("usage error: no");
  }

  @Test
  void execute_help_printsUsageAndSkipsBody() {
    assertThat(
            execute(
                (args, output) -> {
                  throw new AssertionError("must not run");
                },
                "--help"))
        .isEqualTo(ExitStatus.OK);
    assertThat(out()).isEqualTo("usage: test [--x V]" + System.lineSeparator());
  }

  @Test
  void bareMessage_stripsOwnLocationOnly() {
    assertThat(Output.bareMessage("bad (at /a)", "/a")).isEqualTo("bad");
    assertThat(Output.bareMessage("bad (at /a)", "/b")).isEqualTo("bad (at /a)");
    assertThat(Output.bareMessage("bad", "")).isEqualTo("bad");
  }
}
