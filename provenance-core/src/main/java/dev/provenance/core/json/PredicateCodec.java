package dev.provenance.core.json;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.json.JsonObject;

/**
 * Reads and writes one predicate type as a typed {@link Predicate}. Register codecs with {@link
 * JsonCodec.Builder#addPredicateCodec(PredicateCodec)}; a statement whose {@code predicateType} has
 * no codec parses as a {@link dev.provenance.api.attestation.GenericPredicate}.
 *
 * <p>{@link #read} receives the predicate object already parsed strictly and within the codec's
 * {@link JsonLimits}. It must follow the in-toto parsing rules: ignore unknown fields, and treat an
 * unset, null or empty field alike. Locations in the exceptions it throws are JSON Pointers
 * relative to the predicate object; the codec prefixes them with {@code /predicate}.
 *
 * <p>Implementations must be immutable and thread-safe: one instance serves every parse.
 */
public interface PredicateCodec {
  /**
   * Returns the {@code predicateType} URI this codec handles, compared exactly.
   *
   * @return the type URI
   */
  String predicateType();

  /**
   * Reads a predicate.
   *
   * @param body the predicate object; empty when the statement has none
   * @return the predicate, whose {@link Predicate#predicateType()} equals {@link #predicateType()}
   * @throws MalformedInputException with {@code MALFORMED_INPUT} if the object does not follow the
   *     predicate's schema
   */
  Predicate read(JsonObject body) throws MalformedInputException;

  /**
   * Writes a predicate produced by {@link #read} or built by the application.
   *
   * @param predicate the predicate, of this codec's type
   * @return the predicate object
   * @throws IllegalArgumentException if the predicate is not of the type this codec writes
   */
  JsonObject write(Predicate predicate);
}
