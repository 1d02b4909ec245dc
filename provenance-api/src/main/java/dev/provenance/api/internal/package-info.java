/**
 * Internal helpers shared by the Provenance modules. Not API; may change without notice.
 */
package dev.provenance.api.internal;
