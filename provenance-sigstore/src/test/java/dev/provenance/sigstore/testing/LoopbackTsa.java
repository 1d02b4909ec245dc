package dev.provenance.sigstore.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** A self-signed RFC 3161 timestamp authority answering over HTTP, for signer tests. */
public final class LoopbackTsa {
  private LoopbackTsa() {}

  /**
   * Starts a TSA.
   *
   * @param rewrite changes the request before it is answered (identity for an honest TSA)
   * @return the server; answers {@code application/timestamp-reply}
   */
  public static LoopbackServer start(UnaryOperator<TimeStampRequest> rewrite) throws Exception {
    KeyPair key = TestCa.ecKeyPair();
    Instant now = Instant.now();
    X509CertificateHolder cert =
        new X509v3CertificateBuilder(
                new X500Name("CN=tsa"), BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(600)), new X500Name("CN=tsa"),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
            .addExtension(Extension.extendedKeyUsage, true,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", key.getPrivate(), new JcaX509CertificateConverter().getCertificate(cert)),
            new BcDigestCalculatorProvider().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
            new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
    tokens.addCertificates(new JcaCertStore(List.of(cert)));
    TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    return new LoopbackServer(
        r -> {
          TimeStampRequest request = rewrite.apply(new TimeStampRequest(r.body()));
          TimeStampResponse response = responses.generate(request, BigInteger.TEN, new Date());
          return LoopbackServer.Reply.bytes(200, "application/timestamp-reply", response.getEncoded());
        });
  }
}
