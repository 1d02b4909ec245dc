package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code slsa verify-artifact} on slsa-verifier's own test data (a BYOB delegator build of
 * slsa-framework/example-package pushed at tag v14), with the outcomes slsa-verifier asserts.
 */
class SlsaVerifyArtifactIT {
  private static final String DIR = "/vectors/slsa-verifier/gha_delegator/v2.1.0/";
  private static final String ARTIFACT = "binary-linux-amd64-push-v14";
  private static final String PROVENANCE = ARTIFACT + ".build.slsa";
  private static final String SOURCE = "github.com/slsa-framework/example-package";
  private static final String BUILDER =
      "https://github.com/slsa-framework/example-trw/.github/workflows/builder_high-perms_slsa3.yml";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void copyVectors() throws IOException {
    cli = new Cli(dir);
    for (String name : new String[] {ARTIFACT, PROVENANCE}) {
      try (InputStream in = SlsaVerifyArtifactIT.class.getResourceAsStream(DIR + name)) {
        cli.file(name, in.readAllBytes());
      }
    }
  }

  private Cli.Result verify(String... extra) {
    String[] base = {
      "slsa", "verify-artifact", "--provenance-path", PROVENANCE, "--source-uri", SOURCE
    };
    String[] all = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    all[all.length - 1] = ARTIFACT;
    return cli.run(all);
  }

  /** sv-gha_delegator-push-v14-valid. */
  @ParameterizedTest
  @ValueSource(strings = {"v14", "v14.0"})
  void verifyArtifact_matchingVersionedTag_exits0(String tag) {
    Cli.Result r = verify("--builder-id", BUILDER, "--source-versioned-tag", tag).exits(0);
    assertThat(r.out()).contains("PASSED: SLSA verification passed");
  }

  @Test
  void verifyArtifact_json_namesBuilderAndSource() {
    JsonObject json =
        verify("--builder-id", BUILDER + "@v2.1.0", "--format", "json", "--print-provenance")
            .exits(0)
            .json();
    JsonObject artifact =
        (JsonObject) ((JsonArray) json.get("artifacts").orElseThrow()).elements().get(0);
    assertThat(artifact.get("builderId")).contains(new JsonString(BUILDER + "@refs/tags/v2.1.0"));
    assertThat(artifact.get("source"))
        .contains(new JsonString("git+https://" + SOURCE + "@refs/tags/v14"));
    assertThat(artifact.get("statement")).isPresent();
  }

  /** sv-gha_delegator-push-v14-versioned-tag-mismatch. */
  @ParameterizedTest
  @ValueSource(strings = {"v14.1", "v13", "v15", "v13.2", "v0"})
  void verifyArtifact_otherVersionedTag_exits1PolicyMismatch(String tag) {
    Cli.Result r = verify("--builder-id", BUILDER, "--source-versioned-tag", tag).exits(1);
    assertThat(r.err()).contains("error: POLICY_MISMATCH at /predicate (" + PROVENANCE + ")");
  }

  @Test
  void verifyArtifact_untrustedBuilderOrSource_exits1() {
    assertThat(verify().exits(1).err()).contains("error: POLICY_MISMATCH");
    Cli.Result wrongSource =
        cli.run(
            "slsa", "verify-artifact", "--provenance-path", PROVENANCE,
            "--source-uri", "github.com/slsa-framework/other", "--builder-id", BUILDER, ARTIFACT);
    wrongSource.exits(1);
  }

  @Test
  void verifyArtifact_changedArtifact_exits1BindingMismatch() {
    cli.file(ARTIFACT, "not the artifact that was built");
    Cli.Result r = verify("--builder-id", BUILDER).exits(1);
    assertThat(r.err()).contains("error: BINDING_MISMATCH at /subject (" + PROVENANCE + ")");
  }

  @Test
  void verifyArtifact_usageErrors_exit2() {
    cli.run("slsa", "verify-artifact", "--provenance-path", PROVENANCE, ARTIFACT).exits(2);
    cli.run("slsa", "verify-artifact", "--provenance-path", PROVENANCE, "--source-uri", SOURCE)
        .exits(2);
    verify("--source-tag", "v14", "--source-versioned-tag", "v14").exits(2);
    verify("--build-workflow-input", "novalue").exits(2);
    verify("--trusted-root", "missing.json").exits(2);
  }

  @Test
  void verifyArtifact_malformedTrustedRoot_exits1() {
    cli.file("root.json", "{\"mediaType\":");
    assertThat(verify("--trusted-root", "root.json").exits(1).err())
        .startsWith("error: MALFORMED_INPUT")
        .contains("(root.json)");
  }
}
