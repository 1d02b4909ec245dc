package dev.provenance.sigstore.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinearRegexTest {

  @ParameterizedTest
  @CsvSource(
      delimiterString = " ~ ",
      value = {
        "abc ~ abc ~ true",
        "abc ~ abcd ~ false",
        "abc ~ xabc ~ false",
        "a.c ~ abc ~ true",
        "a\\.c ~ abc ~ false",
        "a\\.c ~ a.c ~ true",
        "[a-c]+ ~ abcabc ~ true",
        "[a-c]+ ~ abcd ~ false",
        "[^a-c]+ ~ xyz ~ true",
        "[^a-c]+ ~ xaz ~ false",
        "[]a]+ ~ ]a] ~ true",
        "[a-]+ ~ a-a ~ true",
        "\\d{3} ~ 123 ~ true",
        "\\d{3} ~ 12 ~ false",
        "\\d{2,3} ~ 1234 ~ false",
        "\\d{2,} ~ 1234 ~ true",
        "\\w+\\s\\W ~ ab_9 ! ~ true",
        "\\S+ ~ a b ~ false",
        "\\x41 ~ A ~ true",
        "(ab|cd)* ~ abcdab ~ true",
        "(ab|cd)* ~ abc ~ false",
        "(?:a|b)?c ~ c ~ true",
        "(?P<name>a+)b ~ aab ~ true",
        "(?<name>a+)b ~ aab ~ true",
        "^abc$ ~ abc ~ true",
        "a^b ~ ab ~ false",
        "a{,2} ~ a{,2} ~ true",
        "x{2}{ ~ xx{ ~ true",
        "a*?b ~ aab ~ true",
        "a+? ~ aaa ~ true",
        "(?i)github ~ GitHub ~ true",
        "(?i)[a-z]+ ~ ABC ~ true",
        "github ~ GitHub ~ false",
        "a||b ~ '' ~ true",
        "é+ ~ ééé ~ true",
      })
  void matches_pattern_behavesAsFullMatch(String pattern, String input, boolean expected) {
    String text = input == null ? "" : input;

    assertThat(LinearRegex.compile(pattern).matches(text)).isEqualTo(expected);
  }

  @Test
  void matches_dot_doesNotMatchNewline() {
    assertThat(LinearRegex.compile("a.c").matches("a\nc")).isFalse();
    assertThat(LinearRegex.compile("a[^b]c").matches("a\nc")).isTrue();
  }

  @Test
  void compile_emptyPattern_throwsIllegalArgument() {
    assertThatThrownBy(() -> LinearRegex.compile("")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(a",
        "a)",
        "[a",
        "a\\",
        "*a",
        "a**",
        "a+*",
        "\\1",
        "(a)\\1",
        "(?=a)",
        "(?!a)",
        "(?<=a)b",
        "\\bfoo",
        "(?s).",
        "[z-a]",
        "a{5,2}",
        "a{1001}",
        "\\xZZ",
        "^*",
        "\\p{L}",
      })
  void compile_unsupportedOrInvalidSyntax_throwsIllegalArgument(String pattern) {
    assertThatThrownBy(() -> LinearRegex.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compile_repetitionExpandingBeyondProgramLimit_throwsIllegalArgument() {
    assertThatThrownBy(() -> LinearRegex.compile("((a{1000}){1000}){1000}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matches_nestedQuantifierOnLongInput_runsInLinearSteps() {
    // H83: (a+)+$ against "aaaa...a!" is exponential for backtracking engines.
    LinearRegex regex = LinearRegex.compile("(a+)+$");
    String input = "a".repeat(50_000) + "!";

    assertThat(regex.matches(input)).isFalse();
    assertThat(regex.matches("a".repeat(50_000))).isTrue();
    // Every input character touches each instruction at most once.
    assertThat(regex.steps(input)).isLessThanOrEqualTo(50_001L * regex.programSize());
    assertThat(regex.programSize()).isLessThan(10);
  }

  @Test
  void matches_alternationBlowupPattern_runsInLinearSteps() {
    LinearRegex regex = LinearRegex.compile("(a|aa|a?)*b");
    String input = "a".repeat(20_000);

    assertThat(regex.matches(input)).isFalse();
    assertThat(regex.steps(input)).isLessThanOrEqualTo(20_001L * regex.programSize());
  }

  @Test
  void pattern_returnsSourceText() {
    assertThat(LinearRegex.compile("(?i)a+").pattern()).isEqualTo("(?i)a+");
    assertThat(LinearRegex.compile("a+")).hasToString("a+");
  }

  // ------------------------------------------------------------------ differential property

  /**
   * On this subset RE2 and java.util.regex agree, so the JDK is an oracle for small inputs. The
   * oracle itself backtracks, so cases where it would run away are discarded.
   */
  @Property(tries = 1500)
  void matches_agreesWithJavaRegexOnSafeSubset(
      @ForAll("patterns") String pattern,
      @ForAll @StringLength(max = 10) @Chars({'a', 'b', 'c', '-', '.'}) String input) {
    Boolean expected;
    try {
      expected = Pattern.compile(pattern).matcher(new Budgeted(input, 200_000)).matches();
    } catch (BudgetExceeded e) {
      expected = null;
    }
    Assume.that(expected != null);

    assertThat(LinearRegex.compile(pattern).matches(input))
        .as("/%s/ on \"%s\"", pattern, input)
        .isEqualTo(expected);
  }

  /** A char sequence that stops a backtracking matcher after a number of reads. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final int[] budget;

    Budgeted(String text, int budget) {
      this(text, new int[] {budget});
    }

    private Budgeted(String text, int[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Provide
  Arbitrary<String> patterns() {
    return expression(3);
  }

  private static Arbitrary<String> expression(int depth) {
    Arbitrary<String> atom =
        Arbitraries.of("a", "b", "c", ".", "\\.", "-", "[ab]", "[^a]", "[a-c]", "\\w", "\\W");
    if (depth > 0) {
      Arbitrary<String> group = expression(depth - 1).map(e -> "(" + e + ")");
      Arbitrary<String> nonCapturing = expression(depth - 1).map(e -> "(?:" + e + ")");
      atom = Arbitraries.oneOf(atom, group, nonCapturing);
    }
    Arbitrary<String> quantifier =
        Arbitraries.of("", "", "", "*", "+", "?", "*?", "{2}", "{1,2}", "{0,}", "{2,3}");
    Arbitrary<String> piece = Combinators.combine(atom, quantifier).as((a, q) -> a + q);
    Arbitrary<String> concat = piece.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
    return concat.list().ofMinSize(1).ofMaxSize(2).map(l -> String.join("|", l));
  }
}
