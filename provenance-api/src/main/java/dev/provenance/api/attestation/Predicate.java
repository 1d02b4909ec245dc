package dev.provenance.api.attestation;

/**
 * The predicate of a {@link Statement}: typed for the predicates this SDK knows ({@code
 * SlsaProvenance}, {@code VerificationSummary}, {@link Link}), {@link GenericPredicate} for any
 * other type. Custom typed predicates are added through a codec registered with the JSON codec.
 *
 * <p>Implementations are immutable values.
 */
public interface Predicate {
  /**
   * Returns the {@code predicateType} URI this predicate is written under.
   *
   * @return the type URI, for example {@code https://slsa.dev/provenance/v1}
   */
  String predicateType();
}
