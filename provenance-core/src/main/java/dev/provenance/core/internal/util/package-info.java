/**
 * Small helpers shared by the core and Sigstore modules: strict base64, hex, bounded reading of
 * untrusted streams. Not API; may change without notice.
 */
package dev.provenance.core.internal.util;
