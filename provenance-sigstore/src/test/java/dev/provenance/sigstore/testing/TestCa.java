package dev.provenance.sigstore.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA that certifies given public keys, for tests of certificate handling. */
public final class TestCa {
  private final KeyPair ca;

  /** Creates a CA with a fresh P-256 key. */
  public TestCa() throws Exception {
    this.ca = ecKeyPair();
  }

  /** A fresh P-256 key pair. */
  public static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A DER certificate for a DER SubjectPublicKeyInfo. */
  public byte[] issue(byte[] spki) throws Exception {
    X509v3CertificateBuilder b = builder(spki, new X500Name("CN=leaf"));
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())).getEncoded();
  }

  /**
   * A DER certificate shaped like Fulcio's: a URI SAN, the OIDC issuer extension ({@code
   * 1.3.6.1.4.1.57264.1.8}) and the code-signing extended key usage.
   */
  public byte[] issueFulcioLike(byte[] spki, String san, String issuer) throws Exception {
    X509v3CertificateBuilder b = builder(spki, new X500Name(""));
    b.addExtension(Extension.subjectAlternativeName, true,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, san)));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false, new DERUTF8String(issuer));
    return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())).getEncoded();
  }

  private static X509v3CertificateBuilder builder(byte[] spki, X500Name subject) {
    Instant now = Instant.now();
    return new X509v3CertificateBuilder(
        new X500Name("CN=test ca"),
        BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minusSeconds(60)),
        Date.from(now.plusSeconds(600)),
        subject,
        SubjectPublicKeyInfo.getInstance(spki));
  }

  /** A DER certificate for a public key. */
  public byte[] issue(PublicKey key) throws Exception {
    return issue(key.getEncoded());
  }

  /** PEM of a DER certificate. */
  public static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
