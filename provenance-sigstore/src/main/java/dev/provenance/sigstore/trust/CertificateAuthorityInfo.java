package dev.provenance.sigstore.trust;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted certificate authority (Fulcio): the chain that issues signing certificates.
 *
 * @param subjectOrganization the organization of the authority's distinguished name
 * @param subjectCommonName the common name of the authority's distinguished name
 * @param uri where the authority is reached
 * @param certChain the DER certificates, issuing certificate first and root last
 * @param validFor when the authority may be relied on; checked in addition to the chain's own
 *     validity
 * @param operator who runs the authority (trusted root v0.2); thresholds count each operator once
 */
public record CertificateAuthorityInfo(
    Optional<String> subjectOrganization,
    Optional<String> subjectCommonName,
    String uri,
    List<Bytes> certChain,
    ValidityPeriod validFor,
    Optional<String> operator) {
  /**
   * Checks the components.
   *
   * @param subjectOrganization the {@code subjectOrganization} component
   * @param subjectCommonName the {@code subjectCommonName} component
   * @param uri the {@code uri} component
   * @param certChain the {@code certChain} component
   * @param validFor the {@code validFor} component
   * @param operator the {@code operator} component
   * @throws IllegalArgumentException if the chain is empty
   */
  public CertificateAuthorityInfo {
    Objects.requireNonNull(subjectOrganization, "subjectOrganization");
    Objects.requireNonNull(subjectCommonName, "subjectCommonName");
    Objects.requireNonNull(uri, "uri");
    certChain = Collections2.listCopy(certChain, "certChain");
    Objects.requireNonNull(validFor, "validFor");
    Objects.requireNonNull(operator, "operator");
    if (certChain.isEmpty()) {
      throw new IllegalArgumentException("an authority needs a certificate chain");
    }
  }
}
