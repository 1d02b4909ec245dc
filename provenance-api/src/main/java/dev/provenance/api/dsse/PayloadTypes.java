package dev.provenance.api.dsse;

/** DSSE payload types this SDK produces or accepts. */
public final class PayloadTypes {
  /** The in-toto payload type; the only one Sigstore clients accept. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private PayloadTypes() {}

  /**
   * Returns the predicate-specific in-toto payload type {@code
   * application/vnd.in-toto.<predicate>+json}, accepted where a verifier is configured for it.
   *
   * @param predicate the predicate spec name, for example {@code provenance}
   * @return the payload type
   */
  public static String inToto(String predicate) {
    if (predicate.isEmpty() || !predicate.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("invalid predicate name: " + predicate);
    }
    return "application/vnd.in-toto." + predicate + "+json";
  }
}
