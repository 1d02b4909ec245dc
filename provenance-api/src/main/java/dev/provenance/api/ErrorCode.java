package dev.provenance.api;

/**
 * The kind of every failure the SDK reports. Callers branch on the code, never on message text.
 *
 * <p>The set follows the failure taxonomy of the hostile-input catalogue: a new code is added only
 * when a caller would act differently on it.
 */
public enum ErrorCode {
  /** Input cannot be decoded or parsed, or is structurally invalid. */
  MALFORMED_INPUT,
  /** Input is well formed but of a media type, version, kind or algorithm not supported. */
  UNSUPPORTED_FORMAT,
  /** Input exceeds a configured limit (size, depth, count); reported before materialising it. */
  RESOURCE_LIMIT_EXCEEDED,
  /** A signature does not verify with any trusted key. */
  SIGNATURE_INVALID,
  /** Fewer distinct trusted keys signed than the threshold requires. */
  THRESHOLD_NOT_MET,
  /** Valid pieces are not bound to each other or to the artifact (digest, subject, log entry). */
  BINDING_MISMATCH,
  /** A key, certificate, log or timestamp authority is not in the trusted root or policy. */
  UNTRUSTED_ANCHOR,
  /** A time is outside a validity window, expired, or in the future. */
  TIME_INVALID,
  /** Verified content does not meet the policy (identity, predicate type, builder, layout rules). */
  POLICY_MISMATCH,
  /** A transparency log proof, promise or checkpoint does not verify. */
  TRANSPARENCY_LOG_INVALID,
  /** A verifier or signer was configured in an unsafe or inconsistent way. */
  CONFIGURATION_ERROR,
  /**
   * A remote service a signer depends on (certificate authority, transparency log, timestamp
   * authority) could not be reached, timed out, or refused or failed the request. Worth retrying
   * later or with new credentials; never a verdict about signed content.
   */
  SERVICE_ERROR
}
