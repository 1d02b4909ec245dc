package dev.provenance.sigstore.testing;

import static dev.provenance.sigstore.testing.TestPki.NOW;

import dev.provenance.sigstore.internal.tsa.TimestampAuthority;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test time-stamping authority: a P-256 root and a signing certificate, and a builder for RFC
 * 3161 responses in which every field a hostile-input case needs can be chosen.
 */
public final class TestTsa {
  public final KeyPair rootKey;
  public final X509Certificate root;
  public final KeyPair signingKey;
  public final X509Certificate signing;

  private TestTsa(KeyPair rootKey, X509Certificate root, KeyPair signingKey, X509Certificate signing) {
    this.rootKey = rootKey;
    this.root = root;
    this.signingKey = signingKey;
    this.signing = signing;
  }

  /**
   * Creates a TSA whose signing certificate is valid a year around {@link TestPki#NOW} and has
   * the critical timeStamping extended key usage.
   *
   * @return the TSA
   */
  public static TestTsa create() {
    return create(NOW.minus(Duration.ofDays(180)), NOW.plus(Duration.ofDays(180)), true);
  }

  /**
   * Creates a TSA.
   *
   * @param from the signing certificate's notBefore
   * @param to its notAfter
   * @param criticalEku whether its timeStamping extended key usage is critical
   * @return the TSA
   */
  public static TestTsa create(Instant from, Instant to, boolean criticalEku) {
    KeyPair rootKey = TestPki.generate("secp256r1");
    X500Name rootName = new X500Name("O=provenance.test,CN=test-tsa-root");
    X509Certificate root =
        TestPki.ca(rootName, rootKey, rootName, rootKey.getPublic(), NOW.minus(Duration.ofDays(3650)),
            NOW.plus(Duration.ofDays(3650)), 0, null);
    KeyPair signingKey = TestPki.generate("secp256r1");
    X509v3CertificateBuilder builder =
        TestPki.builder(rootName, new X500Name("O=provenance.test,CN=test-tsa"),
            signingKey.getPublic(), from, to);
    try {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage, criticalEku, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new TestTsa(rootKey, root, signingKey, TestPki.sign(builder, rootKey.getPrivate()));
  }

  /**
   * Returns the trusted-root entry, open-ended from long before {@link TestPki#NOW}.
   *
   * @return the authority [signing, root]
   */
  public TimestampAuthority authority() {
    return authority(NOW.minus(Duration.ofDays(3650)), Optional.empty());
  }

  /**
   * Returns the trusted-root entry with a validity window.
   *
   * @param from start
   * @param until end
   * @return the authority
   */
  public TimestampAuthority authority(Instant from, Optional<Instant> until) {
    return new TimestampAuthority(List.of(signing, root), from, until, "test");
  }

  /**
   * Starts a response over some bytes, signed by this TSA at {@link TestPki#NOW}.
   *
   * @param data the time-stamped bytes
   * @return the builder
   */
  public TokenBuilder token(byte[] data) {
    return new TokenBuilder(this, data);
  }

  /** Builds one DER {@code TimeStampResp}. */
  public static final class TokenBuilder {
    private final TestTsa tsa;
    private byte[] data;
    private Instant genTime = NOW;
    private String imprintHash = "SHA-256";
    private int essVersion = 2;
    private X509Certificate essCertificate;
    private boolean embedCertificate;
    private boolean garbleSignature;
    private TSTInfo substitutedContent;
    private int status = PKIStatus.GRANTED;

    TokenBuilder(TestTsa tsa, byte[] data) {
      this.tsa = tsa;
      this.data = data;
      this.essCertificate = tsa.signing;
    }

    public TokenBuilder genTime(Instant value) {
      this.genTime = value;
      return this;
    }

    /** Hash of the message imprint: SHA-1, SHA-256, SHA-384 or SHA-512. */
    public TokenBuilder imprintHash(String value) {
      this.imprintHash = value;
      return this;
    }

    /** 0 = no ESS attribute, 1 = SigningCertificate (SHA-1), 2 = SigningCertificateV2. */
    public TokenBuilder essVersion(int value) {
      this.essVersion = value;
      return this;
    }

    public TokenBuilder essCertificate(X509Certificate value) {
      this.essCertificate = value;
      return this;
    }

    public TokenBuilder embedCertificate() {
      this.embedCertificate = true;
      return this;
    }

    public TokenBuilder garbleSignature() {
      this.garbleSignature = true;
      return this;
    }

    /** After signing, replaces the encapsulated TSTInfo with one for other bytes. */
    public TokenBuilder substituteContentFor(byte[] other) {
      this.substitutedContent = tstInfo(other);
      return this;
    }

    public TokenBuilder status(int value) {
      this.status = value;
      return this;
    }

    public byte[] build() {
      try {
        TSTInfo info = tstInfo(data);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        IssuerSerial issuerSerial =
            new IssuerSerial(
                new GeneralNames(
                    new GeneralName(
                        X500Name.getInstance(essCertificate.getIssuerX500Principal().getEncoded()))),
                essCertificate.getSerialNumber());
        if (essVersion == 2) {
          attributes.add(
              new Attribute(
                  PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                  new DERSet(
                      new SigningCertificateV2(
                          new ESSCertIDv2(hash("SHA-256", essCertificate.getEncoded()), issuerSerial)))));
        } else if (essVersion == 1) {
          attributes.add(
              new Attribute(
                  PKCSObjectIdentifiers.id_aa_signingCertificate,
                  new DERSet(
                      new SigningCertificate(
                          new ESSCertID(hash("SHA-1", essCertificate.getEncoded()), issuerSerial)))));
        }
        generator.addSignerInfoGenerator(
            new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(
                    new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(tsa.signingKey.getPrivate()),
                    tsa.signing));
        if (embedCertificate) {
          generator.addCertificate(new JcaX509CertificateHolder(tsa.signing));
        }
        CMSSignedData signed =
            generator.generate(
                new CMSProcessableByteArray(
                    PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded(ASN1Encoding.DER)),
                true);
        ContentInfo token = signed.toASN1Structure();
        if (garbleSignature || substitutedContent != null) {
          token = rewrite(token);
        }
        return new TimeStampResp(new PKIStatusInfo(PKIStatus.getInstance(new ASN1Integer(status))), token)
            .getEncoded(ASN1Encoding.DER);
      } catch (IOException | GeneralSecurityException | OperatorCreationException | CMSException e) {
        throw new IllegalStateException(e);
      }
    }

    private ContentInfo rewrite(ContentInfo token) throws IOException {
      SignedData sd = SignedData.getInstance(token.getContent());
      ContentInfo content = sd.getEncapContentInfo();
      if (substitutedContent != null) {
        content =
            new ContentInfo(
                PKCSObjectIdentifiers.id_ct_TSTInfo,
                new DEROctetString(substitutedContent.getEncoded(ASN1Encoding.DER)));
      }
      ASN1EncodableVector signers = new ASN1EncodableVector();
      for (ASN1Encodable element : sd.getSignerInfos()) {
        SignerInfo si = SignerInfo.getInstance(element);
        byte[] signature = si.getEncryptedDigest().getOctets();
        if (garbleSignature) {
          signature = signature.clone();
          for (int i = 8; i < signature.length; i++) {
            signature[i] = (byte) (i * 31);
          }
        }
        signers.add(
            new SignerInfo(
                si.getSID(),
                si.getDigestAlgorithm(),
                si.getAuthenticatedAttributes(),
                si.getDigestEncryptionAlgorithm(),
                new DEROctetString(signature),
                si.getUnauthenticatedAttributes()));
      }
      return new ContentInfo(
          PKCSObjectIdentifiers.signedData,
          new SignedData(
              sd.getDigestAlgorithms(), content, sd.getCertificates(), sd.getCRLs(), new DERSet(signers)));
    }

    private TSTInfo tstInfo(byte[] over) {
      ASN1ObjectIdentifier algorithm;
      switch (imprintHash) {
        case "SHA-1":
          algorithm = OIWObjectIdentifiers.idSHA1;
          break;
        case "SHA-384":
          algorithm = NISTObjectIdentifiers.id_sha384;
          break;
        case "SHA-512":
          algorithm = NISTObjectIdentifiers.id_sha512;
          break;
        default:
          algorithm = NISTObjectIdentifiers.id_sha256;
      }
      return new TSTInfo(
          new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"),
          new MessageImprint(new AlgorithmIdentifier(algorithm), hash(imprintHash, over)),
          new ASN1Integer(BigInteger.valueOf(genTime.toEpochMilli())),
          new ASN1GeneralizedTime(Date.from(genTime)),
          null,
          null,
          null,
          null,
          null);
    }
  }

  static byte[] hash(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
