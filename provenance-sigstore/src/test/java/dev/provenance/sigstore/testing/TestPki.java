package dev.provenance.sigstore.testing;

import dev.provenance.api.Bytes;
import dev.provenance.sigstore.internal.ct.CtLog;
import dev.provenance.sigstore.internal.x509.CertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private test PKI shaped like Fulcio's: a P-384 root, a P-384 intermediate (path length 0,
 * codeSigning), and P-256 leaves with an empty subject, a critical SAN, the OIDC issuer extensions
 * and optional embedded SCTs from test CT logs. Every knob a hostile-input case needs is on {@link
 * LeafBuilder}.
 */
public final class TestPki {
  /** A fixed "now" for every test certificate. */
  public static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

  /** The Fulcio OIDC issuer extension (DER UTF8String). */
  public static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  /** The legacy Fulcio OIDC issuer extension (raw bytes). */
  public static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";

  /** The CT SCT list extension. */
  public static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";

  /** A typical GitHub Actions identity. */
  public static final String SAN =
      "https://github.com/org/repo/.github/workflows/release.yml@refs/tags/v1";

  /** The GitHub Actions OIDC issuer. */
  public static final String ISSUER = "https://token.actions.githubusercontent.com";

  private static final AtomicLong SERIALS = new AtomicLong(1000);

  public final KeyPair rootKey;
  public final X509Certificate root;
  public final KeyPair intermediateKey;
  public final X509Certificate intermediate;

  private TestPki(KeyPair rootKey, X509Certificate root, KeyPair intermediateKey, X509Certificate intermediate) {
    this.rootKey = rootKey;
    this.root = root;
    this.intermediateKey = intermediateKey;
    this.intermediate = intermediate;
  }

  /**
   * Creates a root valid for ten years around {@link #NOW} and an intermediate valid for a year.
   *
   * @return the PKI
   */
  public static TestPki create() {
    return create(NOW.minus(Duration.ofDays(180)), NOW.plus(Duration.ofDays(180)));
  }

  /**
   * Creates a PKI whose intermediate is valid in the given window.
   *
   * @param intermediateFrom the intermediate's notBefore
   * @param intermediateTo the intermediate's notAfter
   * @return the PKI
   */
  public static TestPki create(Instant intermediateFrom, Instant intermediateTo) {
    KeyPair rootKey = generate("secp384r1");
    X500Name rootName = new X500Name("O=provenance.test,CN=test-root");
    X509Certificate root =
        ca(rootName, rootKey, rootName, rootKey.getPublic(), NOW.minus(Duration.ofDays(3650)),
            NOW.plus(Duration.ofDays(3650)), 1, null);
    KeyPair intermediateKey = generate("secp384r1");
    X509Certificate intermediate =
        ca(rootName, rootKey, new X500Name("O=provenance.test,CN=test-intermediate"),
            intermediateKey.getPublic(), intermediateFrom, intermediateTo, 0,
            KeyPurposeId.id_kp_codeSigning);
    return new TestPki(rootKey, root, intermediateKey, intermediate);
  }

  /**
   * Returns the trusted-root entry for this PKI, valid from long before {@link #NOW}, open-ended.
   *
   * @return the authority [intermediate, root]
   */
  public CertificateAuthority authority() {
    return new CertificateAuthority(
        List.of(intermediate, root), NOW.minus(Duration.ofDays(3650)), Optional.empty(), "test");
  }

  /**
   * Returns a builder for a leaf issued by the intermediate.
   *
   * @return the builder
   */
  public LeafBuilder leaf() {
    return new LeafBuilder(intermediate, intermediateKey);
  }

  /**
   * Returns a builder for a leaf issued by any certificate and key.
   *
   * @param issuer the issuing certificate
   * @param issuerKey its key pair
   * @return the builder
   */
  public static LeafBuilder leafOf(X509Certificate issuer, KeyPair issuerKey) {
    return new LeafBuilder(issuer, issuerKey);
  }

  /**
   * Generates an EC key pair.
   *
   * @param curve the JCA curve name, for example {@code secp256r1}
   * @return the key pair
   */
  public static KeyPair generate(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a CA certificate.
   *
   * @param issuer the issuer name
   * @param issuerKey the issuer key
   * @param subject the subject name
   * @param subjectKey the subject public key
   * @param from notBefore
   * @param to notAfter
   * @param pathLen the path length constraint, or -1 for none
   * @param eku an extended key usage to add, or null
   * @return the certificate
   */
  public static X509Certificate ca(
      X500Name issuer, KeyPair issuerKey, X500Name subject, PublicKey subjectKey, Instant from,
      Instant to, int pathLen, KeyPurposeId eku) {
    try {
      X509v3CertificateBuilder builder = builder(issuer, subject, subjectKey, from, to);
      builder.addExtension(
          Extension.basicConstraints, true,
          pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      if (eku != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
      }
      return sign(builder, issuerKey.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Instant from, Instant to) {
    return new X509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(from),
        Date.from(to),
        subject,
        SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA384withECDSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A CT log for tests: a P-256 key and its RFC 6962 log id.
   *
   * @param key the key pair
   */
  public record TestLog(KeyPair key) {
    /**
     * Creates a log with a fresh P-256 key.
     *
     * @return the log
     */
    public static TestLog create() {
      return new TestLog(generate("secp256r1"));
    }

    /**
     * Returns the log id: SHA-256 of the key's SubjectPublicKeyInfo.
     *
     * @return 32 bytes
     */
    public byte[] logId() {
      try {
        return MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Returns the trusted-root entry for this log, open-ended from long before {@link #NOW}.
     *
     * @return the log
     */
    public CtLog trusted() {
      return trusted(NOW.minus(Duration.ofDays(3650)), Optional.empty());
    }

    /**
     * Returns the trusted-root entry for this log with a validity window.
     *
     * @param from start
     * @param until end
     * @return the log
     */
    public CtLog trusted(Instant from, Optional<Instant> until) {
      return new CtLog(Bytes.of(logId()), key.getPublic(), from, until, "test");
    }
  }

  /**
   * One SCT to embed.
   *
   * @param log the signing log
   * @param time the SCT timestamp
   * @param extensions the SCT extensions field
   * @param corrupt whether to flip a bit of the signed data before signing
   */
  public record SctSpec(TestLog log, Instant time, byte[] extensions, boolean corrupt) {
    /**
     * An ordinary SCT at {@link #NOW}.
     *
     * @param log the log
     * @return the spec
     */
    public static SctSpec of(TestLog log) {
      return new SctSpec(log, NOW, new byte[0], false);
    }
  }

  /** Builds leaves; every field defaults to a well-formed Fulcio-like certificate. */
  public static final class LeafBuilder {
    private final X509Certificate issuerCert;
    private final KeyPair issuerKey;
    private KeyPair key = generate("secp256r1");
    private Instant from = NOW.minus(Duration.ofMinutes(5));
    private Instant to = NOW.plus(Duration.ofMinutes(5));
    private GeneralNames sans =
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, SAN));
    private String issuerV2 = ISSUER;
    private String issuerV1 = ISSUER;
    private boolean ca;
    private boolean codeSigning = true;
    private int keyUsage = KeyUsage.digitalSignature;
    private final List<Extension> extra = new ArrayList<>();
    private final List<SctSpec> scts = new ArrayList<>();
    private byte[] rawSctList;
    private BigInteger serial;
    private X500Name subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);

    LeafBuilder(X509Certificate issuerCert, KeyPair issuerKey) {
      this.issuerCert = issuerCert;
      this.issuerKey = issuerKey;
    }

    public LeafBuilder validity(Instant notBefore, Instant notAfter) {
      this.from = notBefore;
      this.to = notAfter;
      return this;
    }

    public LeafBuilder serial(BigInteger value) {
      this.serial = value;
      return this;
    }

    public LeafBuilder subject(String name) {
      this.subject = new X500Name(name);
      return this;
    }

    public LeafBuilder key(KeyPair key) {
      this.key = key;
      return this;
    }

    public LeafBuilder sans(GeneralName... names) {
      this.sans = names.length == 0 ? null : new GeneralNames(names);
      return this;
    }

    public LeafBuilder uri(String uri) {
      return sans(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    public LeafBuilder issuerV2(String value) {
      this.issuerV2 = value;
      return this;
    }

    public LeafBuilder issuerV1(String value) {
      this.issuerV1 = value;
      return this;
    }

    public LeafBuilder ca(boolean value) {
      this.ca = value;
      return this;
    }

    public LeafBuilder codeSigning(boolean value) {
      this.codeSigning = value;
      return this;
    }

    /** Key usage bits ({@link KeyUsage} constants), or -1 for no extension. */
    public LeafBuilder keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    public LeafBuilder extension(String oid, boolean critical, ASN1Encodable value) {
      try {
        extra.add(new Extension(new ASN1ObjectIdentifier(oid), critical, value.toASN1Primitive().getEncoded()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    public LeafBuilder rawExtension(String oid, byte[] value) {
      extra.add(new Extension(new ASN1ObjectIdentifier(oid), false, value));
      return this;
    }

    public LeafBuilder utf8Extension(String oid, String value) {
      return extension(oid, false, new DERUTF8String(value));
    }

    public LeafBuilder sct(SctSpec spec) {
      scts.add(spec);
      return this;
    }

    /** Embeds an SCT list extension with exactly these TLS bytes (no signing). */
    public LeafBuilder rawSctList(byte[] list) {
      this.rawSctList = list;
      return this;
    }

    public KeyPair keyPair() {
      return key;
    }

    public X509Certificate build() {
      BigInteger serial =
          this.serial != null ? this.serial : BigInteger.valueOf(SERIALS.incrementAndGet());
      X509Certificate precert = assemble(serial, null);
      byte[] list = rawSctList;
      if (!scts.isEmpty()) {
        list = sctList(precert);
      }
      return list == null ? precert : assemble(serial, list);
    }

    private X509Certificate assemble(BigInteger serial, byte[] sctList) {
      try {
        X509v3CertificateBuilder builder =
            new X509v3CertificateBuilder(
                X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
                serial,
                Date.from(from),
                Date.from(to),
                subject,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        if (keyUsage >= 0) {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (codeSigning) {
          builder.addExtension(
              Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        }
        if (ca) {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            utils.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
        if (sans != null) {
          builder.addExtension(Extension.subjectAlternativeName, true, sans);
        }
        if (issuerV1 != null) {
          builder.addExtension(
              new Extension(
                  new ASN1ObjectIdentifier(ISSUER_V1),
                  false,
                  issuerV1.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (issuerV2 != null) {
          builder.addExtension(
              new ASN1ObjectIdentifier(ISSUER_V2), false, new DERUTF8String(issuerV2));
        }
        for (Extension e : extra) {
          builder.addExtension(e);
        }
        if (sctList != null) {
          builder.addExtension(
              new ASN1ObjectIdentifier(SCT_LIST), false, new DEROctetString(sctList));
        }
        return sign(builder, issuerKey.getPrivate());
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Signs each SCT over the precert entry (RFC 6962 3.2) of {@code precert}. */
    private byte[] sctList(X509Certificate precert) {
      try {
        byte[] tbs = precert.getTBSCertificate();
        byte[] issuerKeyHash =
            MessageDigest.getInstance("SHA-256").digest(issuerCert.getPublicKey().getEncoded());
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (SctSpec spec : scts) {
          long millis = spec.time().toEpochMilli();
          ByteBuffer signed = ByteBuffer.allocate(12 + 32 + 3 + tbs.length + 2 + spec.extensions().length);
          signed.put((byte) 0).put((byte) 0).putLong(millis).putShort((short) 1).put(issuerKeyHash);
          signed.put((byte) (tbs.length >> 16)).put((byte) (tbs.length >> 8)).put((byte) tbs.length);
          signed.put(tbs).putShort((short) spec.extensions().length).put(spec.extensions());
          byte[] data = signed.array();
          if (spec.corrupt()) {
            data[data.length / 2] ^= 1;
          }
          Signature signer = Signature.getInstance("SHA256withECDSA");
          signer.initSign(spec.log().key().getPrivate());
          signer.update(data);
          byte[] signature = signer.sign();
          ByteBuffer sct = ByteBuffer.allocate(1 + 32 + 8 + 2 + spec.extensions().length + 4 + signature.length);
          sct.put((byte) 0).put(spec.log().logId()).putLong(millis);
          sct.putShort((short) spec.extensions().length).put(spec.extensions());
          sct.put((byte) 4).put((byte) 3).putShort((short) signature.length).put(signature);
          byte[] item = sct.array();
          list.write(item.length >> 8);
          list.write(item.length);
          list.write(item, 0, item.length);
        }
        byte[] body = list.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(2 + body.length);
        out.putShort((short) body.length).put(body);
        return out.array();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
