package dev.provenance.examples.cli.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.examples.cli.Main;
import dev.provenance.examples.cli.sigstore.BundleVectors.Case;
import dev.provenance.examples.cli.sigstore.BundleVectors.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code provenance sigstore verify-bundle} on every Sigstore bundle case of {@code
 * vectors/sigstore-cases.json} (sigstore-conformance, sigstore-java, -python, -go, -js and cli-cli),
 * in process through {@link Main#run}: each case with its artifact file and with its digest, once
 * per policy variant. A VALID run must exit 0; an INVALID one must exit 1 with an {@code error:
 * CODE} line on standard error. The same runs through the packaged jar are sampled in {@code
 * SigstoreBundleIT}.
 */
class VerifyBundleVectorsTest {
  private static final Path SCRATCH = Path.of("target", "verify-bundle-vectors");
  private static final Pattern ERROR_LINE = Pattern.compile("(?m)^error: ([A-Z_]+)\\b");

  static List<Run> runs() {
    return BundleVectors.runs(SCRATCH);
  }

  /** The exit status and standard error of one in-process run. */
  record Result(int exit, String out, String err) {}

  static Result cli(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new Main().run(args, o, e);
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void verifyBundle_vectorCase_exitsWithTheExpectedStatus(Run run) {
    Result r = cli(run.args());

    if (run.valid()) {
      assertThat(r.exit()).as("%s\n%s", run.args(), r.err()).isZero();
    } else {
      assertThat(r.exit()).as("%s\n%s%s", run.args(), r.out(), r.err()).isEqualTo(1);
      Matcher m = ERROR_LINE.matcher(r.err());
      assertThat(m.find()).as(r.err()).isTrue();
      assertThat(ErrorCode.valueOf(m.group(1))).isNotNull();
    }
  }

  @Test
  void cases_everyBundleCase_isDrivenOrListed() {
    List<Case> cases = BundleVectors.cases();
    int driven = 0;
    for (Case c : cases) {
      assertThat(BundleVectors.SOURCES).as(c.id()).contains(c.source());
      if (BundleVectors.LIBRARY_ONLY.containsKey(c.id())) {
        // only cases that verify no bundle may be left to the library
        assertThat(c.category.equals("checkpoint/parse")
                || c.category.equals("statement/parse")
                || c.policy("parse_only").isPresent())
            .as("%s is a bundle verification", c.id())
            .isTrue();
        continue;
      }
      List<Run> runs = BundleVectors.runs(c, SCRATCH);
      assertThat(runs).as(c.id()).isNotEmpty();
      assertThat(runs).as(c.id()).anyMatch(Run::digest);
      if (c.policy("artifact").isPresent()) {
        assertThat(runs).as(c.id()).anyMatch(r -> !r.digest());
      }
      driven++;
    }
    assertThat(cases.stream().map(Case::id)).containsAll(BundleVectors.LIBRARY_ONLY.keySet());
    assertThat(driven + BundleVectors.LIBRARY_ONLY.size()).isEqualTo(cases.size());
    assertThat(driven).isGreaterThan(100);
    for (String source : BundleVectors.SOURCES) {
      assertThat(cases).as(source).anyMatch(c -> c.source().equals(source));
    }
  }

  @Test
  void runs_outcomes_writtenForReviewWithCountsPerSource() throws Exception {
    List<Run> runs = runs();
    assertThat(runs.stream().map(Run::name)).doesNotHaveDuplicates();
    Map<String, int[]> perSource = new TreeMap<>(); // cases, runs, file runs, digest runs
    String last = "";
    for (Run r : runs) {
      int[] n = perSource.computeIfAbsent(r.source(), s -> new int[4]);
      if (!r.caseId().equals(last)) {
        n[0]++;
        last = r.caseId();
      }
      n[1]++;
      n[r.digest() ? 3 : 2]++;
    }
    List<String> lines = new ArrayList<>();
    perSource.forEach((s, n) -> lines.add(s + ": " + n[0] + " cases, " + n[1] + " runs (" + n[2] + " file, " + n[3] + " digest)"));
    for (Run r : runs) {
      Result result = cli(r.args());
      Matcher m = ERROR_LINE.matcher(result.err());
      String outcome = result.exit() == 0 ? "VERIFIED" : "exit " + result.exit() + (m.find() ? " " + m.group(1) : "");
      lines.add((r.valid() ? "VALID   " : "INVALID ") + r.name() + " -> " + outcome);
    }
    Files.createDirectories(SCRATCH);
    Files.write(SCRATCH.resolve("runs.txt"), lines, StandardCharsets.UTF_8);
    assertThat(perSource.keySet()).containsExactlyInAnyOrderElementsOf(BundleVectors.SOURCES);
  }
}
