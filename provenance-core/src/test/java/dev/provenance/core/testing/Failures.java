package dev.provenance.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.ProvenanceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts typed failures by code, never by message. */
public final class Failures {
  private Failures() {}

  /** Asserts that the call throws a ProvenanceException with the code, and returns it. */
  public static ProvenanceException assertFails(ThrowingCallable call, ErrorCode code) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(ProvenanceException.class);
    ProvenanceException e = (ProvenanceException) t;
    assertThat(e.code()).as("error code of %s", e).isEqualTo(code);
    return e;
  }
}
