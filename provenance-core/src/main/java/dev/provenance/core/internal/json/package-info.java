/**
 * The strict JSON engine behind the public codecs: the single Jackson factory, the bounded
 * streaming reader, the writer, and the typed codecs of the built-in records. Not API; may change
 * without notice.
 */
package dev.provenance.core.internal.json;
