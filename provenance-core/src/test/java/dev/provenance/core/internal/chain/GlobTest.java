package dev.provenance.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "* foo/bar true",
        "abc abc true",
        "*c abc true",
        "a* a true",
        "a* ab/c true",
        "a*/b a/c/b true",
        "a*b*c*d*e*/f axbxcxdxe/xxx/f true",
        "a*b*c*d*e*/f axbxcxdxexxx/fff false",
        "a*b?c*x abxbbxdbxebxczzx true",
        "a*b?c*x abxbbxdbxebxczzy false",
        "ab[c] abc true",
        "ab[b-d] abc true",
        "ab[e-g] abc false",
        "ab[!c] abc false",
        "ab[!e-g] abc true",
        "a\\*b a*b true",
        "a\\*b ab false",
        "a?b a☺b true",
        "a???b a☺b false",
        "a?b a😀b true",
        "a??b a😀b false",
        "*😀 x😀😀 true",
        "*😀? x😀😀 true",
        "[😀-😂]x 😁x true",
        "[!😀]* 😀x false",
        "[^a-z] ^ true",
        "[^a-z] X false",
        "[!a-z] X true",
        "*x xxx true",
        "demo-project/* demo-project/foo.py true",
        "demo-project/* demo-project false",
      })
  void matches_table_asInToto(String pattern, String name, boolean expected) {
    assertThat(Glob.compile(pattern).matches(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^bc", "a[", "a[\\"})
  void compile_badPattern_throwsIllegalArgument(String pattern) {
    assertThatThrownBy(() -> Glob.compile(pattern)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void matches_manyStarsOnLongName_returnsFalse() {
    // the single-backtrack-point algorithm keeps this quadratic at worst, not exponential
    Glob g = Glob.compile("*a*a*a*a*a*a*a*a*a*a*b");
    assertThat(g.matches("a".repeat(4000))).isFalse();
  }
}
