/**
 * The error model and shared value types of the Provenance SDK: {@link
 * dev.provenance.api.ProvenanceException} and its subclasses, {@link dev.provenance.api.ErrorCode},
 * {@link dev.provenance.api.Finding} and {@link dev.provenance.api.Bytes}.
 */
package dev.provenance.api;
