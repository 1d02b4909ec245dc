package dev.provenance.core.internal.chain;

import java.util.regex.Pattern;

/**
 * Full-match regular expressions with a bound on work: the subject is wrapped in a {@link
 * CharSequence} that counts character reads and gives up past a budget, so a pattern with
 * catastrophic backtracking such as {@code (a+)+$} fails fast instead of hanging.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoundedRegex {
  private BoundedRegex() {}

  /** Thrown when a match needs more character reads than its budget. */
  public static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("regular expression exceeded its work budget", null, false, false);
    }
  }

  /**
   * Returns whether the pattern matches the whole input.
   *
   * @param pattern the regular expression
   * @param input the input
   * @param budget the most character reads allowed
   * @return true on a full match
   * @throws BudgetExceeded when the budget runs out
   */
  public static boolean matches(String pattern, String input, int budget) {
    return Pattern.compile(pattern).matcher(new Counting(input, budget)).matches();
  }

  private static final class Counting implements CharSequence {
    private final String s;
    private final int[] left;

    Counting(String s, int budget) {
      this(s, new int[] {budget});
    }

    private Counting(String s, int[] left) {
      this.s = s;
      this.left = left;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counting(s.substring(start, end), left);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
