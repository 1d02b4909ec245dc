package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNumber;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command lines that are wrong end with status 2 and say why, for every command. */
class UsageIT {
  @TempDir Path dir;

  @Test
  void noArguments_exits2() {
    new Cli(dir).run().exits(2);
  }

  @Test
  void help_exits0AndListsCommands() {
    Cli.Result r = new Cli(dir).run("--help").exits(0);
    assertThat(r.out())
        .contains(
            "provenance demo",
            "provenance keygen",
            "provenance digest",
            "provenance attest",
            "provenance verify",
            "provenance dsse verify",
            "provenance chain verify",
            "provenance slsa verify-artifact",
            "provenance slsa verify-npm-package",
            "provenance in-toto verify",
            "provenance sigstore verify-bundle",
            "provenance sigstore sign-bundle",
            "exit status");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "frobnicate",
        "keygen --bogus",
        "keygen --algorithm",
        "keygen --algorithm dsa --out k",
        "keygen --algorithm ed25519",
        "keygen --algorithm ed25519 --algorithm ed25519 --out k",
        "keygen --algorithm ed25519 --out k extra",
        "keygen --algorithm ed25519 --out k --format xml",
        "dsse",
        "dsse sign",
        "chain",
        "verify --attestation",
        "digest",
        "attest --out x.json",
      })
  void badCommandLine_exits2(String commandLine) {
    Cli.Result r = new Cli(dir).run(commandLine.split(" ")).exits(2);
    assertThat(r.err()).startsWith("usage error: ");
  }

  @Test
  void badCommandLine_json_printsResultOnStdout() {
    Cli.Result r = new Cli(dir).run("keygen", "--nope", "--format", "json").exits(2);
    assertThat(r.json().get("ok")).contains(JsonBoolean.FALSE);
    assertThat(r.json().get("exitStatus")).contains(new JsonNumber("2"));
  }

  @Test
  void commandHelp_exits0() {
    Cli.Result r = new Cli(dir).run("keygen", "--help").exits(0);
    assertThat(r.out()).startsWith("usage: provenance keygen");
  }
}
