/**
 * Legacy in-toto internals: OLPC canonical JSON as securesystemslib writes it. Not API; may change
 * without notice.
 */
package dev.provenance.core.internal.intoto;
