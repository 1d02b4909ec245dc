package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitRefsTest {
  @ParameterizedTest
  @CsvSource({
    "github.com/org/repo, git+https://github.com/org/repo",
    "https://github.com/org/repo, git+https://github.com/org/repo",
    "git+https://github.com/org/repo, git+https://github.com/org/repo",
    "Agithub.com/org/repo, git+https://Agithub.com/org/repo",
  })
  void normalize_repositoryForms_giveTheGitPlusForm(String given, String normalised) {
    assertThat(GitRefs.normalize(given)).isEqualTo(normalised);
  }

  @Test
  void split_uriWithRef_splitsAtTheFirstAt() {
    GitRefs.UriAndRef s =
        GitRefs.split("git+https://github.com/org/repo@refs/heads/a@b").orElseThrow();
    assertThat(s.uri()).isEqualTo("git+https://github.com/org/repo");
    assertThat(s.ref()).isEqualTo("refs/heads/a@b");
  }

  @Test
  void split_uriWithoutRef_hasAnEmptyRef() {
    assertThat(GitRefs.split("git+https://github.com/org/repo").orElseThrow().ref()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "https://github.com/org/repo@refs/heads/main"})
  void split_notAGitUri_isEmpty(String uri) {
    assertThat(GitRefs.split(uri)).isEmpty();
  }

  @Test
  void tagAndBranch_matchingRefType_giveTheName() {
    assertThat(GitRefs.tag("refs/tags/v1.2.3")).contains("v1.2.3");
    assertThat(GitRefs.branch("refs/heads/release/1.x")).contains("release/1.x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "main", "refs/heads/", "refs/tags/", "refs/pull/1/merge", "v1.2.3"})
  void tagAndBranch_otherRefs_areEmpty(String ref) {
    assertThat(GitRefs.tag(ref)).isEmpty();
    assertThat(GitRefs.branch(ref)).isEmpty();
  }

  @Test
  void tag_branchRef_isEmpty() {
    assertThat(GitRefs.tag("refs/heads/main")).isEmpty();
    assertThat(GitRefs.branch("refs/tags/v1")).isEmpty();
  }
}
