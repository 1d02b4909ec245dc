package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provenance demo}, {@code chain verify} and {@code in-toto verify} run as processes on the
 * shaded jar: the demo's chain verifies back to its commit, each of its attacks fails with the code
 * and location of the broken link, and in-toto-golang's layout and links verify.
 */
class ChainIT {
  @TempDir static Path dir;
  private static Path work;
  private static Cli cli;

  @BeforeAll
  static void runDemo() {
    cli = new Cli(dir);
    work = dir.resolve("demo");
    Cli.Result r = cli.run("demo", "--workdir", work.toString()).exits(0);
    assertThat(r.out()).contains("demo passed").contains("step checkout").contains("caught: BINDING_MISMATCH");
  }

  private String[] verifyArgs(String run, String... extra) {
    String[] base = {
      "chain", "verify",
      "--policy", work.resolve("policy.json").toString(),
      "--attestations", work.resolve(run).resolve("attestations").toString(),
      "--artifact", work.resolve(run).resolve("release/app-1.0.tar.gz").toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void chainVerify_demoArchive_exitsZeroWithTheChain() {
    Cli.Result text = cli.run(verifyArgs("build")).exits(0);
    assertThat(text.out()).contains("step package").contains("step build").contains("[root]");
    JsonObject json = cli.run(verifyArgs("build", "--format", "json")).exits(0).json();
    assertThat(json.get("verified")).contains(JsonBoolean.TRUE);
    assertThat(((JsonArray) json.get("steps").orElseThrow()).elements()).hasSize(3);
  }

  @Test
  void chainVerify_jarChangedAfterBuild_exitsOneNamingThePackageInput() {
    Cli.Result r = cli.run(verifyArgs("attack-1-jar")).exits(1);
    assertThat(r.err()).contains("BINDING_MISMATCH").contains("chain/package/inputs/app.jar");
  }

  @Test
  void chainVerify_buildResignedByUnknownKey_exitsOneWithUntrustedAnchor() {
    Cli.Result r = cli.run(verifyArgs("attack-2-resign", "--format", "json")).exits(1);
    assertThat(r.err()).contains("UNTRUSTED_ANCHOR").contains("chain/package/inputs/app.jar");
    assertThat(r.json().get("ok")).contains(JsonBoolean.FALSE);
  }

  @Test
  void chainVerify_sourceChangedAfterCheckout_exitsOneNamingTheBuildInput() {
    Cli.Result r = cli.run(verifyArgs("attack-3-source")).exits(1);
    assertThat(r.err()).contains("BINDING_MISMATCH").contains("chain/build/inputs/src/main/java/demo/Greeting.java");
  }

  @Test
  void chainVerify_withVsaKey_writesSignedSummaryThatVerifies() {
    cli.run("keygen", "--algorithm", "ecdsa-p256", "--out", "vsa").exits(0);
    Path vsa = dir.resolve("vsa.intoto.jsonl");
    cli.run(verifyArgs("build", "--vsa-key", dir.resolve("vsa.key.pem").toString(), "--vsa-out", vsa.toString())).exits(0);
    assertThat(vsa).isRegularFile();
    cli.run("dsse", "verify", "--envelope", vsa.toString(), "--key", dir.resolve("vsa.pub.pem").toString()).exits(0);
  }

  @Test
  void chainVerify_usageErrors_exitTwo() {
    cli.run("chain", "verify", "--attestations", "x").exits(2);
    cli.run(verifyArgs("build", "--digest", "sha256:" + "0".repeat(64))).exits(2);
    cli.run("chain", "verify", "--policy", work.resolve("policy.json").toString(),
        "--attestations", work.resolve("build/attestations").toString(), "--digest", "sha256:xyz").exits(2);
  }

  @Test
  void chainVerify_unknownDigest_exitsOne() {
    Cli.Result r = cli.run("chain", "verify", "--policy", work.resolve("policy.json").toString(),
        "--attestations", work.resolve("build/attestations").toString(), "--digest", "sha256:" + "0".repeat(64)).exits(1);
    assertThat(r.err()).contains("BINDING_MISMATCH");
  }

  private Path vector(String path) throws IOException {
    Path target = dir.resolve("vectors").resolve(path);
    Files.createDirectories(target.getParent());
    try (InputStream in = ChainIT.class.getResourceAsStream("/vectors/" + path)) {
      assertThat(in).as(path).isNotNull();
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void inTotoVerify_goLayoutAndLinks_exitZeroAndOne() throws IOException {
    Path layout = vector("in-toto-golang/dsse-chain/dsse-only.root.layout");
    Path alice = vector("in-toto-golang/alice.pub");
    Path links = dir.resolve("links");
    Files.createDirectories(links);
    for (String l : new String[] {"clone-dsse.776a00e2.link", "update-version-dsse.776a00e2.link", "package-dsse.2f89b927.link"}) {
      Files.copy(vector("in-toto-golang/dsse-chain/" + l), links.resolve(l));
    }
    Cli.Result ok = cli.run("in-toto", "verify", "--layout", layout.toString(), "--layout-key", alice.toString(),
        "--link-dir", links.toString()).exits(0);
    assertThat(ok.out()).contains("in-toto verification passed");
    Path otherAlice = vector("in-toto-python/demo_files/alice.pub");
    Cli.Result wrongKey = cli.run("in-toto", "verify", "--layout", layout.toString(), "--layout-key", otherAlice.toString(),
        "--link-dir", links.toString()).exits(1);
    assertThat(wrongKey.err()).contains("SIGNATURE_INVALID");
    Files.delete(links.resolve("package-dsse.2f89b927.link"));
    Cli.Result missing = cli.run("in-toto", "verify", "--layout", layout.toString(), "--layout-key", alice.toString(),
        "--link-dir", links.toString()).exits(1);
    assertThat(missing.err()).contains("THRESHOLD_NOT_MET").contains("package-dsse");
  }
}
