package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlsaExpectationsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "github.com/org/repo",
        "https://github.com/org/repo",
        "git+https://github.com/org/repo"
      })
  void build_repositoryForms_normaliseToGitPlusHttps(String source) {
    SlsaExpectations e = SlsaExpectations.newBuilder().sourceUri(source).build();
    assertThat(e.sourceUri()).isEqualTo("git+https://github.com/org/repo");
    assertThat(e.sourceRepository()).isEqualTo("org/repo");
  }

  @Test
  void build_otherHost_keepsTheWholeUriSoNoCertificateMatches() {
    SlsaExpectations e = SlsaExpectations.newBuilder().sourceUri("gitlab.com/org/repo").build();
    assertThat(e.sourceRepository()).isEqualTo("git+https://gitlab.com/org/repo");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "github.com/", "github.com/org/repo@refs/heads/main", "git+https://"})
  void build_unusableSource_throwsIllegalArgument(String source) {
    assertThatThrownBy(() -> SlsaExpectations.newBuilder().sourceUri(source).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_withoutSource_throwsIllegalState() {
    assertThatThrownBy(() -> SlsaExpectations.newBuilder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"13", "v1.2.3.4", "v01", "latest", ""})
  void build_versionedTagNotASemanticVersion_throwsIllegalArgument(String tag) {
    assertThatThrownBy(
            () ->
                SlsaExpectations.newBuilder()
                    .sourceUri("github.com/org/repo")
                    .sourceVersionedTag(tag)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "https://github.com/a/b@v1@v2", "https://github.com/a/b@"})
  void build_malformedBuilderId_throwsIllegalArgument(String id) {
    assertThatThrownBy(
            () ->
                SlsaExpectations.newBuilder()
                    .sourceUri("github.com/org/repo")
                    .builderId(id)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_inputs_keepTheirOrderAndCannotBeChanged() {
    SlsaExpectations e =
        SlsaExpectations.newBuilder()
            .sourceUri("github.com/org/repo")
            .addBuildWorkflowInput("b", "2")
            .addBuildWorkflowInput("a", "1")
            .build();
    assertThat(e.buildWorkflowInputs()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThatThrownBy(() -> e.buildWorkflowInputs().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
