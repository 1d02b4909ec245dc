package dev.provenance.sigstore.internal.x509;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A regular expression that always matches in time linear in the input (Thompson construction run
 * as a Pike VM, as RE2 does), for identity patterns that users type on command lines. {@code
 * java.util.regex} backtracks, so {@code (a+)+$} against a long SAN would take exponential time
 * (H83).
 *
 * <p>The syntax is the RE2 subset identity patterns use: literals; {@code .} (any character but
 * newline); classes {@code [a-z]}, {@code [^...]}; escapes {@code \d \D \w \W \s \S \t \n \r \f \v
 * \xHH} and escaped punctuation; anchors {@code ^ $}; groups {@code (...)}, {@code (?:...)},
 * {@code (?P<name>...)}; alternation {@code |}; quantifiers {@code * + ? {n} {n,} {n,m}} (greedy or
 * lazy, counts up to {@value #MAX_REPEAT}); a leading {@code (?i)} for case-insensitive matching.
 * Anything else (backreferences, look-around, word boundaries) is a syntax error rather than a
 * silent misreading.
 *
 * <p>{@link #matches} is a <em>full</em> match: the whole input must match, as if the pattern
 * were written {@code ^(?:pattern)$}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearRegex {
  /** Largest count in a bounded repetition, as in RE2. */
  public static final int MAX_REPEAT = 1000;

  /** Largest compiled program; bounds the work per input character. */
  public static final int MAX_PROGRAM = 20_000;

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  // Instruction opcodes.
  private static final byte CLASS = 0;
  private static final byte SPLIT = 1;
  private static final byte JUMP = 2;
  private static final byte BEGIN = 3;
  private static final byte END = 4;
  private static final byte MATCH = 5;

  private final String pattern;
  private final boolean caseInsensitive;
  private final byte[] ops;
  private final int[] arg1;
  private final int[] arg2;
  private final int[][] classes;

  private LinearRegex(String pattern, boolean caseInsensitive, Program program) {
    this.pattern = pattern;
    this.caseInsensitive = caseInsensitive;
    int n = program.size();
    this.ops = new byte[n];
    this.arg1 = new int[n];
    this.arg2 = new int[n];
    this.classes = new int[n][];
    for (int i = 0; i < n; i++) {
      Instruction in = program.code.get(i);
      ops[i] = in.op;
      arg1[i] = in.x;
      arg2[i] = in.y;
      classes[i] = in.ranges;
    }
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the pattern, RE2 syntax subset
   * @return the compiled expression
   * @throws IllegalArgumentException if the pattern is empty, uses unsupported syntax, or compiles
   *     to more than {@link #MAX_PROGRAM} instructions
   */
  public static LinearRegex compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    boolean fold = false;
    String body = pattern;
    if (body.startsWith("(?i)")) {
      fold = true;
      body = body.substring(4);
    }
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("empty regular expression");
    }
    Node tree = new Parser(body).parseAll();
    Program program = new Program();
    tree.emit(program);
    program.add(new Instruction(MATCH, 0, 0, null));
    return new LinearRegex(pattern, fold, program);
  }

  /**
   * Returns the pattern as given.
   *
   * @return the pattern
   */
  public String pattern() {
    return pattern;
  }

  /**
   * Returns whether the whole input matches; time is O(input length × program size).
   *
   * @param input the text
   * @return true on a full match
   */
  public boolean matches(CharSequence input) {
    return run(input, null);
  }

  /** Returns the number of compiled instructions. */
  int programSize() {
    return ops.length;
  }

  /** Returns how many thread steps a match attempt takes; tests check the linear bound. */
  long steps(CharSequence input) {
    long[] steps = new long[1];
    run(input, steps);
    return steps[0];
  }

  private boolean run(CharSequence input, long[] steps) {
    int[] text = input.codePoints().toArray();
    int n = ops.length;
    int[] current = new int[n];
    int[] next = new int[n];
    boolean[] onCurrent = new boolean[n];
    boolean[] onNext = new boolean[n];
    // Each instruction enters a list once and pushes at most two successors.
    int[] stack = new int[2 * n + 2];
    int currentSize = add(current, 0, onCurrent, stack, 0, 0, text.length);
    for (int pos = 0; pos < text.length && currentSize > 0; pos++) {
      int c = text[pos];
      int nextSize = 0;
      if (steps != null) {
        steps[0] += currentSize;
      }
      for (int i = 0; i < currentSize; i++) {
        int pc = current[i];
        if (ops[pc] == CLASS && accepts(classes[pc], c)) {
          nextSize = add(next, nextSize, onNext, stack, pc + 1, pos + 1, text.length);
        }
      }
      for (int i = 0; i < currentSize; i++) {
        onCurrent[current[i]] = false;
      }
      int[] swap = current;
      current = next;
      next = swap;
      boolean[] swapOn = onCurrent;
      onCurrent = onNext;
      onNext = swapOn;
      currentSize = nextSize;
    }
    if (currentSize == 0 && text.length > 0) {
      return false;
    }
    for (int i = 0; i < currentSize; i++) {
      if (ops[current[i]] == MATCH) {
        return true;
      }
    }
    return false;
  }

  /** Adds the thread at {@code start} and its epsilon closure (iterative: no deep recursion). */
  private int add(
      int[] list, int size, boolean[] on, int[] stack, int start, int pos, int length) {
    int top = 0;
    stack[top++] = start;
    while (top > 0) {
      int pc = stack[--top];
      if (on[pc]) {
        continue;
      }
      on[pc] = true;
      list[size++] = pc;
      switch (ops[pc]) {
        case JUMP:
          stack[top++] = arg1[pc];
          break;
        case SPLIT:
          // Push the second branch first so the first is explored first (order is irrelevant for
          // a yes/no match, but keeps the stack bounded by the number of instructions).
          stack[top++] = arg2[pc];
          stack[top++] = arg1[pc];
          break;
        case BEGIN:
          if (pos == 0) {
            stack[top++] = pc + 1;
          }
          break;
        case END:
          if (pos == length) {
            stack[top++] = pc + 1;
          }
          break;
        default:
          break;
      }
    }
    return size;
  }

  private boolean accepts(int[] ranges, int c) {
    if (inRanges(ranges, c)) {
      return true;
    }
    if (caseInsensitive) {
      int lower = Character.toLowerCase(c);
      int upper = Character.toUpperCase(c);
      return (lower != c && inRanges(ranges, lower)) || (upper != c && inRanges(ranges, upper));
    }
    return false;
  }

  private static boolean inRanges(int[] ranges, int c) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (c < ranges[i]) {
        return false;
      }
      if (c <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return pattern;
  }

  // ---------------------------------------------------------------- program

  private static final class Instruction {
    final byte op;
    int x;
    int y;
    final int[] ranges;

    Instruction(byte op, int x, int y, int[] ranges) {
      this.op = op;
      this.x = x;
      this.y = y;
      this.ranges = ranges;
    }
  }

  private static final class Program {
    final List<Instruction> code = new ArrayList<>();

    int size() {
      return code.size();
    }

    int add(Instruction instruction) {
      if (code.size() >= MAX_PROGRAM) {
        throw new IllegalArgumentException(
            "regular expression too large (more than " + MAX_PROGRAM + " instructions)");
      }
      code.add(instruction);
      return code.size() - 1;
    }
  }

  // ---------------------------------------------------------------- syntax tree

  private interface Node {
    void emit(Program p);
  }

  private static final class CharClass implements Node {
    final int[] ranges;

    CharClass(int[] ranges) {
      this.ranges = ranges;
    }

    @Override
    public void emit(Program p) {
      p.add(new Instruction(CLASS, 0, 0, ranges));
    }
  }

  private static final class Assertion implements Node {
    final byte op;

    Assertion(byte op) {
      this.op = op;
    }

    @Override
    public void emit(Program p) {
      p.add(new Instruction(op, 0, 0, null));
    }
  }

  private static final class Concat implements Node {
    final List<Node> parts;

    Concat(List<Node> parts) {
      this.parts = parts;
    }

    @Override
    public void emit(Program p) {
      for (Node part : parts) {
        part.emit(p);
      }
    }
  }

  private static final class Alternation implements Node {
    final List<Node> branches;

    Alternation(List<Node> branches) {
      this.branches = branches;
    }

    @Override
    public void emit(Program p) {
      List<Instruction> jumps = new ArrayList<>();
      for (int i = 0; i < branches.size() - 1; i++) {
        Instruction split = new Instruction(SPLIT, 0, 0, null);
        p.add(split);
        split.x = p.size();
        branches.get(i).emit(p);
        Instruction jump = new Instruction(JUMP, 0, 0, null);
        p.add(jump);
        jumps.add(jump);
        split.y = p.size();
      }
      branches.get(branches.size() - 1).emit(p);
      for (Instruction jump : jumps) {
        jump.x = p.size();
      }
    }
  }

  private static final class Repeat implements Node {
    final Node body;
    final int min;
    final int max; // -1 = unbounded

    Repeat(Node body, int min, int max) {
      this.body = body;
      this.min = min;
      this.max = max;
    }

    @Override
    public void emit(Program p) {
      if (max < 0 && min > 0) {
        // body{min-1} L: body; SPLIT L, out -- "+" without a second copy of the body.
        for (int i = 1; i < min; i++) {
          body.emit(p);
        }
        int loop = p.size();
        body.emit(p);
        Instruction split = new Instruction(SPLIT, loop, 0, null);
        p.add(split);
        split.y = p.size();
        return;
      }
      for (int i = 0; i < min; i++) {
        body.emit(p);
      }
      if (max < 0) {
        // L: SPLIT body, out; body; JUMP L
        Instruction split = new Instruction(SPLIT, 0, 0, null);
        int loop = p.add(split);
        split.x = p.size();
        body.emit(p);
        p.add(new Instruction(JUMP, loop, 0, null));
        split.y = p.size();
        return;
      }
      List<Instruction> splits = new ArrayList<>();
      for (int i = min; i < max; i++) {
        Instruction split = new Instruction(SPLIT, 0, 0, null);
        p.add(split);
        split.x = p.size();
        splits.add(split);
        body.emit(p);
      }
      for (Instruction split : splits) {
        split.y = p.size();
      }
    }
  }

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    private final int[] cps;
    private int pos;
    private int depth;

    Parser(String pattern) {
      this.cps = pattern.codePoints().toArray();
    }

    Node parseAll() {
      Node node = parseAlternation();
      if (pos < cps.length) {
        throw error("unmatched ')'");
      }
      return node;
    }

    private Node parseAlternation() {
      List<Node> branches = new ArrayList<>();
      branches.add(parseConcat());
      while (pos < cps.length && cps[pos] == '|') {
        pos++;
        branches.add(parseConcat());
      }
      return branches.size() == 1 ? branches.get(0) : new Alternation(branches);
    }

    private Node parseConcat() {
      List<Node> parts = new ArrayList<>();
      while (pos < cps.length && cps[pos] != '|' && cps[pos] != ')') {
        parts.add(parseRepeat());
      }
      return new Concat(parts);
    }

    private Node parseRepeat() {
      Node atom = parseAtom();
      boolean quantified = false;
      while (pos < cps.length) {
        int c = cps[pos];
        int min;
        int max;
        int save = pos;
        if (c == '*') {
          min = 0;
          max = -1;
          pos++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          pos++;
        } else if (c == '?') {
          min = 0;
          max = 1;
          pos++;
        } else if (c == '{') {
          int[] bounds = parseBounds();
          if (bounds == null) {
            pos = save;
            break;
          }
          min = bounds[0];
          max = bounds[1];
        } else {
          break;
        }
        if (quantified) {
          throw error("repeated quantifier");
        }
        if (atom instanceof Assertion) {
          throw error("quantifier after an anchor");
        }
        quantified = true;
        if (pos < cps.length && cps[pos] == '?') {
          pos++; // lazy: same language, same yes/no answer
        }
        atom = new Repeat(atom, min, max);
      }
      return atom;
    }

    /** Parses {n}, {n,} or {n,m}; returns null (and consumes nothing) if this is a literal '{'. */
    private int[] parseBounds() {
      int p = pos + 1;
      int min = 0;
      int digits = 0;
      while (p < cps.length && cps[p] >= '0' && cps[p] <= '9') {
        min = Math.min(min * 10 + (cps[p] - '0'), MAX_REPEAT + 1);
        p++;
        digits++;
      }
      if (digits == 0 || p >= cps.length) {
        return null;
      }
      int max = min;
      if (cps[p] == ',') {
        p++;
        if (p < cps.length && cps[p] == '}') {
          max = -1;
        } else {
          int maxDigits = 0;
          max = 0;
          while (p < cps.length && cps[p] >= '0' && cps[p] <= '9') {
            max = Math.min(max * 10 + (cps[p] - '0'), MAX_REPEAT + 1);
            p++;
            maxDigits++;
          }
          if (maxDigits == 0) {
            return null;
          }
        }
      }
      if (p >= cps.length || cps[p] != '}') {
        return null;
      }
      if (min > MAX_REPEAT || max > MAX_REPEAT) {
        throw error("repetition count above " + MAX_REPEAT);
      }
      if (max >= 0 && max < min) {
        throw error("repetition {n,m} with m < n");
      }
      pos = p + 1;
      return new int[] {min, max};
    }

    private Node parseAtom() {
      int c = cps[pos++];
      switch (c) {
        case '(':
          return parseGroup();
        case '[':
          return new CharClass(parseClass());
        case '.':
          return new CharClass(new int[] {0, '\n' - 1, '\n' + 1, MAX_CODE_POINT});
        case '^':
          return new Assertion(BEGIN);
        case '$':
          return new Assertion(END);
        case '\\':
          return new CharClass(parseEscape(false));
        case '*':
        case '+':
        case '?':
          throw error("missing argument to repetition operator");
        default:
          return new CharClass(new int[] {c, c});
      }
    }

    private Node parseGroup() {
      if (++depth > 1000) {
        throw error("nesting too deep");
      }
      if (pos < cps.length && cps[pos] == '?') {
        pos++;
        if (pos < cps.length && cps[pos] == ':') {
          pos++;
        } else if (pos < cps.length && (cps[pos] == 'P' || cps[pos] == '<')) {
          if (cps[pos] == 'P') {
            pos++;
          }
          if (pos >= cps.length || cps[pos] != '<') {
            throw error("invalid named group");
          }
          pos++;
          int start = pos;
          while (pos < cps.length && isWord(cps[pos])) {
            pos++;
          }
          if (pos == start || pos >= cps.length || cps[pos] != '>') {
            throw error("invalid named group");
          }
          pos++;
        } else {
          throw error("unsupported group flags");
        }
      }
      Node inner = parseAlternation();
      if (pos >= cps.length || cps[pos] != ')') {
        throw error("missing ')'");
      }
      pos++;
      depth--;
      return inner;
    }

    private int[] parseClass() {
      boolean negated = false;
      if (pos < cps.length && cps[pos] == '^') {
        negated = true;
        pos++;
      }
      List<int[]> items = new ArrayList<>();
      boolean first = true;
      while (true) {
        if (pos >= cps.length) {
          throw error("missing ']'");
        }
        int c = cps[pos];
        if (c == ']' && !first) {
          pos++;
          break;
        }
        first = false;
        int[] lo;
        if (c == '\\') {
          pos++;
          lo = parseEscape(true);
        } else {
          pos++;
          lo = new int[] {c, c};
        }
        boolean single = lo.length == 2 && lo[0] == lo[1];
        if (single
            && pos + 1 < cps.length
            && cps[pos] == '-'
            && cps[pos + 1] != ']') {
          pos++;
          int[] hi;
          if (cps[pos] == '\\') {
            pos++;
            hi = parseEscape(true);
          } else {
            hi = new int[] {cps[pos], cps[pos]};
            pos++;
          }
          if (hi.length != 2 || hi[0] != hi[1] || hi[0] < lo[0]) {
            throw error("invalid class range");
          }
          items.add(new int[] {lo[0], hi[0]});
        } else {
          items.add(lo);
        }
      }
      int[] ranges = normalize(items);
      return negated ? complement(ranges) : ranges;
    }

    /** Parses the escape after a backslash; returns its ranges. */
    private int[] parseEscape(boolean inClass) {
      if (pos >= cps.length) {
        throw error("trailing backslash");
      }
      int c = cps[pos++];
      switch (c) {
        case 'd':
          return new int[] {'0', '9'};
        case 'D':
          return complement(new int[] {'0', '9'});
        case 'w':
          return WORD.clone();
        case 'W':
          return complement(WORD);
        case 's':
          return SPACE.clone();
        case 'S':
          return complement(SPACE);
        case 't':
          return new int[] {'\t', '\t'};
        case 'n':
          return new int[] {'\n', '\n'};
        case 'r':
          return new int[] {'\r', '\r'};
        case 'f':
          return new int[] {'\f', '\f'};
        case 'v':
          return new int[] {0x0B, 0x0B};
        case 'x':
          int value = hex() * 16 + hex();
          return new int[] {value, value};
        default:
          if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            return new int[] {c, c};
          }
          throw error("unsupported escape \\" + new String(Character.toChars(c)));
      }
    }

    private int hex() {
      if (pos >= cps.length || Character.digit(cps[pos], 16) < 0) {
        throw error("invalid \\x escape");
      }
      return Character.digit(cps[pos++], 16);
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "invalid regular expression at offset " + pos + ": " + message);
    }
  }

  private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  private static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};

  private static boolean isWord(int c) {
    return inRanges(WORD, c);
  }

  /** Sorts and merges ranges given as pairs (each item may hold several pairs). */
  private static int[] normalize(List<int[]> items) {
    List<int[]> pairs = new ArrayList<>();
    for (int[] item : items) {
      for (int i = 0; i < item.length; i += 2) {
        pairs.add(new int[] {item[i], item[i + 1]});
      }
    }
    pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] out = new int[pairs.size() * 2];
    int n = 0;
    for (int[] pair : pairs) {
      if (n > 0 && pair[0] <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], pair[1]);
      } else {
        out[n++] = pair[0];
        out[n++] = pair[1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] complement(int[] ranges) {
    int[] out = new int[ranges.length + 2];
    int n = 0;
    int next = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      if (ranges[i] > next) {
        out[n++] = next;
        out[n++] = ranges[i] - 1;
      }
      next = ranges[i + 1] + 1;
    }
    if (next <= MAX_CODE_POINT) {
      out[n++] = next;
      out[n++] = MAX_CODE_POINT;
    }
    return Arrays.copyOf(out, n);
  }
}
