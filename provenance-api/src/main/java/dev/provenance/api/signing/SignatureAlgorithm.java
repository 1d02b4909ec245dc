package dev.provenance.api.signing;

/** A signature algorithm. The key fixes it; nothing in a message ever selects one. */
public enum SignatureAlgorithm {
  /** Ed25519 (RFC 8032), pure. */
  ED25519,
  /** ECDSA over P-256 with SHA-256. */
  ECDSA_P256_SHA256,
  /** ECDSA over P-384 with SHA-384. */
  ECDSA_P384_SHA384,
  /** ECDSA over P-521 with SHA-512. */
  ECDSA_P521_SHA512,
  /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt. */
  RSA_PSS_SHA256,
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  RSA_PKCS1_SHA256
}
