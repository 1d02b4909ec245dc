package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {
  @ParameterizedTest
  @CsvSource({
    "v1, v1.0.0",
    "v1.2, v1.2.0",
    "v1.2.3, v1.2.3",
    "v0.0.0, v0.0.0",
    "v13.0.30, v13.0.30",
    "v1.2.3-rc.1, v1.2.3-rc.1",
    "v1.2.3-rc.1+build.5, v1.2.3-rc.1",
    "v1.2.3+meta, v1.2.3",
    "v1.2.3-0a.x-y, v1.2.3-0a.x-y",
  })
  void parse_validVersion_canonicalises(String text, String canonical) {
    assertThat(Semver.parse(text)).get().extracting(Semver::canonical).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "v",
        "1.2.3",
        "V1.2.3",
        "v01",
        "v1.02",
        "v1.2.03",
        "v1.2.3.4",
        "v1-rc",
        "v1.2-rc",
        "v1.2+meta",
        "v1.2.3-",
        "v1.2.3-rc..1",
        "v1.2.3-01",
        "v1.2.3+",
        "v1.2.3+a..b",
        "v1.2.3-rc_1",
        "v1.2.3 ",
        "v1.2.",
        "v-1",
        "v1.2.3-rc+",
      })
  void parse_invalidVersion_isEmpty(String text) {
    assertThat(Semver.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"v14, false, false", "v14.2, true, false", "v13.0.30, true, true"})
  void parse_shorthand_remembersWrittenParts(String text, boolean minor, boolean patch) {
    Semver v = Semver.parse(text).orElseThrow();
    assertThat(v.minor().isPresent()).isEqualTo(minor);
    assertThat(v.patch().isPresent()).isEqualTo(patch);
  }
}
