package dev.provenance.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verification failed. Carries every {@link Finding} the verifier collected, so a CLI or admission
 * controller can report all reasons at once; {@link #code()} and {@link #location()} are those of
 * the first finding.
 *
 * <p>Malformed input met during verification is reported here with code {@link
 * ErrorCode#MALFORMED_INPUT}, which keeps the verdict of a {@code verify} call single.
 */
public final class VerificationException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  /** Every finding, at least one. */
  @SuppressWarnings("serial") // an immutable List.copyOf list, serializable in practice
  private final List<Finding> findings;

  /**
   * Creates an exception with one finding.
   *
   * @param code the kind of failure
   * @param location where it was found; empty when the whole input is concerned
   * @param message what was expected and what was found
   */
  public VerificationException(ErrorCode code, String location, String message) {
    this(code, location, message, null);
  }

  /**
   * Creates an exception with one finding and a cause.
   *
   * @param code the kind of failure
   * @param location where it was found; empty when the whole input is concerned
   * @param message what was expected and what was found
   * @param cause the underlying failure
   */
  public VerificationException(ErrorCode code, String location, String message, Throwable cause) {
    super(code, location, message, cause);
    this.findings = List.of(Finding.of(code, location, message));
  }

  private VerificationException(List<Finding> findings, Throwable cause) {
    super(findings.get(0).code(), findings.get(0).location(), summary(findings), cause);
    this.findings = findings;
  }

  /**
   * Creates an exception carrying every finding.
   *
   * @param findings the findings, at least one
   * @return the exception
   * @throws IllegalArgumentException if {@code findings} is empty
   */
  public static VerificationException of(List<Finding> findings) {
    Objects.requireNonNull(findings, "findings");
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a verification failure needs at least one finding");
    }
    return new VerificationException(List.copyOf(findings), null);
  }

  /**
   * Converts another failure of this SDK into a verification failure with the same code, location
   * and findings.
   *
   * @param cause the failure, for example a {@link MalformedInputException} raised while parsing
   * @return the cause itself if it already is a {@code VerificationException}, else a new one
   */
  public static VerificationException from(ProvenanceException cause) {
    if (cause instanceof VerificationException) {
      return (VerificationException) cause;
    }
    // The cause goes through the constructor: Throwable.initCause refuses once a (null) cause was
    // set by a constructor, which would turn every conversion into an IllegalStateException.
    return new VerificationException(List.copyOf(cause.findings()), cause);
  }

  private static String summary(List<Finding> findings) {
    if (findings.size() == 1) {
      return findings.get(0).message();
    }
    List<String> lines = new ArrayList<>();
    for (Finding f : findings) {
      lines.add(f.toString());
    }
    return findings.size() + " findings: " + String.join("; ", lines);
  }

  @Override
  public List<Finding> findings() {
    return findings;
  }
}
