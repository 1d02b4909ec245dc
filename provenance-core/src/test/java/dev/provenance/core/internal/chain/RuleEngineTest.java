package dev.provenance.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.ArtifactRule.Target;
import dev.provenance.core.chain.ArtifactRule.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private static final DigestSet A = sha("a");
  private static final DigestSet B = sha("b");
  private static final DigestSet C = sha("c");

  private static DigestSet sha(String c) {
    return DigestSet.of(DigestAlgorithm.SHA256, c.repeat(64));
  }

  private static Map<String, DigestSet> map(Object... kv) {
    Map<String, DigestSet> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (DigestSet) kv[i + 1]);
    }
    return m;
  }

  private static List<ArtifactRule> rules(String... rules) throws Exception {
    List<ArtifactRule> out = new ArrayList<>();
    for (String r : rules) {
      out.add(ArtifactRule.parse(Arrays.asList(r.split(" "))));
    }
    return out;
  }

  private final Map<String, Map<String, List<DigestSet>>> others = new HashMap<>();

  private List<Finding> apply(
      List<ArtifactRule> m, List<ArtifactRule> p, Map<String, DigestSet> mats, Map<String, DigestSet> prods) {
    List<Finding> findings = new ArrayList<>();
    RuleEngine.apply(
        "step",
        m,
        p,
        mats,
        prods,
        (step, target) -> Optional.ofNullable(others.get(step + "/" + target)),
        DigestAlgorithm.defaultAcceptable(),
        Glob::compile,
        findings);
    return findings;
  }

  @Test
  void apply_createModifyDelete_consumeTheirArtifacts() throws Exception {
    Map<String, DigestSet> mats = map("kept", A, "changed", A, "gone", A);
    Map<String, DigestSet> prods = map("kept", A, "changed", B, "new", C);
    List<Finding> f =
        apply(
            rules("DELETE gone", "ALLOW kept", "MODIFY changed", "DISALLOW *"),
            rules("CREATE new", "MODIFY changed", "ALLOW kept", "DISALLOW *"),
            mats,
            prods);
    assertThat(f).isEmpty();
  }

  @Test
  void apply_createOnExistingMaterial_doesNotConsume() throws Exception {
    List<Finding> f =
        apply(List.of(), rules("CREATE kept", "DISALLOW *"), map("kept", A), map("kept", A));
    assertThat(f).extracting(Finding::code).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(f.get(0).location()).isEqualTo("chain/step/products/kept");
  }

  @Test
  void apply_modifyWithSameDigest_doesNotConsume() throws Exception {
    List<Finding> f =
        apply(List.of(), rules("MODIFY x", "DISALLOW x"), map("x", A), map("x", A));
    assertThat(f).extracting(Finding::code).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void apply_require_failsWhenAbsent() throws Exception {
    assertThat(apply(List.of(), rules("REQUIRE app.jar"), map(), map("other", A)))
        .extracting(Finding::code)
        .containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(apply(List.of(), rules("REQUIRE app.jar"), map(), map("app.jar", A))).isEmpty();
  }

  @Test
  void apply_ruleOrder_consumedArtifactsAreNotSeenByLaterRules() throws Exception {
    assertThat(apply(List.of(), rules("ALLOW *.jar", "DISALLOW *"), map(), map("a.jar", A))).isEmpty();
    assertThat(apply(List.of(), rules("DISALLOW *", "ALLOW *.jar"), map(), map("a.jar", A)))
        .hasSize(1);
  }

  @Test
  void apply_matchWithEqualDigest_consumes() throws Exception {
    others.put("clone/PRODUCTS", Map.of("src/foo.py", List.of(A)));
    List<Finding> f =
        apply(rules("MATCH src/* WITH PRODUCTS FROM clone", "DISALLOW *"), List.of(), map("src/foo.py", A), map());
    assertThat(f).isEmpty();
  }

  @Test
  void apply_matchWithChangedDigest_reportsBindingMismatchNamingBothSteps() throws Exception {
    // HOSTILE.md H35: one byte changed between the producing and the consuming step
    others.put("clone/PRODUCTS", Map.of("src/foo.py", List.of(A)));
    List<Finding> f =
        apply(rules("MATCH src/* WITH PRODUCTS FROM clone", "DISALLOW *"), List.of(), map("src/foo.py", B), map());
    assertThat(f).extracting(Finding::code).containsExactly(ErrorCode.BINDING_MISMATCH);
    assertThat(f.get(0).location()).isEqualTo("chain/step/materials/src/foo.py");
    assertThat(f.get(0).message()).contains("clone").contains(A.toString()).contains(B.toString());
  }

  @Test
  void apply_matchWithPrefixes_mapsNames() throws Exception {
    others.put("build/PRODUCTS", Map.of("out/app.jar", List.of(A)));
    List<Finding> f =
        apply(
            rules("MATCH *.jar IN lib WITH PRODUCTS IN out FROM build", "DISALLOW *"),
            List.of(),
            map("lib/app.jar", A),
            map());
    assertThat(f).isEmpty();
    // without the source prefix the name does not qualify
    assertThat(
            apply(
                rules("MATCH *.jar IN lib WITH PRODUCTS IN out FROM build", "DISALLOW *"),
                List.of(),
                map("app.jar", A),
                map()))
        .hasSize(1);
  }

  @Test
  void apply_matchAgainstAbsentStep_consumesNothing() throws Exception {
    List<Finding> f =
        apply(rules("MATCH * WITH PRODUCTS FROM nowhere", "DISALLOW *"), List.of(), map("x", A), map());
    assertThat(f).extracting(Finding::code).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void apply_noRules_allowsEverything() {
    assertThat(apply(List.of(), List.of(), map("x", A), map("y", B))).isEmpty();
  }

  @Test
  void apply_matchAgainstMaterials_comparesMaterials() throws Exception {
    others.put("clone/MATERIALS", Map.of("x", List.of(A)));
    assertThat(
            apply(rules("MATCH x WITH MATERIALS FROM clone", "DISALLOW *"), List.of(), map("x", A), map()))
        .isEmpty();
    assertThat(ArtifactRule.of(Type.ALLOW, "x").target()).isEmpty();
    assertThat(Target.values()).hasSize(2);
  }
}
