package dev.provenance.core.json;

import java.util.Objects;

/**
 * The bounds every parse of untrusted JSON is held to. Input beyond a bound is rejected with
 * {@link dev.provenance.api.ErrorCode#RESOURCE_LIMIT_EXCEEDED} as soon as it is seen, before the
 * oversized part is materialised. The defaults are the named constants below; {@link
 * #newBuilder()} changes any of them.
 *
 * <pre>{@code
 * JsonLimits limits = JsonLimits.newBuilder().maxInputBytes(4 << 20).maxSubjects(64).build();
 * JsonCodec codec = JsonCodec.newBuilder().limits(limits).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonLimits {
  /** Default largest document, in bytes: 32 MiB. */
  public static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

  /** Default deepest nesting of arrays and objects: 64. */
  public static final int MAX_DEPTH = 64;

  /** Default largest decoded string (member names included), in UTF-8 bytes: 16 MiB. */
  public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

  /** Default longest number literal, in characters: 1000. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /**
   * Default largest absolute value of a number's decimal exponent: 1000. Far beyond the range of
   * IEEE doubles, and small enough that no consumer converting the literal can be made to build a
   * huge integer from a short input such as {@code 1e1000000000}.
   */
  public static final int MAX_NUMBER_EXPONENT = 1000;

  /** Default most elements in one array: 100,000. */
  public static final int MAX_ARRAY_LENGTH = 100_000;

  /** Default most members in one object: 100,000. */
  public static final int MAX_OBJECT_MEMBERS = 100_000;

  /**
   * Default most tokens (values, member names, array and object ends) in one document: 1,000,000.
   * Bounds the memory a small-valued document such as {@code [0,0,0,...]} can make a parser
   * allocate.
   */
  public static final int MAX_TOKENS = 1_000_000;

  /** Default most subjects in one statement: 1024. */
  public static final int MAX_SUBJECTS = 1024;

  /** Default most digests in one DigestSet (of a subject or any other descriptor): 32. */
  public static final int MAX_DIGESTS_PER_SUBJECT = 32;

  /** Default most signatures in one DSSE envelope: 32. */
  public static final int MAX_SIGNATURES = 32;

  /** Default most non-blank lines in one JSON Lines document: 10,000. */
  public static final int MAX_JSON_LINES = 10_000;

  /**
   * The largest nesting depth any configuration may allow. Parsers hold a frame per level, so this
   * keeps the stack bounded whatever is configured.
   */
  public static final int ABSOLUTE_MAX_DEPTH = 1000;

  private static final JsonLimits DEFAULTS = newBuilder().build();

  private final int maxInputBytes;
  private final int maxDepth;
  private final int maxStringBytes;
  private final int maxNumberLength;
  private final int maxNumberExponent;
  private final int maxArrayLength;
  private final int maxObjectMembers;
  private final int maxTokens;
  private final int maxSubjects;
  private final int maxDigestsPerSubject;
  private final int maxSignatures;
  private final int maxJsonLines;

  private JsonLimits(Builder b) {
    this.maxInputBytes = b.maxInputBytes;
    this.maxDepth = b.maxDepth;
    this.maxStringBytes = b.maxStringBytes;
    this.maxNumberLength = b.maxNumberLength;
    this.maxNumberExponent = b.maxNumberExponent;
    this.maxArrayLength = b.maxArrayLength;
    this.maxObjectMembers = b.maxObjectMembers;
    this.maxTokens = b.maxTokens;
    this.maxSubjects = b.maxSubjects;
    this.maxDigestsPerSubject = b.maxDigestsPerSubject;
    this.maxSignatures = b.maxSignatures;
    this.maxJsonLines = b.maxJsonLines;
  }

  /**
   * Returns the default limits: every named constant of this class.
   *
   * @return the defaults
   */
  public static JsonLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns a builder starting from these limits.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxInputBytes = maxInputBytes;
    b.maxDepth = maxDepth;
    b.maxStringBytes = maxStringBytes;
    b.maxNumberLength = maxNumberLength;
    b.maxNumberExponent = maxNumberExponent;
    b.maxArrayLength = maxArrayLength;
    b.maxObjectMembers = maxObjectMembers;
    b.maxTokens = maxTokens;
    b.maxSubjects = maxSubjects;
    b.maxDigestsPerSubject = maxDigestsPerSubject;
    b.maxSignatures = maxSignatures;
    b.maxJsonLines = maxJsonLines;
    return b;
  }

  /**
   * Returns the largest document accepted, in bytes.
   *
   * @return the limit; default {@value #MAX_INPUT_BYTES}
   */
  public int maxInputBytes() {
    return maxInputBytes;
  }

  /**
   * Returns the deepest nesting of arrays and objects accepted.
   *
   * @return the limit; default {@value #MAX_DEPTH}
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Returns the largest decoded string accepted, in UTF-8 bytes; applies to member names too.
   *
   * @return the limit; default {@value #MAX_STRING_BYTES}
   */
  public int maxStringBytes() {
    return maxStringBytes;
  }

  /**
   * Returns the longest number literal accepted, in characters.
   *
   * @return the limit; default {@value #MAX_NUMBER_LENGTH}
   */
  public int maxNumberLength() {
    return maxNumberLength;
  }

  /**
   * Returns the largest absolute decimal exponent accepted in a number literal.
   *
   * @return the limit; default {@value #MAX_NUMBER_EXPONENT}
   */
  public int maxNumberExponent() {
    return maxNumberExponent;
  }

  /**
   * Returns the most elements accepted in one array.
   *
   * @return the limit; default {@value #MAX_ARRAY_LENGTH}
   */
  public int maxArrayLength() {
    return maxArrayLength;
  }

  /**
   * Returns the most members accepted in one object.
   *
   * @return the limit; default {@value #MAX_OBJECT_MEMBERS}
   */
  public int maxObjectMembers() {
    return maxObjectMembers;
  }

  /**
   * Returns the most tokens accepted in one document.
   *
   * @return the limit; default {@value #MAX_TOKENS}
   */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * Returns the most subjects accepted in one statement.
   *
   * @return the limit; default {@value #MAX_SUBJECTS}
   */
  public int maxSubjects() {
    return maxSubjects;
  }

  /**
   * Returns the most digests accepted in one DigestSet.
   *
   * @return the limit; default {@value #MAX_DIGESTS_PER_SUBJECT}
   */
  public int maxDigestsPerSubject() {
    return maxDigestsPerSubject;
  }

  /**
   * Returns the most signatures accepted in one DSSE envelope.
   *
   * @return the limit; default {@value #MAX_SIGNATURES}
   */
  public int maxSignatures() {
    return maxSignatures;
  }

  /**
   * Returns the most non-blank lines accepted in one JSON Lines document.
   *
   * @return the limit; default {@value #MAX_JSON_LINES}
   */
  public int maxJsonLines() {
    return maxJsonLines;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof JsonLimits)) {
      return false;
    }
    JsonLimits l = (JsonLimits) o;
    return maxInputBytes == l.maxInputBytes
        && maxDepth == l.maxDepth
        && maxStringBytes == l.maxStringBytes
        && maxNumberLength == l.maxNumberLength
        && maxNumberExponent == l.maxNumberExponent
        && maxArrayLength == l.maxArrayLength
        && maxObjectMembers == l.maxObjectMembers
        && maxTokens == l.maxTokens
        && maxSubjects == l.maxSubjects
        && maxDigestsPerSubject == l.maxDigestsPerSubject
        && maxSignatures == l.maxSignatures
        && maxJsonLines == l.maxJsonLines;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxInputBytes,
        maxDepth,
        maxStringBytes,
        maxNumberLength,
        maxNumberExponent,
        maxArrayLength,
        maxObjectMembers,
        maxTokens,
        maxSubjects,
        maxDigestsPerSubject,
        maxSignatures,
        maxJsonLines);
  }

  @Override
  public String toString() {
    return "JsonLimits[maxInputBytes="
        + maxInputBytes
        + ", maxDepth="
        + maxDepth
        + ", maxStringBytes="
        + maxStringBytes
        + ", maxNumberLength="
        + maxNumberLength
        + ", maxNumberExponent="
        + maxNumberExponent
        + ", maxArrayLength="
        + maxArrayLength
        + ", maxObjectMembers="
        + maxObjectMembers
        + ", maxTokens="
        + maxTokens
        + ", maxSubjects="
        + maxSubjects
        + ", maxDigestsPerSubject="
        + maxDigestsPerSubject
        + ", maxSignatures="
        + maxSignatures
        + ", maxJsonLines="
        + maxJsonLines
        + "]";
  }

  /** Builds {@link JsonLimits}; every value starts at its default. Not thread-safe. */
  public static final class Builder {
    private int maxInputBytes = MAX_INPUT_BYTES;
    private int maxDepth = MAX_DEPTH;
    private int maxStringBytes = MAX_STRING_BYTES;
    private int maxNumberLength = MAX_NUMBER_LENGTH;
    private int maxNumberExponent = MAX_NUMBER_EXPONENT;
    private int maxArrayLength = MAX_ARRAY_LENGTH;
    private int maxObjectMembers = MAX_OBJECT_MEMBERS;
    private int maxTokens = MAX_TOKENS;
    private int maxSubjects = MAX_SUBJECTS;
    private int maxDigestsPerSubject = MAX_DIGESTS_PER_SUBJECT;
    private int maxSignatures = MAX_SIGNATURES;
    private int maxJsonLines = MAX_JSON_LINES;

    private Builder() {}

    /**
     * Sets the largest document accepted.
     *
     * @param bytes at least 1, at most {@code Integer.MAX_VALUE - 16}
     * @return this builder
     */
    public Builder maxInputBytes(int bytes) {
      this.maxInputBytes = check(bytes, Integer.MAX_VALUE - 16, "maxInputBytes");
      return this;
    }

    /**
     * Sets the deepest nesting accepted.
     *
     * @param depth at least 1, at most {@value JsonLimits#ABSOLUTE_MAX_DEPTH}
     * @return this builder
     */
    public Builder maxDepth(int depth) {
      this.maxDepth = check(depth, ABSOLUTE_MAX_DEPTH, "maxDepth");
      return this;
    }

    /**
     * Sets the largest decoded string accepted, in UTF-8 bytes.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxStringBytes(int bytes) {
      this.maxStringBytes = check(bytes, Integer.MAX_VALUE, "maxStringBytes");
      return this;
    }

    /**
     * Sets the longest number literal accepted.
     *
     * @param chars at least 1
     * @return this builder
     */
    public Builder maxNumberLength(int chars) {
      this.maxNumberLength = check(chars, Integer.MAX_VALUE, "maxNumberLength");
      return this;
    }

    /**
     * Sets the largest absolute decimal exponent accepted.
     *
     * @param exponent at least 1
     * @return this builder
     */
    public Builder maxNumberExponent(int exponent) {
      this.maxNumberExponent = check(exponent, Integer.MAX_VALUE, "maxNumberExponent");
      return this;
    }

    /**
     * Sets the most elements accepted in one array.
     *
     * @param elements at least 1
     * @return this builder
     */
    public Builder maxArrayLength(int elements) {
      this.maxArrayLength = check(elements, Integer.MAX_VALUE, "maxArrayLength");
      return this;
    }

    /**
     * Sets the most members accepted in one object.
     *
     * @param members at least 1
     * @return this builder
     */
    public Builder maxObjectMembers(int members) {
      this.maxObjectMembers = check(members, Integer.MAX_VALUE, "maxObjectMembers");
      return this;
    }

    /**
     * Sets the most tokens accepted in one document.
     *
     * @param tokens at least 1
     * @return this builder
     */
    public Builder maxTokens(int tokens) {
      this.maxTokens = check(tokens, Integer.MAX_VALUE, "maxTokens");
      return this;
    }

    /**
     * Sets the most subjects accepted in one statement.
     *
     * @param subjects at least 1
     * @return this builder
     */
    public Builder maxSubjects(int subjects) {
      this.maxSubjects = check(subjects, Integer.MAX_VALUE, "maxSubjects");
      return this;
    }

    /**
     * Sets the most digests accepted in one DigestSet.
     *
     * @param digests at least 1
     * @return this builder
     */
    public Builder maxDigestsPerSubject(int digests) {
      this.maxDigestsPerSubject = check(digests, Integer.MAX_VALUE, "maxDigestsPerSubject");
      return this;
    }

    /**
     * Sets the most signatures accepted in one envelope.
     *
     * @param signatures at least 1
     * @return this builder
     */
    public Builder maxSignatures(int signatures) {
      this.maxSignatures = check(signatures, Integer.MAX_VALUE, "maxSignatures");
      return this;
    }

    /**
     * Sets the most non-blank lines accepted in one JSON Lines document.
     *
     * @param lines at least 1
     * @return this builder
     */
    public Builder maxJsonLines(int lines) {
      this.maxJsonLines = check(lines, Integer.MAX_VALUE, "maxJsonLines");
      return this;
    }

    /**
     * Returns the limits.
     *
     * @return new limits
     */
    public JsonLimits build() {
      return new JsonLimits(this);
    }

    private static int check(int value, int max, String name) {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(name + " must be in [1, " + max + "]: " + value);
      }
      return value;
    }
  }
}
