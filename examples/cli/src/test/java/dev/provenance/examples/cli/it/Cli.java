package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonObject;
import dev.provenance.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code provenance.jar} as a separate process, as users and scripts do. */
final class Cli {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path workdir;

  Cli(Path workdir) {
    this.workdir = workdir;
  }

  /** The finished process. */
  record Result(int exit, String out, String err) {
    /** Parses stdout as the one JSON object {@code --format json} prints. */
    JsonObject json() {
      try {
        return JsonCodec.standard().parseObject(out.strip().getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new AssertionError("stdout is not one JSON object: " + out + "\nstderr: " + err, e);
      }
    }

    /** Asserts the exit status, showing both streams when it differs. */
    Result exits(int expected) {
      assertThat(exit).as("exit status; stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(expected);
      assertThat(err).as("no stack trace on stderr").doesNotContain("\tat ").doesNotContain("Exception in thread");
      return this;
    }
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("provenance.cli.jar", "target/provenance.jar"));
    assertThat(jar).as("the shaded jar; run the tests with mvn verify").isRegularFile();
    return jar;
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toAbsolutePath().toString());
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(workdir.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("provenance " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static java.io.File devNull() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  Path file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Path file(String name, byte[] content) {
    try {
      Path p = workdir.resolve(name);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path(String name) {
    return workdir.resolve(name);
  }
}
