/**
 * Verified provenance chains: the steps linking a deployed artifact back to its source, each with
 * its verified attestation and the inputs it consumed.
 */
package dev.provenance.api.chain;
