package dev.provenance.sigstore.internal.x509;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 5280 path validation for Fulcio certificates at the signed times (the "hybrid model" of the
 * Sigstore client specification, section 4.3): every certificate of the path, and the trusted
 * root's window for its certificate authority, must contain every signed time.
 *
 * <p>A path runs from the leaf, through certificates presented with it (a bundle's chain; extra
 * ones are ignored), to a certificate of a trusted {@link CertificateAuthority}, and continues up
 * that authority's chain to its root. Certificates presented with the leaf are never trust anchors:
 * self-issued ones are ignored, so a bundle that carries a root (H67) validates only if a trusted
 * authority validates it anyway. No revocation is checked (offline verification).
 *
 * <p>Error codes: {@code MALFORMED_INPUT} for undecodable certificates; {@code UNTRUSTED_ANCHOR}
 * when no trusted authority issued the leaf, or when a certificate of the path may not be used for
 * its role (leaf that is a CA, lacks the codeSigning extended key usage or the digitalSignature key
 * usage, any certificate with an unknown critical extension; H70); {@code TIME_INVALID} when a path
 * exists but a certificate or the authority's window does not cover a signed time (H60).
 *
 * <p>Stateless apart from a bounded cache of verified links inside trusted chains; thread-safe.
 */
public final class CertificatePaths {
  /** Largest DER certificate accepted; Fulcio certificates are 1 to 3 KiB. */
  public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  /** Most certificates accepted next to the leaf (a bundle chain has one or two). */
  public static final int MAX_PRESENTED_CERTIFICATES = 10;

  /** Most presented intermediates between the leaf and a trusted certificate. */
  static final int MAX_PRESENTED_DEPTH = 4;

  /** Most signature checks one validation may spend on candidate issuers. */
  static final int MAX_SIGNATURE_CHECKS = 24;

  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
  static final String KEY_USAGE = "2.5.29.15";
  static final String SUBJECT_ALT_NAME = "2.5.29.17";
  static final String BASIC_CONSTRAINTS = "2.5.29.19";
  static final String EXTENDED_KEY_USAGE = "2.5.29.37";

  /** Critical extensions this validator processes; any other critical one fails the path. */
  private static final Set<String> KNOWN_CRITICAL_LEAF =
      Set.of(KEY_USAGE, SUBJECT_ALT_NAME, BASIC_CONSTRAINTS, EXTENDED_KEY_USAGE);

  private static final Set<String> KNOWN_CRITICAL_CA =
      Set.of(KEY_USAGE, BASIC_CONSTRAINTS, EXTENDED_KEY_USAGE);

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;

  private static final int MAX_CACHED_LINKS = 256;

  /** Links inside trusted chains that already verified; keyed by certificate equality (DER). */
  private static final Map<Link, Boolean> VERIFIED_TRUSTED_LINKS = new ConcurrentHashMap<>();

  private record Link(X509Certificate child, X509Certificate parent) {}

  private CertificatePaths() {}

  /**
   * Parses one DER certificate strictly: no PEM, no trailing bytes, at most {@link
   * #MAX_CERTIFICATE_BYTES}.
   *
   * @param der the encoding
   * @return the certificate
   * @throws VerificationException {@code MALFORMED_INPUT} if it is not exactly one DER certificate,
   *     {@code RESOURCE_LIMIT_EXCEEDED} if it is larger than the limit
   */
  public static X509Certificate parse(byte[] der) throws VerificationException {
    Objects.requireNonNull(der, "der");
    if (der.length > MAX_CERTIFICATE_BYTES) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "",
          "certificate of " + der.length + " bytes exceeds " + MAX_CERTIFICATE_BYTES);
    }
    // 0x30 = SEQUENCE; the JDK factory would also accept PEM text, which a DER field never holds.
    if (der.length == 0 || der[0] != 0x30) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, "", "not a DER certificate");
    }
    Asn1Nesting.check(der, "");
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (!MessageDigest.isEqual(certificate.getEncoded(), der)) {
        throw new VerificationException(
            ErrorCode.MALFORMED_INPUT, "", "trailing bytes after the certificate");
      }
    } catch (CertificateException | RuntimeException e) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, "", "not a DER certificate", e);
    }
    return certificate;
  }

  /**
   * Validates the path of a leaf certificate to one of the trusted authorities at every signed
   * time.
   *
   * @param leaf the end-entity certificate
   * @param presented certificates presented with it (may include the leaf and a root; both are
   *     skipped); never used as anchors
   * @param cas the trusted certificate authorities
   * @param signedTimes the times the signature is known to have existed (tlog integration, RFC 3161
   *     time-stamps); at least one
   * @return the validated path
   * @throws VerificationException {@code UNTRUSTED_ANCHOR}, {@code TIME_INVALID}, {@code
   *     MALFORMED_INPUT}, {@code RESOURCE_LIMIT_EXCEEDED} or {@code UNSUPPORTED_FORMAT}
   */
  public static ValidatedPath validate(
      X509Certificate leaf,
      List<X509Certificate> presented,
      List<CertificateAuthority> cas,
      List<Instant> signedTimes)
      throws VerificationException {
    Objects.requireNonNull(leaf, "leaf");
    List<X509Certificate> extra = List.copyOf(presented);
    List<CertificateAuthority> authorities = List.copyOf(cas);
    List<Instant> times = List.copyOf(signedTimes);
    if (times.isEmpty()) {
      throw new VerificationException(
          ErrorCode.TIME_INVALID, "certificate", "no signed time to validate the certificate at");
    }
    if (extra.size() > MAX_PRESENTED_CERTIFICATES) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "certificateChain",
          extra.size() + " certificates presented, at most " + MAX_PRESENTED_CERTIFICATES);
    }
    checkLeafProfile(leaf);
    List<X509Certificate> intermediates = new ArrayList<>();
    for (X509Certificate c : extra) {
      // Self-issued certificates are roots (H67): a bundle never supplies a trust anchor.
      if (!c.equals(leaf)
          && !intermediates.contains(c)
          && !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        intermediates.add(c);
      }
    }
    if (authorities.isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNTRUSTED_ANCHOR, "certificate", "no trusted certificate authority");
    }
    VerificationException firstTimeFailure = null;
    VerificationException firstOtherFailure = null;
    for (CertificateAuthority ca : authorities) {
      try {
        Optional<List<X509Certificate>> path = buildPath(leaf, intermediates, ca);
        if (path.isEmpty()) {
          continue;
        }
        checkPath(path.get(), ca, times);
        return new ValidatedPath(leaf, path.get().get(1), path.get());
      } catch (VerificationException e) {
        if (e.code() == ErrorCode.TIME_INVALID) {
          firstTimeFailure = firstTimeFailure == null ? e : firstTimeFailure;
        } else {
          firstOtherFailure = firstOtherFailure == null ? e : firstOtherFailure;
        }
      }
    }
    if (firstOtherFailure != null) {
      throw firstOtherFailure;
    }
    if (firstTimeFailure != null) {
      throw firstTimeFailure;
    }
    throw new VerificationException(
        ErrorCode.UNTRUSTED_ANCHOR,
        "certificate",
        "certificate does not chain to any trusted certificate authority");
  }

  /** The leaf must be an end entity usable for code signing (H70). */
  private static void checkLeafProfile(X509Certificate leaf) throws VerificationException {
    if (leaf.getVersion() != 3) {
      throw untrusted("certificate", "leaf is not an X.509 v3 certificate");
    }
    if (leaf.getBasicConstraints() >= 0) {
      throw untrusted("certificate", "leaf is a CA certificate");
    }
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage == null || keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE]) {
      throw untrusted("certificate", "leaf lacks the digitalSignature key usage");
    }
    List<String> eku = extendedKeyUsage(leaf, "certificate");
    if (eku == null || !eku.contains(CODE_SIGNING)) {
      throw untrusted("certificate", "leaf lacks the codeSigning extended key usage");
    }
    checkCriticalExtensions(leaf, KNOWN_CRITICAL_LEAF, "certificate");
  }

  /**
   * Finds a chain of signatures from the leaf to a certificate of {@code ca}, then up to its root.
   */
  private static Optional<List<X509Certificate>> buildPath(
      X509Certificate leaf, List<X509Certificate> intermediates, CertificateAuthority ca)
      throws VerificationException {
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    int[] budget = {MAX_SIGNATURE_CHECKS};
    return extend(path, intermediates, ca, budget);
  }

  private static Optional<List<X509Certificate>> extend(
      List<X509Certificate> path,
      List<X509Certificate> intermediates,
      CertificateAuthority ca,
      int[] budget)
      throws VerificationException {
    X509Certificate current = path.get(path.size() - 1);
    List<X509Certificate> chain = ca.chain();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate candidate = chain.get(i);
      if (issued(candidate, current) && signs(candidate, current, true, budget)) {
        verifyTrustedChain(chain.subList(i, chain.size()), "trustedRoot");
        List<X509Certificate> full = new ArrayList<>(path);
        full.addAll(chain.subList(i, chain.size()));
        return Optional.of(full);
      }
    }
    if (path.size() > MAX_PRESENTED_DEPTH) {
      return Optional.empty();
    }
    for (X509Certificate candidate : intermediates) {
      if (!path.contains(candidate)
          && issued(candidate, current)
          && candidate.getBasicConstraints() >= 0
          && signs(candidate, current, false, budget)) {
        path.add(candidate);
        Optional<List<X509Certificate>> found = extend(path, intermediates, ca, budget);
        if (found.isPresent()) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return Optional.empty();
  }

  private static boolean issued(X509Certificate issuer, X509Certificate subject) {
    return issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal());
  }

  private static boolean signs(
      X509Certificate issuer, X509Certificate subject, boolean trustedKey, int[] budget)
      throws VerificationException {
    if (budget[0]-- <= 0) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "certificateChain",
          "too many candidate issuers to try");
    }
    try {
      // Keys of trusted chains are cached (their point tables make ECDSA twice as fast); keys of
      // presented certificates come from untrusted input and never are.
      Signatures.verifyCertificate(subject, issuer.getPublicKey(), trustedKey, "certificate");
      return true;
    } catch (VerificationException e) {
      if (e.code() == ErrorCode.SIGNATURE_INVALID || e.code() == ErrorCode.UNSUPPORTED_FORMAT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Checks that each certificate of a trusted chain is issued and signed by the next one. Trusted
   * chains are configuration, so each verified link is remembered (bounded) and checked once.
   *
   * @param chain the chain, issued certificate first
   * @param location where the chain is, for the error
   * @throws VerificationException {@code UNTRUSTED_ANCHOR} if a link does not verify
   */
  public static void verifyTrustedChain(List<X509Certificate> chain, String location)
      throws VerificationException {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate child = chain.get(i);
      X509Certificate parent = chain.get(i + 1);
      Link link = new Link(child, parent);
      if (VERIFIED_TRUSTED_LINKS.containsKey(link)) {
        continue;
      }
      if (!issued(parent, child)) {
        throw untrusted(location, "trusted chain is out of order");
      }
      try {
        Signatures.verifyCertificate(child, parent.getPublicKey(), true, location);
      } catch (VerificationException e) {
        throw new VerificationException(
            ErrorCode.UNTRUSTED_ANCHOR, location, "trusted chain does not verify", e);
      }
      if (VERIFIED_TRUSTED_LINKS.size() >= MAX_CACHED_LINKS) {
        VERIFIED_TRUSTED_LINKS.clear();
      }
      VERIFIED_TRUSTED_LINKS.put(link, Boolean.TRUE);
    }
  }

  /** Checks CA profiles, path lengths and validity at every time of a signature-linked path. */
  private static void checkPath(
      List<X509Certificate> path, CertificateAuthority ca, List<Instant> times)
      throws VerificationException {
    for (int i = 1; i < path.size(); i++) {
      X509Certificate cert = path.get(i);
      String location = "certificateChain/" + i;
      int pathLen = cert.getBasicConstraints();
      if (pathLen < 0) {
        throw untrusted(location, "issuing certificate is not a CA");
      }
      // Intermediates below this one (the leaf excluded); RFC 5280 6.1.4 (l)-(m).
      int below = i - 1;
      if (below > pathLen) {
        throw untrusted(location, "path length constraint " + pathLen + " exceeded");
      }
      boolean[] keyUsage = cert.getKeyUsage();
      if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
        throw untrusted(location, "issuing certificate lacks the keyCertSign key usage");
      }
      List<String> eku = extendedKeyUsage(cert, location);
      if (eku != null && !eku.contains(CODE_SIGNING) && !eku.contains(ANY_EXTENDED_KEY_USAGE)) {
        throw untrusted(location, "issuing certificate does not allow code signing");
      }
      checkCriticalExtensions(cert, KNOWN_CRITICAL_CA, location);
    }
    for (Instant t : times) {
      if (!ca.isValidAt(t)) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID,
            "certificate",
            "signed time " + t + " is outside the certificate authority's validity window");
      }
      for (int i = 0; i < path.size(); i++) {
        X509Certificate cert = path.get(i);
        if (!ValidityWindows.contains(cert, t)) {
          throw new VerificationException(
              ErrorCode.TIME_INVALID,
              i == 0 ? "certificate" : "certificateChain/" + i,
              "certificate valid "
                  + cert.getNotBefore().toInstant()
                  + ".."
                  + cert.getNotAfter().toInstant()
                  + " does not cover signed time "
                  + t);
        }
      }
    }
  }

  /**
   * Returns the extended key usages, or null when the extension is absent.
   *
   * @param cert the certificate
   * @param location where it is, for the error
   * @return the OIDs, or null
   * @throws VerificationException {@code MALFORMED_INPUT} if the extension cannot be decoded
   */
  public static List<String> extendedKeyUsage(X509Certificate cert, String location)
      throws VerificationException {
    try {
      return cert.getExtendedKeyUsage();
    } catch (CertificateParsingException | RuntimeException e) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, location, "extended key usage cannot be decoded", e);
    }
  }

  /**
   * Fails if the certificate has a critical extension outside {@code known} (RFC 5280 4.2).
   *
   * @param cert the certificate
   * @param known the critical extensions the caller processes
   * @param location where it is, for the error
   * @throws VerificationException {@code UNTRUSTED_ANCHOR} naming the extension
   */
  public static void checkCriticalExtensions(X509Certificate cert, Set<String> known, String location)
      throws VerificationException {
    Set<String> critical = cert.getCriticalExtensionOIDs();
    if (critical == null) {
      return;
    }
    for (String oid : critical) {
      if (!known.contains(oid)) {
        throw untrusted(location, "unknown critical extension " + oid);
      }
    }
  }

  private static VerificationException untrusted(String location, String message) {
    return new VerificationException(ErrorCode.UNTRUSTED_ANCHOR, location, message);
  }
}
