package dev.provenance.examples.cli.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignBundleCommandTest {
  @TempDir Path dir;

  static String expiredToken() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(("{\"iss\":\"https://issuer.example\",\"sub\":\"s\",\"exp\":"
            + Instant.now().minusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  int run(Map<String, String> env, ByteArrayOutputStream err, String... args) {
    return new SignBundleCommand(env)
        .run(List.of(args), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void run_tokenFromEnvironment_isUsed() throws Exception {
    Path artifact = Files.writeString(dir.resolve("a.txt"), "a\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        run(Map.of("SIGSTORE_ID_TOKEN", expiredToken()), err, "--bundle", dir.resolve("b.json").toString(),
            artifact.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TIME_INVALID");
  }

  @Test
  void run_noTokenAnywhere_exits2() throws Exception {
    Path artifact = Files.writeString(dir.resolve("a.txt"), "a\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = run(Map.of(), err, "--bundle", dir.resolve("b.json").toString(), artifact.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("SIGSTORE_ID_TOKEN");
  }

  @Test
  void run_tokenFlagAndFile_exits2() throws Exception {
    Path artifact = Files.writeString(dir.resolve("a.txt"), "a\n");
    Path token = Files.writeString(dir.resolve("token"), expiredToken());

    int exit =
        run(Map.of(), new ByteArrayOutputStream(), "--identity-token", expiredToken(), "--identity-token-file",
            token.toString(), "--bundle", dir.resolve("b.json").toString(), artifact.toString());

    assertThat(exit).isEqualTo(2);
  }
}
