package dev.provenance.core.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.slsa.SlsaProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeQuickstartTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/provenance/core/quickstart/Quickstart.java");
  private static final Path README = Path.of("../README.md");

  @TempDir Path dir;

  @Test
  void quickstart_signsAndVerifies() throws Exception {
    Path jar = Files.writeString(dir.resolve("app.jar"), "the artifact");
    VerifiedAttestation verified =
        Quickstart.signAndVerify(jar, "0123456789abcdef0123456789abcdef01234567");
    assertThat(verified.matchedSubjects()).hasSize(1);
    assertThat(((SlsaProvenance) verified.statement().predicate()).runDetails().builder().id())
        .isEqualTo("https://ci.example.com/b@v1");
  }

  @Test
  void readme_showsTheQuickstartVerbatim() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    String code =
        source.substring(
            source.indexOf('\n', source.indexOf("// README:begin")) + 1,
            source.indexOf("    // README:end"));
    String dedented =
        code.lines()
            .map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(dedented.lines().count()).isGreaterThan(20);
    assertThat(Files.readString(README, StandardCharsets.UTF_8)).contains(dedented);
  }
}
