package dev.provenance.core.internal.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.chain.ArtifactRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Evaluates in-toto artifact rules over one step's materials and products, as pure functions of
 * name-to-digest maps (in-toto spec §4.3.3; the queue model of in-toto's {@code verifylib}).
 *
 * <p>Each rule list starts with a queue holding every artifact name. A rule filters the queue by
 * its pattern; {@code MATCH}, {@code CREATE}, {@code DELETE}, {@code MODIFY} and {@code ALLOW}
 * consume what they accept, {@code DISALLOW} fails on anything it still finds, {@code REQUIRE}
 * fails if its name is absent. Whatever remains at the end is allowed (the implicit trailing
 * {@code ALLOW *}). Names must already be canonical (see {@link ArtifactNames}).
 *
 * <p>A {@code DISALLOW} hit on an artifact that a {@code MATCH} rule found under the right name in
 * the other step but with a different digest is reported as {@link ErrorCode#BINDING_MISMATCH},
 * naming both steps and both digests: that is a changed byte, not an unexpected file. Other
 * {@code DISALLOW} and {@code REQUIRE} failures are {@link ErrorCode#POLICY_MISMATCH}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleEngine {
  private RuleEngine() {}

  /** The artifacts of other steps, for {@code MATCH} rules. */
  @FunctionalInterface
  public interface OtherSteps {
    /**
     * Returns the named step's materials or products: for each name, the digests reported by the
     * step's attestations in the chain (one per attestation that reports the name).
     *
     * @param step the step name
     * @param target materials or products
     * @return the artifacts, or empty when the step has no attestation in the chain
     */
    Optional<Map<String, List<DigestSet>>> artifacts(String step, ArtifactRule.Target target);
  }

  /**
   * Applies a step's material rules and product rules, adding a finding for every violation.
   *
   * @param step the step name, for messages and locations
   * @param expectedMaterials the material rules
   * @param expectedProducts the product rules
   * @param materials the step's materials by canonical name
   * @param products the step's products by canonical name
   * @param others access to other steps' artifacts
   * @param acceptable the digest algorithms that may establish equality
   * @param globs compiles (or returns a cached compilation of) a rule pattern
   * @param findings where findings are added
   */
  public static void apply(
      String step,
      List<ArtifactRule> expectedMaterials,
      List<ArtifactRule> expectedProducts,
      Map<String, DigestSet> materials,
      Map<String, DigestSet> products,
      OtherSteps others,
      Set<DigestAlgorithm> acceptable,
      Function<String, Glob> globs,
      List<Finding> findings) {
    Context c = new Context(step, materials, products, others, acceptable, globs, findings);
    run(c, "materials", expectedMaterials, materials);
    run(c, "products", expectedProducts, products);
  }

  /** What the step created, deleted and modified; computed once, when a rule first asks. */
  private static final class Sets {
    final Set<String> created = new LinkedHashSet<>();
    final Set<String> deleted = new LinkedHashSet<>();
    final Set<String> modified = new LinkedHashSet<>();

    Sets(Map<String, DigestSet> materials, Map<String, DigestSet> products, Set<DigestAlgorithm> acceptable) {
      for (Map.Entry<String, DigestSet> p : products.entrySet()) {
        DigestSet m = materials.get(p.getKey());
        if (m == null) {
          created.add(p.getKey());
        } else if (!m.matches(p.getValue(), acceptable)) {
          modified.add(p.getKey());
        }
      }
      for (String m : materials.keySet()) {
        if (!products.containsKey(m)) {
          deleted.add(m);
        }
      }
    }
  }

  private static final class Context {
    final String step;
    final Map<String, DigestSet> materials;
    final Map<String, DigestSet> products;
    final OtherSteps others;
    final Set<DigestAlgorithm> acceptable;
    final Function<String, Glob> globs;
    final List<Finding> findings;
    private Sets sets;

    Context(
        String step,
        Map<String, DigestSet> materials,
        Map<String, DigestSet> products,
        OtherSteps others,
        Set<DigestAlgorithm> acceptable,
        Function<String, Glob> globs,
        List<Finding> findings) {
      this.step = step;
      this.materials = materials;
      this.products = products;
      this.others = others;
      this.acceptable = acceptable;
      this.globs = globs;
      this.findings = findings;
    }

    Sets sets() {
      if (sets == null) {
        sets = new Sets(materials, products, acceptable);
      }
      return sets;
    }
  }

  private static final class NearMiss {
    final String targetStep;
    final List<DigestSet> expected;

    NearMiss(String targetStep, List<DigestSet> expected) {
      this.targetStep = targetStep;
      this.expected = expected;
    }
  }

  private static void run(
      Context c, String kind, List<ArtifactRule> rules, Map<String, DigestSet> artifacts) {
    if (rules.isEmpty()) {
      return; // whatever remains is allowed
    }
    String step = c.step;
    List<Finding> findings = c.findings;
    Set<String> queue = new LinkedHashSet<>(artifacts.keySet());
    Map<String, NearMiss> nearMisses = new LinkedHashMap<>();
    for (ArtifactRule rule : rules) {
      if (queue.isEmpty() && rule.type() != ArtifactRule.Type.REQUIRE) {
        continue;
      }
      Glob glob = c.globs.apply(rule.pattern());
      switch (rule.type()) {
        case MATCH:
          queue.removeAll(match(c, rule, glob, queue, artifacts, nearMisses));
          break;
        case ALLOW:
          queue.removeAll(filter(queue, glob));
          break;
        case CREATE:
          queue.removeAll(intersect(filter(queue, glob), c.sets().created));
          break;
        case DELETE:
          queue.removeAll(intersect(filter(queue, glob), c.sets().deleted));
          break;
        case MODIFY:
          queue.removeAll(intersect(filter(queue, glob), c.sets().modified));
          break;
        case DISALLOW:
          for (String name : filter(queue, glob)) {
            findings.add(disallowed(step, kind, name, artifacts.get(name), rule, nearMisses));
          }
          break;
        case REQUIRE:
          if (!queue.contains(rule.pattern())) {
            findings.add(
                Finding.of(
                    ErrorCode.POLICY_MISMATCH,
                    "chain/" + step + "/" + kind + "/" + rule.pattern(),
                    "step "
                        + step
                        + ": required "
                        + singular(kind)
                        + " "
                        + rule.pattern()
                        + " is not reported (rule "
                        + rule
                        + ")"));
          }
          break;
        default:
          throw new AssertionError(rule.type());
      }
    }
  }

  private static Finding disallowed(
      String step,
      String kind,
      String name,
      DigestSet found,
      ArtifactRule rule,
      Map<String, NearMiss> nearMisses) {
    String location = "chain/" + step + "/" + kind + "/" + name;
    NearMiss miss = nearMisses.get(name);
    if (miss != null) {
      return Finding.of(
          ErrorCode.BINDING_MISMATCH,
          location,
          "step "
              + step
              + ": "
              + singular(kind)
              + " "
              + name
              + " does not match step "
              + miss.targetStep
              + ": expected "
              + describe(miss.expected)
              + ", found "
              + found);
    }
    return Finding.of(
        ErrorCode.POLICY_MISMATCH,
        location,
        "step "
            + step
            + ": "
            + singular(kind)
            + " "
            + name
            + " "
            + found
            + " is disallowed by rule "
            + rule);
  }

  private static String describe(List<DigestSet> digests) {
    return digests.size() == 1 ? digests.get(0).toString() : digests.toString();
  }

  private static String singular(String kind) {
    return kind.equals("materials") ? "material" : "product";
  }

  private static Set<String> match(
      Context c,
      ArtifactRule rule,
      Glob glob,
      Set<String> queue,
      Map<String, DigestSet> artifacts,
      Map<String, NearMiss> nearMisses) {
    Set<String> consumed = new LinkedHashSet<>();
    String targetStep = rule.targetStep().orElseThrow();
    Optional<Map<String, List<DigestSet>>> target =
        c.others.artifacts(targetStep, rule.target().orElseThrow());
    if (target.isEmpty()) {
      return consumed;
    }
    String sourcePrefix = rule.sourcePrefix().map(RuleEngine::directory).orElse("");
    String targetPrefix = rule.targetPrefix().map(RuleEngine::directory).orElse("");
    for (String name : queue) {
      if (!name.startsWith(sourcePrefix)) {
        continue;
      }
      String base = name.substring(sourcePrefix.length());
      if (!glob.matches(base)) {
        continue;
      }
      List<DigestSet> candidates = target.get().get(targetPrefix + base);
      if (candidates == null) {
        continue;
      }
      DigestSet mine = artifacts.get(name);
      boolean equal = false;
      for (DigestSet d : candidates) {
        if (d.matches(mine, c.acceptable)) {
          equal = true;
          break;
        }
      }
      if (equal) {
        consumed.add(name);
        nearMisses.remove(name);
      } else {
        nearMisses.putIfAbsent(name, new NearMiss(targetStep, candidates));
      }
    }
    return consumed;
  }

  private static String directory(String prefix) {
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  private static List<String> filter(Set<String> queue, Glob glob) {
    List<String> out = new ArrayList<>();
    for (String name : queue) {
      if (glob.matches(name)) {
        out.add(name);
      }
    }
    return out;
  }

  private static List<String> intersect(List<String> names, Set<String> set) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (set.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
