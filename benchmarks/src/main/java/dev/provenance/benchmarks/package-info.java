/** JMH benchmarks of Provenance against the raw primitives and against peer implementations. */
package dev.provenance.benchmarks;
