/**
 * DSSE internals: the byte-built pre-authentication encoding and the multi-signature threshold
 * rule shared by DSSE envelopes and legacy in-toto metablocks. Not API; may change without notice.
 */
package dev.provenance.core.internal.dsse;
