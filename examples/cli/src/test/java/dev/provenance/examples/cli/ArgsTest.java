package dev.provenance.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final ArgSpec SPEC =
      ArgSpec.newBuilder("test --one X --many Y... [--flag] [PATH...]")
          .single("--one")
          .multi("--many")
          .repeated("--each")
          .flag("--flag")
          .positionals(0, 2)
          .build();

  private static Args parse(String... argv) throws UsageException {
    return Args.parse(List.of(argv), SPEC);
  }

  @Test
  void parse_allKinds_returnsValuesInOrder() throws Exception {
    Args a = parse("--one", "x", "--many", "a", "b", "--flag", "--many=c", "--", "--p1");
    assertThat(a.value("--one")).contains("x");
    assertThat(a.values("--many")).containsExactly("a", "b", "c");
    assertThat(a.has("--flag")).isTrue();
    assertThat(a.positionals()).containsExactly("--p1");
    assertThat(a.format()).isEqualTo(OutputFormat.TEXT);
  }

  @Test
  void parse_equalsForm_takesValue() throws Exception {
    assertThat(parse("--one=a=b").value("--one")).contains("a=b");
  }

  @Test
  void parse_multiWithEqualsForm_doesNotSwallowPositionals() throws Exception {
    Args a = parse("--many=a", "p");
    assertThat(a.values("--many")).containsExactly("a");
    assertThat(a.positionals()).containsExactly("p");
  }

  @Test
  void parse_repeated_takesOneValuePerOccurrence() throws Exception {
    Args a = parse("--each", "a", "--each", "b", "p");
    assertThat(a.values("--each")).containsExactly("a", "b");
    assertThat(a.positionals()).containsExactly("p");
  }

  @Test
  void parse_nonNegativeInt_acceptsZeroAndRefusesNegatives() throws Exception {
    assertThat(parse("--one", "0").nonNegativeInt("--one", 5)).isZero();
    assertThat(parse().nonNegativeInt("--one", 5)).isEqualTo(5);
    assertThatThrownBy(() -> parse("--one", "-1").nonNegativeInt("--one", 5)).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> parse("--one", "x").nonNegativeInt("--one", 5)).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_formatJson_setsFormat() throws Exception {
    assertThat(parse("--format", "json").format()).isEqualTo(OutputFormat.JSON);
  }

  @Test
  void parse_unknownFlag_throwsUsage() {
    assertThatThrownBy(() -> parse("--nope")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_singleTwice_throwsUsage() {
    assertThatThrownBy(() -> parse("--one", "a", "--one", "b"))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void parse_flagTwice_throwsUsage() {
    assertThatThrownBy(() -> parse("--flag", "--flag")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_flagWithValue_throwsUsage() {
    assertThatThrownBy(() -> parse("--flag=x")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_missingValue_throwsUsage() {
    assertThatThrownBy(() -> parse("--one")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> parse("--one", "--flag")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_emptyValue_throwsUsage() {
    assertThatThrownBy(() -> parse("--one=")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_badFormat_throwsUsage() {
    assertThatThrownBy(() -> parse("--format", "xml")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_tooManyPositionals_throwsUsage() {
    assertThatThrownBy(() -> parse("a", "b", "c")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_tooFewPositionals_throwsUsage() {
    ArgSpec spec = ArgSpec.newBuilder("x PATH").positionals(1, 1).build();
    assertThatThrownBy(() -> Args.parse(List.of(), spec)).isInstanceOf(UsageException.class);
  }

  @Test
  void required_absent_throwsUsage() throws Exception {
    Args a = parse();
    assertThatThrownBy(() -> a.required("--one")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> a.requiredValues("--many")).isInstanceOf(UsageException.class);
  }

  @Test
  void positiveInt_valid_parses() throws Exception {
    assertThat(parse("--one", "12").positiveInt("--one", 1)).isEqualTo(12);
    assertThat(parse().positiveInt("--one", 3)).isEqualTo(3);
  }

  @Test
  void positiveInt_invalid_throwsUsage() throws Exception {
    for (String bad : List.of("0", "-1", "x", "1e3", "99999999999")) {
      Args a = Args.parse(List.of("--one=" + bad), SPEC);
      assertThatThrownBy(() -> a.positiveInt("--one", 1)).isInstanceOf(UsageException.class);
    }
  }

  @Test
  void atMostOneOf_two_throwsUsage() throws Exception {
    Args a = parse("--one", "x", "--flag");
    assertThatThrownBy(() -> a.atMostOneOf("--one", "--flag")).isInstanceOf(UsageException.class);
  }
}
