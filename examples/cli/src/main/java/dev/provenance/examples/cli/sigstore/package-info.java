/**
 * The {@code provenance sigstore} commands: {@code verify-bundle} and {@code sign-bundle}, with the
 * arguments of the sigstore-conformance CLI protocol.
 */
package dev.provenance.examples.cli.sigstore;
