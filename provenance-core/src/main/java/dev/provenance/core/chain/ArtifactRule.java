package dev.provenance.core.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.core.internal.chain.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One in-toto artifact rule of a step's expected materials or products (<a
 * href="https://github.com/in-toto/docs/blob/master/in-toto-spec.md#433-artifact-rules">in-toto
 * spec §4.3.3</a>), written as a token list exactly as in an in-toto layout:
 *
 * <pre>
 * MATCH &lt;pattern&gt; [IN &lt;source-prefix&gt;] WITH (MATERIALS|PRODUCTS) [IN &lt;target-prefix&gt;] FROM &lt;step&gt;
 * CREATE &lt;pattern&gt;     DELETE &lt;pattern&gt;     MODIFY &lt;pattern&gt;
 * ALLOW &lt;pattern&gt;      DISALLOW &lt;pattern&gt;   REQUIRE &lt;name&gt;
 * </pre>
 *
 * <p>Keywords are case-insensitive; patterns, prefixes and step names are case-sensitive.
 * Patterns are shell globs in which {@code *} also matches {@code /}. Instances are immutable and
 * thread-safe.
 *
 * @param type the rule type
 * @param pattern the glob (for {@code REQUIRE}, the exact name)
 * @param sourcePrefix for {@code MATCH}: the directory prefix of the artifacts this step reports
 * @param target for {@code MATCH}: whether the other step's materials or products are compared
 * @param targetPrefix for {@code MATCH}: the directory prefix in the other step
 * @param targetStep for {@code MATCH}: the other step's name
 */
public record ArtifactRule(
    Type type,
    String pattern,
    Optional<String> sourcePrefix,
    Optional<Target> target,
    Optional<String> targetPrefix,
    Optional<String> targetStep) {

  /** The kind of an artifact rule. Constants may be added in minor releases. */
  public enum Type {
    /** The artifact must equal, name and digest, one reported by another step. */
    MATCH,
    /** A product that was not a material. */
    CREATE,
    /** A material that is not a product. */
    DELETE,
    /** An artifact that is both a material and a product with different digests. */
    MODIFY,
    /** Any artifact matching the pattern. */
    ALLOW,
    /** Fails verification if any artifact still unconsumed matches the pattern. */
    DISALLOW,
    /** Fails verification if the named artifact is not reported. */
    REQUIRE
  }

  /** Which artifacts of the other step a {@code MATCH} rule compares with. */
  public enum Target {
    /** The other step's materials (inputs). */
    MATERIALS,
    /** The other step's products (outputs). */
    PRODUCTS
  }

  /**
   * Checks every component.
   *
   * @param type the {@code type} component
   * @param pattern the {@code pattern} component
   * @param sourcePrefix the {@code sourcePrefix} component
   * @param target the {@code target} component
   * @param targetPrefix the {@code targetPrefix} component
   * @param targetStep the {@code targetStep} component
   * @throws IllegalArgumentException if the pattern is not a valid glob, or the MATCH components
   *     are set on another rule type or missing on a MATCH rule
   */
  public ArtifactRule {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(sourcePrefix, "sourcePrefix");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetPrefix, "targetPrefix");
    Objects.requireNonNull(targetStep, "targetStep");
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("empty pattern");
    }
    Glob.compile(pattern);
    boolean match = type == Type.MATCH;
    if (match != target.isPresent() || match != targetStep.isPresent()) {
      throw new IllegalArgumentException("target and targetStep are set exactly on MATCH rules");
    }
    if (!match && (sourcePrefix.isPresent() || targetPrefix.isPresent())) {
      throw new IllegalArgumentException("prefixes are only allowed on MATCH rules");
    }
    if (sourcePrefix.map(String::isEmpty).orElse(false)
        || targetPrefix.map(String::isEmpty).orElse(false)
        || targetStep.map(String::isEmpty).orElse(false)) {
      throw new IllegalArgumentException("empty prefix or step name");
    }
  }

  /**
   * Returns a rule that is not a {@code MATCH}.
   *
   * @param type the type, not {@link Type#MATCH}
   * @param pattern the glob or, for {@code REQUIRE}, the name
   * @return the rule
   */
  public static ArtifactRule of(Type type, String pattern) {
    return new ArtifactRule(
        type, pattern, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a {@code MATCH <pattern> WITH <target> FROM <step>} rule without prefixes.
   *
   * @param pattern the glob
   * @param target materials or products of the other step
   * @param step the other step's name
   * @return the rule
   */
  public static ArtifactRule match(String pattern, Target target, String step) {
    return new ArtifactRule(
        Type.MATCH,
        pattern,
        Optional.empty(),
        Optional.of(target),
        Optional.empty(),
        Optional.of(step));
  }

  /**
   * Parses a rule from its tokens, for example {@code ["MATCH", "src/*", "WITH", "PRODUCTS",
   * "FROM", "checkout"]}.
   *
   * @param tokens the tokens
   * @return the rule
   * @throws MalformedInputException if the tokens do not form a rule or the pattern is not a
   *     valid glob (location empty: the caller knows where the tokens came from)
   */
  public static ArtifactRule parse(List<String> tokens) throws MalformedInputException {
    Objects.requireNonNull(tokens, "tokens");
    if (tokens.isEmpty()) {
      throw bad("empty artifact rule");
    }
    Type type;
    try {
      type = Type.valueOf(tokens.get(0).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad("unknown artifact rule type: " + tokens.get(0));
    }
    try {
      if (type != Type.MATCH) {
        if (tokens.size() != 2) {
          throw bad(type + " takes exactly one pattern");
        }
        return of(type, tokens.get(1));
      }
      return parseMatch(tokens);
    } catch (IllegalArgumentException e) {
      throw bad("invalid artifact rule: " + e.getMessage());
    }
  }

  private static ArtifactRule parseMatch(List<String> t) throws MalformedInputException {
    // MATCH p [IN sp] WITH (MATERIALS|PRODUCTS) [IN tp] FROM step: 6, 8 or 10 tokens
    int n = t.size();
    if (n != 6 && n != 8 && n != 10) {
      throw bad("MATCH rule has a wrong number of tokens: " + n);
    }
    int i = 2;
    Optional<String> sp = Optional.empty();
    if (keyword(t.get(i), "IN")) {
      sp = Optional.of(t.get(i + 1));
      i += 2;
    }
    if (i >= n || !keyword(t.get(i), "WITH")) {
      throw bad("MATCH rule expects WITH");
    }
    i++;
    Target target;
    if (keyword(t.get(i), "MATERIALS")) {
      target = Target.MATERIALS;
    } else if (keyword(t.get(i), "PRODUCTS")) {
      target = Target.PRODUCTS;
    } else {
      throw bad("MATCH rule expects MATERIALS or PRODUCTS after WITH");
    }
    i++;
    Optional<String> tp = Optional.empty();
    if (i < n && keyword(t.get(i), "IN")) {
      if (i + 1 >= n) {
        throw bad("MATCH rule: IN without a prefix");
      }
      tp = Optional.of(t.get(i + 1));
      i += 2;
    }
    if (i + 2 != n || !keyword(t.get(i), "FROM")) {
      throw bad("MATCH rule expects FROM <step> at the end");
    }
    return new ArtifactRule(
        Type.MATCH, t.get(1), sp, Optional.of(target), tp, Optional.of(t.get(i + 1)));
  }

  private static boolean keyword(String token, String keyword) {
    return token.equalsIgnoreCase(keyword);
  }

  private static MalformedInputException bad(String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, "", message);
  }

  /**
   * Returns the rule as its token list, the inverse of {@link #parse(List)}.
   *
   * @return the tokens
   */
  public List<String> tokens() {
    List<String> out = new ArrayList<>();
    out.add(type.name());
    out.add(pattern);
    if (type == Type.MATCH) {
      sourcePrefix.ifPresent(
          p -> {
            out.add("IN");
            out.add(p);
          });
      out.add("WITH");
      out.add(target.orElseThrow().name());
      targetPrefix.ifPresent(
          p -> {
            out.add("IN");
            out.add(p);
          });
      out.add("FROM");
      out.add(targetStep.orElseThrow());
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return String.join(" ", tokens());
  }
}
