/**
 * The {@code provenance slsa} commands: {@code verify-artifact} checks SLSA provenance for
 * artifacts with slsa-verifier's flags and semantics.
 */
package dev.provenance.examples.cli.slsa;
