/**
 * The {@code provenance} command-line tool: the entry point {@link
 * dev.provenance.examples.cli.Main}, the {@link dev.provenance.examples.cli.Command} interface every
 * command implements, a strict argument parser and the exit statuses other programs rely on.
 */
package dev.provenance.examples.cli;
