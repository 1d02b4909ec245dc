package dev.provenance.examples.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options and positional arguments one command accepts. Every spec also accepts {@code
 * --format json|text} and {@code --help}. Immutable and thread-safe once built; the builder is not
 * thread-safe.
 *
 * <pre>{@code
 * ArgSpec spec = ArgSpec.newBuilder("provenance verify --attestation FILE --key PUB.pem...")
 *     .single("--attestation")
 *     .multi("--key")
 *     .flag("--quiet")
 *     .build();
 * }</pre>
 */
public final class ArgSpec {
  /** How an option takes values. */
  enum Kind {
    /** No value; present or absent. */
    FLAG,
    /** Exactly one value; giving the option twice is a usage error. */
    SINGLE,
    /**
     * One or more values: the option may be repeated, and each occurrence takes every following
     * argument up to the next one that starts with {@code -} (unless written {@code --opt=value}).
     */
    MULTI,
    /** Exactly one value per occurrence; the option may be repeated. */
    REPEATED
  }

  private final String usage;
  private final Map<String, Kind> options;
  private final int minPositionals;
  private final int maxPositionals;

  private ArgSpec(Builder b) {
    this.usage = b.usage;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    this.minPositionals = b.minPositionals;
    this.maxPositionals = b.maxPositionals;
  }

  /**
   * Returns a builder.
   *
   * @param usage the command's synopsis, printed with usage errors and {@code --help}
   * @return a new builder
   */
  public static Builder newBuilder(String usage) {
    return new Builder(usage);
  }

  /**
   * Returns the synopsis.
   *
   * @return the usage text given to the builder
   */
  public String usage() {
    return usage;
  }

  Optional<Kind> kind(String option) {
    return Optional.ofNullable(options.get(option));
  }

  int minPositionals() {
    return minPositionals;
  }

  int maxPositionals() {
    return maxPositionals;
  }

  /** Builds an {@link ArgSpec}. Not thread-safe. */
  public static final class Builder {
    private final String usage;
    private final LinkedHashMap<String, Kind> options = new LinkedHashMap<>();
    private int minPositionals;
    private int maxPositionals;

    private Builder(String usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      options.put("--format", Kind.SINGLE);
      options.put("--help", Kind.FLAG);
    }

    private Builder add(String name, Kind kind) {
      if (!name.startsWith("--") || name.length() < 3 || name.contains("=")) {
        throw new IllegalArgumentException("option names look like --name: " + name);
      }
      if (options.putIfAbsent(name, kind) != null) {
        throw new IllegalArgumentException("option declared twice: " + name);
      }
      return this;
    }

    /**
     * Declares an option without a value.
     *
     * @param name the option, starting with {@code --}
     * @return this builder
     */
    public Builder flag(String name) {
      return add(name, Kind.FLAG);
    }

    /**
     * Declares an option that takes exactly one value and may appear once.
     *
     * @param name the option, starting with {@code --}
     * @return this builder
     */
    public Builder single(String name) {
      return add(name, Kind.SINGLE);
    }

    /**
     * Declares an option that takes one or more values and may be repeated ({@code --key a.pem
     * --key b.pem} or {@code --key a.pem b.pem}).
     *
     * @param name the option, starting with {@code --}
     * @return this builder
     */
    public Builder multi(String name) {
      return add(name, Kind.MULTI);
    }

    /**
     * Declares an option that takes exactly one value and may be repeated ({@code --opt a --opt
     * b}); unlike {@link #multi}, it never takes the arguments that follow its value.
     *
     * @param name the option, starting with {@code --}
     * @return this builder
     */
    public Builder repeated(String name) {
      return add(name, Kind.REPEATED);
    }

    /**
     * Sets how many positional arguments are allowed (none by default).
     *
     * @param min the fewest allowed
     * @param max the most allowed; {@link Integer#MAX_VALUE} for no limit
     * @return this builder
     */
    public Builder positionals(int min, int max) {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("bad positional range " + min + ".." + max);
      }
      this.minPositionals = min;
      this.maxPositionals = max;
      return this;
    }

    /**
     * Returns the spec.
     *
     * @return the immutable spec
     */
    public ArgSpec build() {
      return new ArgSpec(this);
    }
  }
}
