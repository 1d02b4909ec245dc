package dev.provenance.api.attestation;

/** The {@code predicateType} URIs of the vetted in-toto predicates. */
public final class PredicateTypes {
  /** SLSA Provenance v1.0, v1.1 and v1.2. */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
  /** SLSA Provenance v0.2, read for verification only. */
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";
  /** SLSA Verification Summary Attestation v1. */
  public static final String SLSA_VSA_V1 = "https://slsa.dev/verification_summary/v1";
  /** in-toto Link v0.3. */
  public static final String LINK_V03 = "https://in-toto.io/attestation/link/v0.3";
  /** SPDX 2.x document. */
  public static final String SPDX = "https://spdx.dev/Document";
  /** CycloneDX BOM. */
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  /** in-toto test result v0.1. */
  public static final String TEST_RESULT_V01 = "https://in-toto.io/attestation/test-result/v0.1";

  private PredicateTypes() {}
}
