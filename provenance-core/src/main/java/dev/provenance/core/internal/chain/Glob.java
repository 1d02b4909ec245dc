package dev.provenance.core.internal.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled shell glob as in-toto artifact rules use it: {@code *} matches any sequence including
 * {@code /}, {@code ?} one code point, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} a class,
 * and {@code \} escapes the next character. A leading {@code ^} in a class is a literal, as in
 * Python's fnmatch and in-toto-golang.
 *
 * <p>Matching is iterative (no recursion, no regex engine): the worst case is proportional to the
 * product of pattern and name lengths. Instances are immutable and thread-safe.
 */
public final class Glob {
  private static final int LITERAL = 0;
  private static final int ANY = 1;
  private static final int STAR = 2;
  private static final int CLASS = 3;

  private final String pattern;
  private final int[] kinds;
  private final int[] literals;
  private final int[][] classes; // pairs of inclusive ranges
  private final boolean[] negated;
  private final boolean literalOnly;

  private Glob(String pattern, List<int[]> tokens, List<int[]> ranges) {
    this.pattern = pattern;
    int n = tokens.size();
    this.kinds = new int[n];
    this.literals = new int[n];
    this.classes = new int[n][];
    this.negated = new boolean[n];
    boolean onlyLiterals = true;
    for (int i = 0; i < n; i++) {
      int[] t = tokens.get(i);
      kinds[i] = t[0];
      literals[i] = t[1];
      negated[i] = t[2] != 0;
      classes[i] = ranges.get(i);
      onlyLiterals &= t[0] == LITERAL;
    }
    this.literalOnly = onlyLiterals;
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the glob
   * @return the compiled glob
   * @throws IllegalArgumentException if the pattern is malformed: an unterminated class, an empty
   *     class, a dangling escape or a range with a missing or reversed bound
   */
  public static Glob compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<int[]> tokens = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    int[] cps = pattern.codePoints().toArray();
    int i = 0;
    while (i < cps.length) {
      int c = cps[i];
      if (c == '*') {
        // consecutive stars are equivalent to one
        if (tokens.isEmpty() || tokens.get(tokens.size() - 1)[0] != STAR) {
          tokens.add(new int[] {STAR, 0, 0});
          ranges.add(null);
        }
        i++;
      } else if (c == '?') {
        tokens.add(new int[] {ANY, 0, 0});
        ranges.add(null);
        i++;
      } else if (c == '\\') {
        if (i + 1 >= cps.length) {
          throw new IllegalArgumentException("dangling escape at the end of the pattern");
        }
        tokens.add(new int[] {LITERAL, cps[i + 1], 0});
        ranges.add(null);
        i += 2;
      } else if (c == '[') {
        i = compileClass(cps, i + 1, tokens, ranges);
      } else {
        tokens.add(new int[] {LITERAL, c, 0});
        ranges.add(null);
        i++;
      }
    }
    return new Glob(pattern, tokens, ranges);
  }

  private static int compileClass(int[] cps, int start, List<int[]> tokens, List<int[]> ranges) {
    int i = start;
    boolean neg = false;
    if (i < cps.length && cps[i] == '!') {
      neg = true;
      i++;
    }
    List<Integer> bounds = new ArrayList<>();
    boolean first = true;
    while (true) {
      if (i >= cps.length) {
        throw new IllegalArgumentException("unterminated character class");
      }
      int c = cps[i];
      if (c == ']' && !first) {
        i++;
        break;
      }
      if (c == ']' || c == '-') {
        // "[]a]" and "[-x]" are ambiguous; in-toto-golang rejects them too
        throw new IllegalArgumentException("character class starts with ']' or '-'");
      }
      first = false;
      int[] lo = classChar(cps, i);
      i = lo[1];
      int hi = lo[0];
      if (i < cps.length && cps[i] == '-') {
        if (i + 1 >= cps.length || cps[i + 1] == ']') {
          throw new IllegalArgumentException("range without an upper bound");
        }
        int[] up = classChar(cps, i + 1);
        i = up[1];
        hi = up[0];
        if (hi < lo[0]) {
          throw new IllegalArgumentException("reversed range in character class");
        }
        if (i < cps.length && cps[i] == '-') {
          throw new IllegalArgumentException("chained range in character class");
        }
      }
      bounds.add(lo[0]);
      bounds.add(hi);
    }
    int[] r = new int[bounds.size()];
    for (int k = 0; k < r.length; k++) {
      r[k] = bounds.get(k);
    }
    tokens.add(new int[] {CLASS, 0, neg ? 1 : 0});
    ranges.add(r);
    return i;
  }

  private static int[] classChar(int[] cps, int i) {
    if (cps[i] == '\\') {
      if (i + 1 >= cps.length) {
        throw new IllegalArgumentException("dangling escape in character class");
      }
      return new int[] {cps[i + 1], i + 2};
    }
    return new int[] {cps[i], i + 1};
  }

  /**
   * Returns the pattern as written.
   *
   * @return the pattern
   */
  public String pattern() {
    return pattern;
  }

  /**
   * Returns whether the pattern has no wildcard, so it matches exactly one name.
   *
   * @return true for a literal pattern
   */
  public boolean isLiteral() {
    return literalOnly;
  }

  /**
   * Returns whether the whole name matches.
   *
   * @param name the name
   * @return true on a full match
   */
  public boolean matches(String name) {
    // walks the name by code point in place: no copy of the name per match
    int n = name.length();
    int p = 0;
    int i = 0;
    int starP = -1;
    int starI = -1;
    while (i < n) {
      int c = name.codePointAt(i);
      if (p < kinds.length && kinds[p] != STAR && single(p, c)) {
        p++;
        i += Character.charCount(c);
      } else if (p < kinds.length && kinds[p] == STAR) {
        starP = p++;
        starI = i;
      } else if (starP >= 0) {
        p = starP + 1;
        starI += Character.charCount(name.codePointAt(starI));
        i = starI;
      } else {
        return false;
      }
    }
    while (p < kinds.length && kinds[p] == STAR) {
      p++;
    }
    return p == kinds.length;
  }

  private boolean single(int p, int c) {
    switch (kinds[p]) {
      case LITERAL:
        return literals[p] == c;
      case ANY:
        return true;
      case CLASS:
        int[] r = classes[p];
        boolean in = false;
        for (int k = 0; k < r.length; k += 2) {
          if (c >= r[k] && c <= r[k + 1]) {
            in = true;
            break;
          }
        }
        return in != negated[p];
      default:
        return false;
    }
  }

  @Override
  public String toString() {
    return pattern;
  }
}
