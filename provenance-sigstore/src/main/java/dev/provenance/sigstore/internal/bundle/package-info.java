/**
 * Proto3 JSON mapping of the Sigstore bundle, trusted root and signing config messages: strict
 * readers from the JSON tree with JSON Pointer locations, and the writer.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.bundle;
