package dev.provenance.api.attestation;

import dev.provenance.api.internal.Collections2;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto Statement: the subjects an attestation is about and a typed predicate (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md">spec</a>). The
 * {@code predicateType} is derived from the predicate, so the two cannot disagree.
 *
 * <p>Statements are always written with {@code _type} {@value #TYPE_V1}; {@code type} records
 * what was read, which may be the legacy {@value #TYPE_V01}.
 *
 * @param type the {@code _type} URI
 * @param subject the subjects, each with at least one digest; not empty
 * @param predicate the predicate
 */
public record Statement(String type, List<ResourceDescriptor> subject, Predicate predicate) {
  /** The current statement type. */
  public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
  /** The legacy statement type, still emitted by cosign and witness; read only. */
  public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";

  /**
   * Checks every component.
   *
   * @param type the {@code type} component
   * @param subject the {@code subject} component
   * @param predicate the {@code predicate} component
   * @throws IllegalArgumentException if the type is not v1 or v0.1, there are no subjects, or a
   *     subject has no digest
   */
  public Statement {
    Objects.requireNonNull(type, "type");
    subject = Collections2.listCopy(subject, "subject");
    Objects.requireNonNull(predicate, "predicate");
    if (!type.equals(TYPE_V1) && !type.equals(TYPE_V01)) {
      throw new IllegalArgumentException("unsupported statement _type: " + type);
    }
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    for (ResourceDescriptor s : subject) {
      if (s.digest().isEmpty()) {
        throw new IllegalArgumentException("every subject needs a digest");
      }
    }
  }

  /**
   * Returns the predicate type.
   *
   * @return {@code predicate().predicateType()}
   */
  public String predicateType() {
    return predicate.predicateType();
  }

  /**
   * Returns a builder for a v1 statement.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builds a v1 {@link Statement}. Not thread-safe. */
  public static final class Builder {
    private final List<ResourceDescriptor> subjects = new ArrayList<>();
    private Predicate predicate;

    private Builder() {}

    /**
     * Adds a subject.
     *
     * @param subject the subject, with a digest
     * @return this builder
     */
    public Builder addSubject(ResourceDescriptor subject) {
      subjects.add(Objects.requireNonNull(subject, "subject"));
      return this;
    }

    /**
     * Adds subjects.
     *
     * @param subjects the subjects, each with a digest
     * @return this builder
     */
    public Builder subjects(List<ResourceDescriptor> subjects) {
      for (ResourceDescriptor s : subjects) {
        addSubject(s);
      }
      return this;
    }

    /**
     * Sets the predicate.
     *
     * @param predicate the predicate
     * @return this builder
     * @throws IllegalStateException if a predicate was already set
     */
    public Builder predicate(Predicate predicate) {
      if (this.predicate != null) {
        throw new IllegalStateException("predicate already set");
      }
      this.predicate = Objects.requireNonNull(predicate, "predicate");
      return this;
    }

    /**
     * Returns the statement.
     *
     * @return a new statement
     * @throws IllegalStateException if the predicate or subjects are missing or invalid
     */
    public Statement build() {
      if (predicate == null) {
        throw new IllegalStateException("predicate not set");
      }
      try {
        return new Statement(TYPE_V1, subjects, predicate);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
