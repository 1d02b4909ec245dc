package dev.provenance.examples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line parsed strictly against an {@link ArgSpec}: unknown options, missing values, a
 * single-valued option given twice, empty values and the wrong number of positional arguments are
 * all {@link UsageException}s. Options are written {@code --name value} or {@code --name=value};
 * {@code --} ends the options. Immutable and thread-safe.
 */
public final class Args {
  private final ArgSpec spec;
  private final Map<String, List<String>> values;
  private final List<String> positionals;
  private final OutputFormat format;

  private Args(
      ArgSpec spec, Map<String, List<String>> values, List<String> positionals, OutputFormat f) {
    this.spec = spec;
    this.values = values;
    this.positionals = positionals;
    this.format = f;
  }

  /**
   * Parses a command line.
   *
   * @param argv the arguments after the command name
   * @param spec what the command accepts
   * @return the parsed arguments
   * @throws UsageException if the command line does not match the spec
   */
  public static Args parse(List<String> argv, ArgSpec spec) throws UsageException {
    LinkedHashMap<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      ArgSpec.Kind kind =
          spec.kind(name).orElseThrow(() -> new UsageException("unknown option " + name));
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (kind == ArgSpec.Kind.FLAG) {
        if (eq >= 0) {
          throw new UsageException(name + " takes no value");
        }
        if (!list.isEmpty()) {
          throw new UsageException(name + " given twice");
        }
        list.add("");
        continue;
      }
      if (kind == ArgSpec.Kind.SINGLE && !list.isEmpty()) {
        throw new UsageException(name + " given twice");
      }
      if (eq >= 0) {
        list.add(nonEmpty(name, arg.substring(eq + 1)));
        continue;
      }
      if (i + 1 >= argv.size() || isOption(argv.get(i + 1))) {
        throw new UsageException(name + " needs a value");
      }
      list.add(nonEmpty(name, argv.get(++i)));
      if (kind == ArgSpec.Kind.MULTI) {
        while (i + 1 < argv.size() && !argv.get(i + 1).startsWith("-")) {
          list.add(nonEmpty(name, argv.get(++i)));
        }
      }
    }
    OutputFormat format = OutputFormat.TEXT;
    List<String> formats = values.getOrDefault("--format", List.of());
    if (!formats.isEmpty()) {
      format = OutputFormat.parse(formats.get(0));
    }
    boolean help = values.containsKey("--help");
    if (!help && positionals.size() < spec.minPositionals()) {
      throw new UsageException(
          spec.minPositionals() == 1
              ? "missing argument"
              : "needs at least " + spec.minPositionals() + " arguments");
    }
    if (positionals.size() > spec.maxPositionals()) {
      throw new UsageException("unexpected argument '" + positionals.get(spec.maxPositionals()) + "'");
    }
    LinkedHashMap<String, List<String>> frozen = new LinkedHashMap<>();
    values.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new Args(
        spec, Collections.unmodifiableMap(frozen), List.copyOf(positionals), format);
  }

  private static boolean isOption(String arg) {
    return arg.startsWith("--") || (arg.startsWith("-") && arg.length() > 1);
  }

  private static String nonEmpty(String name, String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(name + " needs a non-empty value");
    }
    return value;
  }

  /**
   * Returns the spec these arguments were parsed against.
   *
   * @return the spec
   */
  public ArgSpec spec() {
    return spec;
  }

  /**
   * Returns the output format chosen with {@code --format} ({@link OutputFormat#TEXT} by default).
   *
   * @return the format
   */
  public OutputFormat format() {
    return format;
  }

  /**
   * Returns whether {@code --help} was given.
   *
   * @return true if help was asked for
   */
  public boolean helpRequested() {
    return has("--help");
  }

  /**
   * Returns whether an option was given.
   *
   * @param name the option, for example {@code --in-toto}
   * @return true if present
   */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * Returns the value of a single-valued option.
   *
   * @param name the option
   * @return its value, or empty if not given
   */
  public Optional<String> value(String name) {
    List<String> list = values.getOrDefault(name, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /**
   * Returns the value of a required single-valued option.
   *
   * @param name the option
   * @return its value
   * @throws UsageException if it was not given
   */
  public String required(String name) throws UsageException {
    return value(name).orElseThrow(() -> new UsageException("missing required option " + name));
  }

  /**
   * Returns every value of a repeatable option, in command-line order.
   *
   * @param name the option
   * @return the values; empty if not given
   */
  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * Returns every value of a required repeatable option.
   *
   * @param name the option
   * @return the values, never empty
   * @throws UsageException if it was not given
   */
  public List<String> requiredValues(String name) throws UsageException {
    List<String> list = values(name);
    if (list.isEmpty()) {
      throw new UsageException("missing required option " + name);
    }
    return list;
  }

  /**
   * Returns a positive integer option.
   *
   * @param name the option, for example {@code --threshold}
   * @param defaultValue the value when the option is absent
   * @return the value
   * @throws UsageException if the value is not a positive decimal integer
   */
  public int positiveInt(String name, int defaultValue) throws UsageException {
    Optional<String> v = value(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    String s = v.get();
    if (s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException(name + " must be a positive integer, not '" + s + "'");
    }
    int n = Integer.parseInt(s);
    if (n < 1) {
      throw new UsageException(name + " must be a positive integer, not '" + s + "'");
    }
    return n;
  }

  /**
   * Returns a non-negative integer option.
   *
   * @param name the option, for example {@code --tlog-threshold}
   * @param defaultValue the value when the option is absent
   * @return the value
   * @throws UsageException if the value is not a non-negative decimal integer
   */
  public int nonNegativeInt(String name, int defaultValue) throws UsageException {
    Optional<String> v = value(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    String s = v.get();
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new UsageException(name + " must be a non-negative integer, not '" + s + "'");
    }
    return Integer.parseInt(s);
  }

  /**
   * Checks that at most one of some mutually exclusive options was given.
   *
   * @param names the options
   * @throws UsageException if two or more were given
   */
  public void atMostOneOf(String... names) throws UsageException {
    String first = null;
    for (String n : names) {
      if (has(n)) {
        if (first != null) {
          throw new UsageException(first + " and " + n + " cannot be used together");
        }
        first = n;
      }
    }
  }

  /**
   * Returns the positional arguments, in order.
   *
   * @return the arguments that are not options or option values
   */
  public List<String> positionals() {
    return positionals;
  }
}
