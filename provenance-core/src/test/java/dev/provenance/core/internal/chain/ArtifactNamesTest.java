package dev.provenance.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HOSTILE.md H36 and H38: non-canonical and non-portable artifact names. */
class ArtifactNamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "foo",
        "dir/foo.py",
        "demo-project/foo.py",
        "_",
        "app-1.0.jar",
        "git+https://github.com/org/repo@refs/heads/main",
        "pkg:maven/org.example/app@1.0",
        "caf\u00e9.txt",
      })
  void problem_canonicalName_isEmpty(String name) {
    assertThat(ArtifactNames.problem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "./foo",
        "foo/.",
        "//foo",
        "dir/../foo",
        "../foo",
        "dir//foo",
        "dir/",
        "/abs/x",
        "C:\\x",
        "C:/x",
        "dir\\foo",
        "foo\u0000bar",
        "foo\nbar",
        "cafe\u0301.txt",
      })
  void problem_nonCanonicalOrNonPortableName_isPresent(String name) {
    assertThat(ArtifactNames.problem(name)).isPresent();
  }

  @org.junit.jupiter.api.Test
  void caseFold_namesDifferingInCase_collide() {
    assertThat(ArtifactNames.caseFold("Foo")).isEqualTo(ArtifactNames.caseFold("foo"));
  }
}
