package dev.provenance.examples.cli.it;

import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.array;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.bare;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.inProcessArgs;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.object;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.optional;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.read;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.string;
import static dev.provenance.examples.cli.it.SlsaVerifyArtifactIT.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code provenance slsa verify-npm-package} on every case of {@code vectors/npm-cases.json}
 * through the packaged jar. A VALID case runs with every optional input present and absent and
 * with each builder-id spelling it allows, and must exit 0; a case that needs promise-only v0.1
 * bundles must also exit 1 without {@code --allow-v01-promise-only}. Each one-field change of a
 * policy-mismatch case runs alone and must exit 1 with its code on stderr; tampered documents must
 * exit 1.
 */
class SlsaVerifyNpmPackageIT {
  private static final String HOSTED = "https://github.com/actions/runner/github-hosted";
  private static final String LEGACY = "https://github.com/actions/runner";

  @TempDir Path dir;

  /** One run: its arguments, the expected exit status and the code stderr must name. */
  record Run(String name, List<String> args, int exit, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Run> runs() {
    List<Run> out = new ArrayList<>();
    for (JsonValue v : array(object(read("npm-cases.json")), "cases")) {
      JsonObject c = (JsonObject) v;
      String id = string(c, "case");
      JsonObject policy = (JsonObject) c.get("policy").orElseThrow();
      boolean valid = string(c, "expected").equals("VALID");
      boolean promiseOnly = optional(policy, "requires").isPresent();
      Map<String, String> base = new LinkedHashMap<>();
      base.put("--attestations-path", vector("slsa-verifier/npm/" + string(policy, "file")));
      base.put("--trusted-root", vector(string(policy, "trusted_root")));
      base.put("--npm-publish-key", vector(string(policy, "npm_publish_key")));
      base.put("--digest", bare(string(policy, "artifact_digest")));
      base.put("--source-uri", string(policy, "source_uri"));
      base.put("--builder-id", HOSTED);
      base.put("--package-name", string(policy, "package_name"));
      base.put("--package-version", string(policy, "package_version"));
      if (id.endsWith("-policy-mismatch")) {
        String variants = string(policy, "variants");
        for (String change : variants.substring(variants.indexOf(':') + 1).split(" \\| ")) {
          String[] kv = change.trim().split("=", 2);
          Map<String, String> p = new LinkedHashMap<>(base);
          String option = "--" + kv[0].replace('_', '-');
          String code = "POLICY_MISMATCH";
          if (kv[1].equals("(unset)")) {
            p.remove(option);
            code = "CONFIGURATION_ERROR";
          } else {
            p.put(option, kv[1]);
          }
          out.add(new Run(id + " [" + change.trim() + "]", args(p, true), 1, code));
        }
        continue;
      }
      if (!valid) {
        out.add(new Run(id, args(base, true), 1, "SIGNATURE_INVALID"));
        continue;
      }
      List<Map<String, String>> policies = new ArrayList<>();
      policies.add(base);
      Map<String, String> bare = new LinkedHashMap<>(base);
      bare.remove("--package-name");
      bare.remove("--package-version");
      policies.add(bare);
      if (string(policy, "builder_id").contains("short runner name accepted")) {
        Map<String, String> legacy = new LinkedHashMap<>(base);
        legacy.put("--builder-id", LEGACY);
        policies.add(legacy);
      }
      for (Map<String, String> p : policies) {
        String name = id + " " + p.keySet() + " " + p.get("--builder-id");
        out.add(new Run(name, args(p, true), 0, ""));
        if (promiseOnly) {
          out.add(
              new Run(name + " without v0.1 promise-only", args(p, false), 1, "TRANSPARENCY_LOG_INVALID"));
        }
      }
    }
    return out;
  }

  private static List<String> args(Map<String, String> options, boolean promiseOnly) {
    List<String> out = new ArrayList<>(List.of("slsa", "verify-npm-package"));
    options.forEach((k, v) -> out.addAll(List.of(k, v)));
    if (promiseOnly) {
      out.add("--allow-v01-promise-only");
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void verifyNpmPackage_vectorRun_exitsWithTheExpectedStatus(Run run) {
    List<String> args = new ArrayList<>(run.args());
    args.addAll(List.of("--format", "json"));
    Cli.Result r = new Cli(dir).run(args.toArray(new String[0])).exits(run.exit());
    assertThat(r.json().get("ok")).contains(JsonValue.of(run.exit() == 0));
    assertThat(r.err()).contains(run.code());
  }

  @Test
  void verifyNpmPackage_verified_printsThePackageAndTheBuilder() {
    Cli.Result r = new Cli(dir).run(valid("--digest", GUNDAM_DIGEST).toArray(new String[0])).exits(0);
    assertThat(r.out())
        .contains("gundam-visor@1.0.1")
        .contains(HOSTED)
        .contains("git+https://github.com/ramonpetgrave64/gundam-visor@refs/tags/v1.0.1")
        .contains("PASSED: SLSA verification passed");
  }

  @Test
  void verifyNpmPackage_tarballFileOfOtherBytes_failsWithBindingMismatch() throws IOException {
    Path tarball = Files.write(dir.resolve("gundam-visor-1.0.1.tgz"), new byte[] {1, 2, 3});
    Cli.Result r = new Cli(dir).run(valid(tarball.toString()).toArray(new String[0])).exits(1);
    assertThat(r.err()).contains("BINDING_MISMATCH");
  }

  @Test
  void verifyNpmPackage_usageErrors_exitTwo() {
    List<List<String>> bad =
        List.of(
            without(valid("--digest", GUNDAM_DIGEST), "--attestations-path"),
            without(valid("--digest", GUNDAM_DIGEST), "--source-uri"),
            without(valid("--digest", GUNDAM_DIGEST), "--npm-publish-key"),
            valid("--digest", "sha256:" + "0".repeat(64)),
            valid("--digest", "sha512:xyz"),
            valid("--digest", GUNDAM_DIGEST, dir.resolve("extra.tgz").toString()),
            valid(dir.resolve("missing.tgz").toString()),
            valid(),
            replace(valid("--digest", GUNDAM_DIGEST), "--source-uri", "github.com/a/b@main"));
    for (List<String> args : bad) {
      assertThat(inProcessArgs(args)).as("%s", args).isEqualTo(2);
    }
  }

  private static final String GUNDAM_DIGEST =
      "sha512:8d9d7972f676516c75014aa074e11ae604d98f0b64ec6725a61e2838ff3dab162118fa71433fb31e1550d30bd0dec9d086ce032b94457b583900c507acf39c40";

  private static List<String> valid(String... tarball) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "slsa",
                "verify-npm-package",
                "--attestations-path",
                vector("slsa-verifier/npm/gundam-visor-cli-v1-tag.tgz.json"),
                "--trusted-root",
                vector("sigstore-python/trust-roots/production.trusted_root.json"),
                "--npm-publish-key",
                vector("sigstore-go/examples/publish_key.pub"),
                "--source-uri",
                "github.com/ramonpetgrave64/gundam-visor",
                "--builder-id",
                HOSTED,
                "--package-name",
                "gundam-visor",
                "--package-version",
                "1.0.1"));
    out.addAll(List.of(tarball));
    return out;
  }

  private static List<String> without(List<String> args, String option) {
    List<String> out = new ArrayList<>(args);
    int i = out.indexOf(option);
    out.remove(i + 1);
    out.remove(i);
    return out;
  }

  private static List<String> replace(List<String> args, String option, String value) {
    List<String> out = new ArrayList<>(args);
    out.set(out.indexOf(option) + 1, value);
    return out;
  }
}
