package dev.provenance.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactRuleTest {
  private static List<String> t(String rule) {
    return Arrays.asList(rule.split(" "));
  }

  @Test
  void parse_matchWithPrefixes_readsEveryPart() throws Exception {
    ArtifactRule r =
        ArtifactRule.parse(t("MATCH foo.py IN src WITH products in dst FROM clone"));
    assertThat(r.type()).isEqualTo(ArtifactRule.Type.MATCH);
    assertThat(r.pattern()).isEqualTo("foo.py");
    assertThat(r.sourcePrefix()).contains("src");
    assertThat(r.target()).contains(ArtifactRule.Target.PRODUCTS);
    assertThat(r.targetPrefix()).contains("dst");
    assertThat(r.targetStep()).contains("clone");
    assertThat(ArtifactRule.parse(r.tokens())).isEqualTo(r);
  }

  @Test
  void parse_simpleMatch_roundTrips() throws Exception {
    ArtifactRule r = ArtifactRule.parse(t("MATCH demo-project/* WITH PRODUCTS FROM clone-dsse"));
    assertThat(r).isEqualTo(ArtifactRule.match("demo-project/*", ArtifactRule.Target.PRODUCTS, "clone-dsse"));
    assertThat(r.sourcePrefix()).isEqualTo(Optional.empty());
    assertThat(r.toString()).isEqualTo("MATCH demo-project/* WITH PRODUCTS FROM clone-dsse");
  }

  @Test
  void parse_lowercaseKeywords_accepted() throws Exception {
    assertThat(ArtifactRule.parse(t("disallow *"))).isEqualTo(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"));
    assertThat(ArtifactRule.parse(t("match * with materials from a")).target())
        .contains(ArtifactRule.Target.MATERIALS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ALLOW",
        "ALLOW a b",
        "PERMIT *",
        "MATCH *",
        "MATCH * WITH PRODUCTS",
        "MATCH * WITH THINGS FROM a",
        "MATCH * FROM a WITH PRODUCTS",
        "MATCH * IN WITH PRODUCTS FROM a",
        "MATCH * WITH PRODUCTS FROM a b",
        "ALLOW [",
      })
  void parse_badTokens_throwsMalformedInput(String rule) {
    List<String> tokens = rule.isEmpty() ? List.of() : t(rule);
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> ArtifactRule.parse(tokens));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }
}
