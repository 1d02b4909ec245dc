/** The README's API quickstart, compiled and run so that it cannot rot. */
package dev.provenance.core.quickstart;
