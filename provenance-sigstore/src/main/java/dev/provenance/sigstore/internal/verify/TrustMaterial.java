package dev.provenance.sigstore.internal.verify;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.sigstore.internal.cache.RememberingVerifier;
import dev.provenance.sigstore.internal.ct.CtLog;
import dev.provenance.sigstore.internal.tsa.TimestampAuthority;
import dev.provenance.sigstore.internal.x509.CertificateAuthority;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.trust.CertificateAuthorityInfo;
import dev.provenance.sigstore.trust.TimestampAuthorityInfo;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trusted root compiled once into what verification uses: log key verifiers, parsed CA and TSA
 * chains, CT log keys. Building it parses every key and certificate, so a broken root fails when
 * the verifier is built, not when a bundle arrives. Log key verifiers remember the signatures
 * that verified (bounded, see {@link RememberingVerifier}). Immutable and thread-safe.
 */
public final class TrustMaterial {
  /** A transparency log with its compiled key. */
  public static final class Tlog {
    private final TransparencyLogInfo info;
    private final SignatureVerifier key;
    private final byte[] checkpointKeyId;
    private final String operator;
    private final List<String> checkpointNames;

    Tlog(TransparencyLogInfo info, SignatureVerifier key, List<String> checkpointNames) {
      this.info = info;
      this.key = key;
      this.checkpointKeyId = info.checkpointKeyId().orElse(info.logId()).toByteArray();
      this.operator = info.operator().orElse("log:" + info.logId().toHex());
      this.checkpointNames = List.copyOf(checkpointNames);
    }

    /**
     * Returns the trusted-root entry.
     *
     * @return the entry
     */
    public TransparencyLogInfo info() {
      return info;
    }

    /**
     * Returns the log key's verifier.
     *
     * @return the verifier
     */
    public SignatureVerifier key() {
      return key;
    }

    /**
     * Returns the id whose first four bytes prefix the log's checkpoint signatures.
     *
     * @return a copy of the id
     */
    public byte[] checkpointKeyId() {
      return checkpointKeyId.clone();
    }

    /**
     * Returns who runs the log, for counting thresholds once per operator.
     *
     * @return the operator, or a key unique to this log when the root names none
     */
    public String operator() {
      return operator;
    }

    /**
     * Returns the names this log signs its checkpoints under: the host of its base URL, and host
     * and port when the URL names a port. A Rekor v2 checkpoint's origin must belong to one of
     * them (see {@link dev.provenance.sigstore.internal.checkpoint.CheckpointVerifier#nameMatchesOrigin}).
     *
     * @return the names, most specific first
     */
    public List<String> checkpointNames() {
      return checkpointNames;
    }
  }

  private final Map<Bytes, List<Tlog>> tlogs;
  private final List<CertificateAuthority> certificateAuthorities;
  private final List<CtLog> ctlogs;
  private final List<TimestampAuthority> timestampAuthorities;

  private TrustMaterial(
      Map<Bytes, List<Tlog>> tlogs,
      List<CertificateAuthority> cas,
      List<CtLog> ctlogs,
      List<TimestampAuthority> tsas) {
    this.tlogs = tlogs;
    this.certificateAuthorities = cas;
    this.ctlogs = ctlogs;
    this.timestampAuthorities = tsas;
  }

  /**
   * Compiles a trusted root.
   *
   * @param root the root
   * @return the compiled material
   * @throws MalformedInputException {@code MALFORMED_INPUT} (location a JSON Pointer into the
   *     root) if a certificate or a key of a supported kind does not parse
   */
  public static TrustMaterial compile(TrustedRoot root) throws MalformedInputException {
    Map<Bytes, List<Tlog>> tlogs = new HashMap<>();
    for (int i = 0; i < root.tlogs().size(); i++) {
      TransparencyLogInfo info = root.tlogs().get(i);
      String at = "/tlogs/" + i + "/publicKey";
      Optional<PublicKeyMaterial> key = key(info, at);
      if (key.isEmpty()) {
        continue; // a key kind this SDK does not verify with: never matches an entry
      }
      SignatureVerifier verifier = verifier(key.get(), info.keyDetails(), at);
      tlogs.computeIfAbsent(info.logId(), k -> new ArrayList<>())
          .add(new Tlog(info, verifier, checkpointNames(info.baseUrl())));
    }
    List<CertificateAuthority> cas = new ArrayList<>();
    for (int i = 0; i < root.certificateAuthorities().size(); i++) {
      CertificateAuthorityInfo a = root.certificateAuthorities().get(i);
      cas.add(
          new CertificateAuthority(
              chain(a.certChain(), "/certificateAuthorities/" + i),
              a.validFor().start(),
              a.validFor().end(),
              a.operator().orElse("")));
    }
    List<CtLog> ctlogs = new ArrayList<>();
    for (int i = 0; i < root.ctlogs().size(); i++) {
      TransparencyLogInfo info = root.ctlogs().get(i);
      Optional<PublicKeyMaterial> key = key(info, "/ctlogs/" + i + "/publicKey");
      if (key.isEmpty()) {
        continue;
      }
      ValidityPeriod v = info.validFor();
      ctlogs.add(
          new CtLog(
              info.logId(),
              jca(key.get(), "/ctlogs/" + i + "/publicKey"),
              v.start(),
              v.end(),
              info.operator().orElse("")));
    }
    List<TimestampAuthority> tsas = new ArrayList<>();
    for (int i = 0; i < root.timestampAuthorities().size(); i++) {
      TimestampAuthorityInfo a = root.timestampAuthorities().get(i);
      tsas.add(
          new TimestampAuthority(
              chain(a.certChain(), "/timestampAuthorities/" + i),
              a.validFor().start(),
              a.validFor().end(),
              a.operator().orElse("")));
    }
    Map<Bytes, List<Tlog>> frozen = new HashMap<>();
    for (Map.Entry<Bytes, List<Tlog>> e : tlogs.entrySet()) {
      frozen.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return new TrustMaterial(
        Collections.unmodifiableMap(frozen), List.copyOf(cas), List.copyOf(ctlogs), List.copyOf(tsas));
  }

  /**
   * Returns the trusted logs with a log id.
   *
   * @param logId the id an entry names
   * @return the logs, usually one; empty if the id is not trusted
   */
  public List<Tlog> tlogs(Bytes logId) {
    return tlogs.getOrDefault(logId, List.of());
  }

  /**
   * Returns the certificate authorities.
   *
   * @return the authorities
   */
  public List<CertificateAuthority> certificateAuthorities() {
    return certificateAuthorities;
  }

  /**
   * Returns the CT logs whose keys this SDK can use.
   *
   * @return the logs
   */
  public List<CtLog> ctlogs() {
    return ctlogs;
  }

  /**
   * Returns the timestamp authorities.
   *
   * @return the authorities
   */
  public List<TimestampAuthority> timestampAuthorities() {
    return timestampAuthorities;
  }

  private static Optional<PublicKeyMaterial> key(TransparencyLogInfo info, String at)
      throws MalformedInputException {
    byte[] raw = info.publicKey().toByteArray();
    try {
      switch (info.keyDetails()) {
        case "PKCS1_RSA_PKCS1V5":
        case "PKCS1_RSA_PSS":
          // deprecated details whose raw bytes are a PKCS#1 RSAPublicKey
          return Optional.of(PublicKeyMaterial.parsePkcs1RsaPublicKey(raw, at));
        default:
          if (algorithm(info.keyDetails()).isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(PublicKeyMaterial.parseSpki(raw, at));
      }
    } catch (KeyMaterialException e) {
      if (e.code() == ErrorCode.UNSUPPORTED_FORMAT) {
        return Optional.empty();
      }
      throw new MalformedInputException(e.code(), at + "/rawBytes", e.getMessage(), e);
    }
  }

  /**
   * Returns the signature algorithm a {@code PublicKeyDetails} name fixes.
   *
   * @param keyDetails the protobuf enum name
   * @return the algorithm, or empty for names this SDK does not verify with
   */
  static Optional<SignatureAlgorithm> algorithm(String keyDetails) {
    switch (keyDetails) {
      case "PKIX_ECDSA_P256_SHA_256":
        return Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256);
      case "PKIX_ECDSA_P384_SHA_384":
        return Optional.of(SignatureAlgorithm.ECDSA_P384_SHA384);
      case "PKIX_ECDSA_P521_SHA_512":
        return Optional.of(SignatureAlgorithm.ECDSA_P521_SHA512);
      case "PKIX_ED25519":
        return Optional.of(SignatureAlgorithm.ED25519);
      case "PKIX_RSA_PKCS1V15_2048_SHA256":
      case "PKIX_RSA_PKCS1V15_3072_SHA256":
      case "PKIX_RSA_PKCS1V15_4096_SHA256":
      case "PKCS1_RSA_PKCS1V5":
      case "PKIX_RSA_PKCS1V5":
        return Optional.of(SignatureAlgorithm.RSA_PKCS1_SHA256);
      case "PKIX_RSA_PSS_2048_SHA256":
      case "PKIX_RSA_PSS_3072_SHA256":
      case "PKIX_RSA_PSS_4096_SHA256":
      case "PKCS1_RSA_PSS":
      case "PKIX_RSA_PSS":
        return Optional.of(SignatureAlgorithm.RSA_PSS_SHA256);
      default:
        return Optional.empty();
    }
  }

  private static SignatureVerifier verifier(PublicKeyMaterial key, String keyDetails, String at)
      throws MalformedInputException {
    try {
      return RememberingVerifier.of(Primitives.verifier(key, algorithm(keyDetails).orElseThrow()));
    } catch (KeyMaterialException e) {
      // the key does not fit its declared details, for example a P-384 key marked P-256
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, at + "/keyDetails", "key does not fit " + keyDetails, e);
    }
  }

  private static PublicKey jca(PublicKeyMaterial key, String at) throws MalformedInputException {
    try {
      return JcaPublicKeys.of(key);
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException(ErrorCode.MALFORMED_INPUT, at, "unusable key", e);
    }
  }

  private static List<X509Certificate> chain(List<Bytes> ders, String at)
      throws MalformedInputException {
    List<X509Certificate> out = new ArrayList<>();
    for (int j = 0; j < ders.size(); j++) {
      try {
        out.add(CertificatePaths.parse(ders.get(j).toByteArray()));
      } catch (VerificationException e) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            at + "/certChain/certificates/" + j + "/rawBytes",
            "certificate does not parse: " + e.getMessage(),
            e);
      }
    }
    return out;
  }

  /** The host[:port] and the host of a base URL, the names a log signs its checkpoints under. */
  static List<String> checkpointNames(String baseUrl) {
    try {
      URI u = new URI(baseUrl);
      if (u.getHost() == null) {
        return List.of(baseUrl);
      }
      return u.getPort() < 0 ? List.of(u.getHost()) : List.of(u.getHost() + ":" + u.getPort(), u.getHost());
    } catch (java.net.URISyntaxException e) {
      return List.of(baseUrl);
    }
  }

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    for (Bytes b : tlogs.keySet()) {
      ids.add(Hex.encode(b.toByteArray()).substring(0, 8));
    }
    return "TrustMaterial[tlogs=" + ids + ", cas=" + certificateAuthorities.size() + "]";
  }
}
