package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.examples.cli.Main;
import dev.provenance.examples.cli.sigstore.BundleVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code provenance slsa verify-artifact} on every case of {@code vectors/slsa-cases.json}: the
 * first run of each case through the packaged jar as a separate process, and every run the case's
 * policy describes (each {@code a | b} alternative, override and artifact combination) through the
 * same command in process. Each must exit 0 for a VALID case and 1 for an INVALID one.
 *
 * <p>The legacy envelopes need {@code --insecure-accept-legacy-envelopes} and {@code
 * --insecure-testing-exceptions} to reproduce slsa-verifier's online, testing-mode outcome; {@link
 * #verifyArtifact_legacyEnvelopeWithoutOptIn_failsClosed} shows the default.
 */
class SlsaVerifyArtifactIT {
  private static final String LEGACY = "slsa-provenance/legacy-dsse-embedded-cert";
  private static final Pattern INPUT = Pattern.compile("(\\w+)[:=]\"([^\"]*)\"");
  private static final List<String> OPTIONS =
      List.of("source_uri", "builder_id", "source_branch", "source_tag", "source_versioned_tag");

  @TempDir Path dir;

  /** One case: its expected exit status and the argument lists of its runs. */
  record Case(String id, boolean valid, List<List<String>> runs) {
    @Override
    public String toString() {
      return id;
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (JsonValue c : array(object(read("slsa-cases.json")), "cases")) {
      out.add(toCase((JsonObject) c));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifyArtifact_vectorCase_exitsWithTheExpectedStatus(Case c) {
    int expected = c.valid() ? 0 : 1;
    List<String> first = new ArrayList<>(c.runs().get(0));
    first.add("--format");
    first.add("json");
    Cli.Result r = new Cli(dir).run(first.toArray(new String[0])).exits(expected);
    JsonObject json = r.json();
    assertThat(json.get("ok")).contains(JsonValue.of(c.valid()));
    for (List<String> run : c.runs()) {
      assertThat(inProcessArgs(run)).as("%s %s", c.id(), run).isEqualTo(expected);
    }
  }

  @Test
  void verifyArtifact_verified_printsPassedAndTheBuilder() {
    Cli.Result r =
        verifyArtifact(
                "--provenance-path",
                vector("slsa-verifier/gha_go/v2.1.0/binary-linux-amd64-push-v13.0.30.intoto.jsonl"),
                "--source-uri",
                "github.com/slsa-framework/example-package",
                "--source-tag",
                "v13.0.30",
                "--trusted-root",
                vector("sigstore-python/trust-roots/production.trusted_root.json"),
                "--artifact-digest",
                "sha256:f6ab7ad0c7549b5a4942c3b0690519d791c28c4c0f8b286208cb40da3322a066")
            .exits(0);
    assertThat(r.out())
        .contains("builder_go_slsa3.yml@refs/tags/v2.1.0")
        .contains("PASSED: SLSA verification passed");
  }

  @Test
  void verifyArtifact_trustedRootAsJsonLines_isAccepted() throws IOException {
    String root =
        new String(
            read("sigstore-python/trust-roots/production.trusted_root.json"),
            StandardCharsets.UTF_8);
    Path lines = dir.resolve("trusted_root.jsonl");
    Files.writeString(
        lines, root.replace("\n", "").replace("\r", "") + "\n", StandardCharsets.UTF_8);
    verifyArtifact(
            "--provenance-path",
            vector("slsa-verifier/bcr/MODULE.bazel.intoto.jsonl"),
            "--source-uri",
            "github.com/aspect-build/rules_lint",
            "--builder-id",
            "https://github.com/bazel-contrib/publish-to-bcr/.github/workflows/publish.yaml",
            "--trusted-root",
            lines.toString(),
            "--artifact-digest",
            "sha256:06ce330900a7d6403bc8d88e5dfad6aeeb8ae40179f66bb89e69c8bf6f6b1a0b")
        .exits(0);
  }

  @Test
  void verifyArtifact_legacyEnvelopeWithoutOptIn_failsClosed() {
    Cli.Result r =
        verifyArtifact(
                "--provenance-path",
                vector("slsa-verifier/legacy-v1/workflow-inputs.intoto.jsonl"),
                "--source-uri",
                "github.com/laurentsimon/slsa-on-github-test",
                vector("slsa-verifier/legacy-v1/workflow-inputs"),
                "--format",
                "json")
            .exits(1);
    assertThat(r.err()).contains("THRESHOLD_NOT_MET");
    assertThat(r.json().get("findings").orElseThrow().toString()).contains("THRESHOLD_NOT_MET");
  }

  @Test
  void verifyArtifact_emptyProvenance_failsWithPolicyMismatch() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.intoto.jsonl"), "\n\n");
    Cli.Result r =
        verifyArtifact(
                "--provenance-path",
                empty.toString(),
                "--source-uri",
                "github.com/org/repo",
                "--artifact-digest",
                "sha256:" + "0".repeat(64))
            .exits(1);
    assertThat(r.err()).contains("POLICY_MISMATCH");
  }

  @Test
  void verifyArtifact_usageErrors_exitTwo() {
    String provenance = vector("slsa-verifier/bcr/MODULE.bazel.intoto.jsonl");
    String digest = "sha256:06ce330900a7d6403bc8d88e5dfad6aeeb8ae40179f66bb89e69c8bf6f6b1a0b";
    List<List<String>> bad =
        List.of(
            List.of("--source-uri", "github.com/a/b", "--artifact-digest", digest),
            List.of("--provenance-path", provenance, "--artifact-digest", digest),
            List.of("--provenance-path", provenance, "--source-uri", "github.com/a/b"),
            List.of(
                "--provenance-path",
                provenance,
                "--source-uri",
                "github.com/a/b",
                "--artifact-digest",
                "md5:00"),
            List.of(
                "--provenance-path",
                provenance,
                "--source-uri",
                "github.com/a/b",
                "--source-versioned-tag",
                "13",
                "--artifact-digest",
                digest),
            List.of(
                "--provenance-path",
                provenance,
                "--source-uri",
                "github.com/a/b@main",
                "--artifact-digest",
                digest),
            List.of(
                "--provenance-path",
                provenance,
                "--source-uri",
                "github.com/a/b",
                "--build-workflow-input",
                "novalue",
                "--artifact-digest",
                digest),
            List.of(
                "--provenance-path",
                provenance,
                "--source-uri",
                "github.com/a/b",
                dir.resolve("missing").toString()));
    for (List<String> args : bad) {
      List<String> all = new ArrayList<>(List.of("slsa", "verify-artifact"));
      all.addAll(args);
      assertThat(inProcessArgs(all)).as("%s", args).isEqualTo(2);
    }
    new Cli(dir).run("slsa", "verify-artifact", "--source-uri", "github.com/a/b").exits(2);
  }

  private Cli.Result verifyArtifact(String... args) {
    List<String> all = new ArrayList<>(List.of("slsa", "verify-artifact"));
    all.addAll(List.of(args));
    return new Cli(dir).run(all.toArray(new String[0]));
  }

  static int inProcessArgs(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    return new Main()
        .run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------ reading slsa-cases.json

  private static Case toCase(JsonObject c) {
    String id = string(c, "case");
    String category = string(c, "category");
    JsonObject policy = (JsonObject) c.get("policy").orElseThrow();
    List<String> files = new ArrayList<>();
    for (JsonValue f : array(c, "files")) {
      files.add(string((JsonObject) f, "path"));
    }
    String provenance =
        files.stream()
            .filter(f -> f.endsWith(".jsonl") || f.endsWith(".slsa"))
            .findFirst()
            .orElseThrow();
    List<String> base =
        new ArrayList<>(
            List.of("slsa", "verify-artifact", "--provenance-path", vector(provenance)));
    optional(policy, "trusted_root")
        .ifPresent(t -> base.addAll(List.of("--trusted-root", vector(bare(t)))));
    if (category.equals(LEGACY)) {
      base.add("--insecure-accept-legacy-envelopes");
      base.add("--insecure-testing-exceptions");
    }
    List<List<String>> runs = List.of(base);
    for (String option : OPTIONS) {
      Optional<String> value = optional(policy, option);
      if (value.isPresent()) {
        List<List<String>> choices = new ArrayList<>();
        for (String alternative : value.get().split(" \\| | or ")) {
          String a = alternative.trim();
          choices.add(a.startsWith("(") ? List.of() : List.of("--" + option.replace('_', '-'), a));
        }
        runs = cross(runs, choices);
      }
    }
    Optional<String> inputs = optional(policy, "build_workflow_inputs");
    if (inputs.isPresent()) {
      List<List<String>> choices = new ArrayList<>();
      for (String alternative : inputs.get().split(" \\| ")) {
        List<String> flags = new ArrayList<>();
        Matcher m = INPUT.matcher(alternative);
        while (m.find()) {
          flags.add("--build-workflow-input=" + m.group(1) + "=" + m.group(2));
        }
        choices.add(flags);
      }
      runs = cross(runs, choices);
    }
    Optional<String> variants = optional(policy, "variants");
    if (variants.isPresent()) {
      List<List<String>> choices = new ArrayList<>();
      for (String v : variants.get().substring(variants.get().indexOf(':') + 1).split(" \\| ")) {
        String[] kv = v.trim().split("=", 2);
        choices.add(List.of("--" + kv[0].replace('_', '-'), kv[1]));
      }
      runs = cross(runs, choices);
    }
    List<List<String>> all = cross(runs, artifacts(policy, files));
    return new Case(id, string(c, "expected").equals("VALID"), all);
  }

  /** Every run followed by every choice of further arguments. */
  private static List<List<String>> cross(List<List<String>> runs, List<List<String>> choices) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : runs) {
      for (List<String> choice : choices) {
        List<String> n = new ArrayList<>(r);
        n.addAll(choice);
        out.add(List.copyOf(n));
      }
    }
    return out;
  }

  private static List<List<String>> artifacts(JsonObject policy, List<String> files) {
    Optional<String> digest = optional(policy, "artifact_digest");
    if (digest.isPresent()) {
      return List.of(List.of("--artifact-digest=" + bare(digest.get())));
    }
    String artifact = optional(policy, "artifact").orElseThrow();
    if (artifact.contains(" and/or ")) {
      List<String> paths = new ArrayList<>();
      for (String f : files) {
        if (!f.endsWith(".jsonl")) {
          paths.add(vector(f));
        }
      }
      String a = paths.get(0);
      String b = paths.get(1);
      return List.of(List.of(a), List.of(b), List.of(a, b), List.of(b, a), List.of(a, a));
    }
    String token = bare(artifact);
    String path =
        files.stream()
            .filter(f -> f.equals(token) || f.endsWith("/" + token))
            .findFirst()
            .orElseThrow();
    return List.of(List.of(vector(path)));
  }

  static String bare(String value) {
    int p = value.indexOf(' ');
    return p < 0 ? value : value.substring(0, p);
  }

  static Optional<String> optional(JsonObject o, String key) {
    return o.get(key).filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).value());
  }

  static String string(JsonObject o, String key) {
    return optional(o, key).orElseThrow();
  }

  static List<JsonValue> array(JsonObject o, String key) {
    return ((JsonArray) o.get(key).orElseThrow()).elements();
  }

  static JsonObject object(byte[] json) {
    try {
      return JsonCodec.standard().parseObject(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] read(String path) {
    try (InputStream in = SlsaVerifyArtifactIT.class.getResourceAsStream("/vectors/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing vector " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The absolute path of a vector file. */
  static String vector(String path) {
    return BundleVectors.vector(path);
  }
}
