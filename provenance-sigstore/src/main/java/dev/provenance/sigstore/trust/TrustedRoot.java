package dev.provenance.sigstore.trust;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.sigstore.internal.bundle.TrustJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The set of keys and authorities a Sigstore verifier trusts: transparency logs, certificate
 * authorities, certificate transparency logs and timestamp authorities, each with the time range
 * it may be relied on (protobuf-specs {@code sigstore_trustroot.proto}).
 *
 * <pre>{@code
 * TrustedRoot publicGood = TrustedRoot.publicGood();               // shipped in the jar
 * TrustedRoot custom = TrustedRoot.parse(Files.readAllBytes(path)); // trusted_root.json
 * List<TrustedRoot> roots = TrustedRoot.parseJsonLines(bytes);     // gh attestation trusted-root
 * }</pre>
 *
 * <p>Reads media types {@value #MEDIA_TYPE_V0_1} and {@value #MEDIA_TYPE_V0_2}. Historical
 * entries are kept; validity windows are inclusive; a window without a start is rejected, never
 * read as unbounded. Immutable and thread-safe.
 */
public final class TrustedRoot {
  /** Media type of trusted root v0.1. */
  public static final String MEDIA_TYPE_V0_1 =
      "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

  /** Media type of trusted root v0.2. */
  public static final String MEDIA_TYPE_V0_2 = "application/vnd.dev.sigstore.trustedroot.v0.2+json";

  private static final String PUBLIC_GOOD_RESOURCE = "public-good.trusted_root.json";

  private final String mediaType;
  private final List<TransparencyLogInfo> tlogs;
  private final List<CertificateAuthorityInfo> certificateAuthorities;
  private final List<TransparencyLogInfo> ctlogs;
  private final List<TimestampAuthorityInfo> timestampAuthorities;

  /**
   * Creates a trusted root.
   *
   * @param mediaType the media type, {@value #MEDIA_TYPE_V0_1} or {@value #MEDIA_TYPE_V0_2}
   * @param tlogs the transparency logs
   * @param certificateAuthorities the certificate authorities
   * @param ctlogs the certificate transparency logs
   * @param timestampAuthorities the timestamp authorities
   * @throws IllegalArgumentException for another media type
   */
  public TrustedRoot(
      String mediaType,
      List<TransparencyLogInfo> tlogs,
      List<CertificateAuthorityInfo> certificateAuthorities,
      List<TransparencyLogInfo> ctlogs,
      List<TimestampAuthorityInfo> timestampAuthorities) {
    Objects.requireNonNull(mediaType, "mediaType");
    if (!mediaType.equals(MEDIA_TYPE_V0_1) && !mediaType.equals(MEDIA_TYPE_V0_2)) {
      throw new IllegalArgumentException("unknown trusted root media type");
    }
    this.mediaType = mediaType;
    this.tlogs = Collections2.listCopy(tlogs, "tlogs");
    this.certificateAuthorities =
        Collections2.listCopy(certificateAuthorities, "certificateAuthorities");
    this.ctlogs = Collections2.listCopy(ctlogs, "ctlogs");
    this.timestampAuthorities = Collections2.listCopy(timestampAuthorities, "timestampAuthorities");
  }

  /**
   * Parses a trusted root.
   *
   * @param json the trusted root JSON
   * @return the trusted root
   * @throws MalformedInputException {@code MALFORMED_INPUT} for invalid JSON or structure (for
   *     example a validity window without a start), {@code UNSUPPORTED_FORMAT} for an unknown media
   *     type; the location is a JSON Pointer
   */
  public static TrustedRoot parse(byte[] json) throws MalformedInputException {
    return TrustJson.readTrustedRoot(json);
  }

  /**
   * Parses trusted roots in JSON Lines form, one root per line, as {@code gh attestation
   * trusted-root} writes them. Empty lines are skipped.
   *
   * @param jsonLines the lines
   * @return the roots in order, at least one
   * @throws MalformedInputException as {@link #parse(byte[])}, located as {@code line:N/pointer}
   */
  public static List<TrustedRoot> parseJsonLines(byte[] jsonLines) throws MalformedInputException {
    return TrustJson.readTrustedRootLines(jsonLines);
  }

  /**
   * Returns the Sigstore public-good production trusted root shipped in this jar. It is a snapshot;
   * refresh it through TUF or pass a current root for long-lived deployments.
   *
   * @return the public-good root
   */
  public static TrustedRoot publicGood() {
    return PublicGood.ROOT;
  }

  /**
   * Returns one root holding every entry of the given roots, in order.
   *
   * @param roots the roots
   * @return the combined root, with the media type of the first
   * @throws IllegalArgumentException if {@code roots} is empty
   */
  public static TrustedRoot combine(List<TrustedRoot> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no trusted roots to combine");
    }
    List<TransparencyLogInfo> t = new ArrayList<>();
    List<CertificateAuthorityInfo> c = new ArrayList<>();
    List<TransparencyLogInfo> ct = new ArrayList<>();
    List<TimestampAuthorityInfo> ts = new ArrayList<>();
    for (TrustedRoot r : roots) {
      t.addAll(r.tlogs);
      c.addAll(r.certificateAuthorities);
      ct.addAll(r.ctlogs);
      ts.addAll(r.timestampAuthorities);
    }
    return new TrustedRoot(roots.get(0).mediaType, t, c, ct, ts);
  }

  /**
   * Writes this root as proto3 JSON.
   *
   * @return the JSON bytes
   */
  public byte[] toJson() {
    return TrustJson.write(this);
  }

  /**
   * Returns the media type.
   *
   * @return the media type
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Returns the transparency logs.
   *
   * @return the logs, oldest first as the file lists them
   */
  public List<TransparencyLogInfo> tlogs() {
    return tlogs;
  }

  /**
   * Returns the certificate authorities.
   *
   * @return the authorities
   */
  public List<CertificateAuthorityInfo> certificateAuthorities() {
    return certificateAuthorities;
  }

  /**
   * Returns the certificate transparency logs.
   *
   * @return the logs
   */
  public List<TransparencyLogInfo> ctlogs() {
    return ctlogs;
  }

  /**
   * Returns the timestamp authorities.
   *
   * @return the authorities
   */
  public List<TimestampAuthorityInfo> timestampAuthorities() {
    return timestampAuthorities;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrustedRoot)) {
      return false;
    }
    TrustedRoot r = (TrustedRoot) o;
    return mediaType.equals(r.mediaType)
        && tlogs.equals(r.tlogs)
        && certificateAuthorities.equals(r.certificateAuthorities)
        && ctlogs.equals(r.ctlogs)
        && timestampAuthorities.equals(r.timestampAuthorities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, tlogs, certificateAuthorities, ctlogs, timestampAuthorities);
  }

  @Override
  public String toString() {
    return "TrustedRoot["
        + tlogs.size()
        + " tlogs, "
        + certificateAuthorities.size()
        + " CAs, "
        + ctlogs.size()
        + " ctlogs, "
        + timestampAuthorities.size()
        + " TSAs]";
  }

  /** Lazily loads the shipped root on first use. */
  private static final class PublicGood {
    static final TrustedRoot ROOT = load();

    private static TrustedRoot load() {
      try (InputStream in = TrustedRoot.class.getResourceAsStream(PUBLIC_GOOD_RESOURCE)) {
        if (in == null) {
          throw new ProvenanceBugException("the public-good trusted root is missing from the jar");
        }
        return parse(in.readAllBytes());
      } catch (IOException | MalformedInputException e) {
        throw new ProvenanceBugException("the shipped public-good trusted root does not load", e);
      }
    }
  }
}
