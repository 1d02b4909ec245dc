/**
 * Strict, bounded JSON for the Provenance formats: {@link dev.provenance.core.json.JsonCodec}
 * parses and writes in-toto statements, DSSE envelopes and free-form JSON; {@link
 * dev.provenance.core.json.JsonLimits} bounds every parse; {@link
 * dev.provenance.core.json.PredicateCodec} adds typed predicates. Parsing follows RFC 8259
 * strictly (UTF-8 only, no duplicate member names, no trailing data) and reports every failure as
 * a {@link dev.provenance.api.MalformedInputException} located by JSON Pointer (RFC 6901).
 */
package dev.provenance.core.json;
