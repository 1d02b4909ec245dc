package dev.provenance.core.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs independent implementations (Debian's securesystemslib and openssl) as processes for the
 * interop tests. A missing tool skips the test, unless the system property {@code
 * provenance.interop.required} is {@code true} (as in CI), when it fails the test.
 */
final class PeerTools {
  /** Debian's interpreter: another {@code python3} first on PATH may not see Debian's packages. */
  static final String PYTHON = "/usr/bin/python3";

  private static final long TIMEOUT_SECONDS = 120;

  private PeerTools() {}

  /** The outcome of one process. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Skips (or, when required, fails) the test unless the command runs and exits 0. */
  static void require(String what, String... probe) {
    String problem;
    try {
      Run r = run(Path.of("."), probe);
      if (r.exit() == 0) {
        return;
      }
      problem = what + " is not usable: " + r;
    } catch (IOException e) {
      problem = what + " is not installed: " + e.getMessage();
    }
    if (Boolean.getBoolean("provenance.interop.required")) {
      fail(problem + " (provenance.interop.required is set)");
    }
    Assumptions.abort(problem);
  }

  static void requireSecuresystemslib() {
    require("securesystemslib (apt-get install python3-securesystemslib)", PYTHON, "-c", "import securesystemslib.signer");
  }

  static void requireOpenssl() {
    require("openssl", "openssl", "version");
  }

  /** Copies a script from the test resources into dir and returns its path. */
  static Path script(Path dir, String name) {
    try (InputStream in = PeerTools.class.getResourceAsStream("/interop/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource interop/" + name);
      }
      Path p = dir.resolve(name);
      Files.write(p, in.readAllBytes());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Run run(Path workdir, String... command) throws IOException {
    Process p =
        new ProcessBuilder(List.of(command))
            .directory(workdir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Run(p.exitValue(), out.join(), err.join());
  }

  /** Runs a command that must work; IO problems fail the test. */
  static Run exec(Path workdir, String... command) {
    try {
      return run(workdir, command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
}
