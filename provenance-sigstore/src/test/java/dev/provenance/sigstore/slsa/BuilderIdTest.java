package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuilderIdTest {
  private static final String GENERIC =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml";
  private static final BuilderId SIGNER =
      BuilderId.parse(GENERIC + "@refs/tags/v2.1.0").orElseThrow();

  @Test
  void parse_idWithRef_splitsAtTheAt() {
    assertThat(SIGNER.name()).isEqualTo(GENERIC);
    assertThat(SIGNER.version()).isEqualTo("refs/tags/v2.1.0");
    assertThat(SIGNER.toString()).isEqualTo(GENERIC + "@refs/tags/v2.1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "@v1", GENERIC + "@", GENERIC + "@v1@v2"})
  void parse_malformedId_isEmpty(String id) {
    assertThat(BuilderId.parse(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        GENERIC,
        GENERIC + "@v2.1.0",
        GENERIC + "@refs/tags/v2.1.0",
      })
  void matchesLoosely_acceptedForms_match(String expected) {
    assertThat(SIGNER.matchesLoosely(BuilderId.parse(expected).orElseThrow())).isTrue();
  }

  /** H31: lookalikes never match; nothing is normalised. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/slsa-framework/slsa-github-generator-evil/.github/workflows/generator_generic_slsa3.yml",
        "https://raw.githubusercontent.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml",
        GENERIC + "/",
        GENERIC + "@refs/heads/main",
        GENERIC + "@v2.1.1",
        GENERIC + "@refs/tags/v2.1",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator%5Fgeneric_slsa3.yml",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/Generator_generic_slsa3.yml",
        "http://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml",
        "github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml",
      })
  void matchesLoosely_lookalike_doesNotMatch(String expected) {
    assertThat(SIGNER.matchesLoosely(BuilderId.parse(expected).orElseThrow())).isFalse();
  }

  @Test
  void matchesExactly_sameRef_matches() {
    assertThat(SIGNER.matchesExactly(SIGNER)).isTrue();
  }

  @Test
  void matchesExactly_shortVersionInProvenance_doesNotMatchTheLongRef() {
    BuilderId provenance = BuilderId.parse(GENERIC + "@v2.1.0").orElseThrow();
    assertThat(provenance.matchesExactly(SIGNER)).isFalse();
  }

  @Test
  void matchesExactly_unversionedExpectation_doesNotMatchAPinnedBuilder() {
    assertThat(SIGNER.matchesExactly(BuilderId.parse(GENERIC).orElseThrow())).isFalse();
  }
}
