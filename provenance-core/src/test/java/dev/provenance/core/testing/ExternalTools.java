package dev.provenance.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the command-line tools that serve as independent references in tests (git, sha256sum,
 * mkfifo). Git runs with no system or global configuration and a fixed identity.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /**
   * Runs a command in {@code dir} and returns its standard output; fails the test on a non-zero
   * exit.
   *
   * @param dir the working directory
   * @param command the command and arguments
   * @return standard output, without the trailing newline
   */
  public static String run(Path dir, String... command) {
    return run(dir, null, command);
  }

  /**
   * Runs a command with bytes on standard input.
   *
   * @param dir the working directory
   * @param stdin the input, or null
   * @param command the command and arguments
   * @return standard output, without the trailing newline
   */
  public static String run(Path dir, byte[] stdin, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("LC_ALL", "C");
    env.remove("GIT_DIR");
    env.remove("GIT_WORK_TREE");
    pb.redirectErrorStream(false);
    try {
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin);
      }
      p.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
      errReader.start();
      byte[] out = p.getInputStream().readAllBytes();
      int rc = p.waitFor();
      errReader.join();
      assertThat(rc)
          .as(
              "%s failed: %s",
              String.join(" ", command), new String(err.toByteArray(), StandardCharsets.UTF_8))
          .isZero();
      String s = new String(out, StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs git with a fixed identity.
   *
   * @param dir the working directory
   * @param args git arguments
   * @return standard output
   */
  public static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.quotepath=false",
            "-c",
            "protocol.file.allow=always"));
    cmd.addAll(Arrays.asList(args));
    return run(dir, cmd.toArray(new String[0]));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // The process output is only used for the failure message.
    }
  }
}
