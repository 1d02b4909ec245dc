package dev.provenance.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.ImmutableDsseEnvelope;
import dev.sigstore.bundle.ImmutableSignature;
import dev.sigstore.encryption.signers.Verifier;
import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.json.ProtoJson;
import io.intoto.EnvelopeOuterClass;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one DSSE envelope holding a ~3 KB SLSA Provenance statement, signed once.
 *
 * <ul>
 *   <li>{@code provenance*}: {@link JsonCodec#parseEnvelope(byte[])} and {@link
 *       DsseVerifier#verify} from the envelope's JSON bytes: strict parse, base64, PAE, signature,
 *       verified payload out.
 *   <li>{@code raw*}: the fastest correct primitive measured on this machine kind (Bouncy Castle's
 *       lightweight API), verifying the same signature over the same PAE bytes and nothing else.
 *   <li>{@code sigstoreJavaP256}: sigstore-java 2.0.0 doing the same job the way it does for the
 *       DSSE envelope of a bundle: protobuf JSON parse, {@code getPAE()}, and its {@code Verifier}.
 * </ul>
 *
 * <p>Every method throws if verification fails, so a broken path cannot look fast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DsseVerifyBench {
  private static final JsonCodec CODEC = JsonCodec.standard();

  private byte[] ed25519Envelope;
  private byte[] p256Envelope;
  private byte[] pae;
  private byte[] ed25519Signature;
  private byte[] ed25519PublicKey;
  private byte[] p256Signature;
  private ECPublicKeyParameters p256PublicKey;
  private DsseVerifier ed25519Verifier;
  private DsseVerifier p256Verifier;
  private Verifier sigstoreP256Verifier;

  /** Builds the keys, signatures and verifiers; none of this is measured. */
  @Setup
  public void setup() throws Exception {
    byte[] statement = Fixtures.slsaStatement();
    if (statement.length < 2500 || statement.length > 3500) {
      throw new IllegalStateException("statement is " + statement.length + " bytes, not ~3 KB");
    }
    pae = Fixtures.pae(Fixtures.PAYLOAD_TYPE, statement);

    KeyPair ed = Fixtures.ed25519();
    ed25519Signature = Fixtures.sign(ed.getPrivate(), pae);
    ed25519Envelope = Fixtures.envelope(statement, ed25519Signature);
    ed25519PublicKey =
        ((org.bouncycastle.crypto.params.Ed25519PublicKeyParameters)
                PublicKeyFactory.createKey(ed.getPublic().getEncoded()))
            .getEncoded();
    ed25519Verifier = DsseVerifier.newBuilder().addVerifier(JcaKeys.verifier(ed.getPublic())).build();

    KeyPair ec = Fixtures.p256();
    p256Signature = Fixtures.sign(ec.getPrivate(), pae);
    p256Envelope = Fixtures.envelope(statement, p256Signature);
    p256PublicKey = (ECPublicKeyParameters) PublicKeyFactory.createKey(ec.getPublic().getEncoded());
    p256Verifier = DsseVerifier.newBuilder().addVerifier(JcaKeys.verifier(ec.getPublic())).build();
    sigstoreP256Verifier = Verifiers.newVerifier(ec.getPublic());

    // Every path must accept what it is measured on.
    provenanceEd25519();
    rawEd25519();
    provenanceP256();
    rawP256();
    sigstoreJavaP256();
  }

  /** Ours, Ed25519, from envelope JSON to verified payload. */
  @Benchmark
  public VerifiedEnvelope provenanceEd25519() throws Exception {
    return ed25519Verifier.verify(CODEC.parseEnvelope(ed25519Envelope));
  }

  /** The bare Ed25519 verification of the same signature over the same PAE bytes. */
  @Benchmark
  public boolean rawEd25519() {
    if (!Ed25519.verify(ed25519Signature, 0, ed25519PublicKey, 0, pae, 0, pae.length)) {
      throw new IllegalStateException("signature does not verify");
    }
    return true;
  }

  /** Ours, ECDSA P-256, from envelope JSON to verified payload. */
  @Benchmark
  public VerifiedEnvelope provenanceP256() throws Exception {
    return p256Verifier.verify(CODEC.parseEnvelope(p256Envelope));
  }

  /** The bare ECDSA P-256 verification (SHA-256 and DER decoding included) over the PAE. */
  @Benchmark
  public boolean rawP256() {
    SHA256Digest sha = new SHA256Digest();
    sha.update(pae, 0, pae.length);
    byte[] hash = new byte[sha.getDigestSize()];
    sha.doFinal(hash, 0);
    ASN1Sequence seq = ASN1Sequence.getInstance(p256Signature);
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    ECDSASigner ecdsa = new ECDSASigner();
    ecdsa.init(false, p256PublicKey);
    if (!ecdsa.verifySignature(hash, r, s)) {
      throw new IllegalStateException("signature does not verify");
    }
    return true;
  }

  /** sigstore-java 2.0.0, ECDSA P-256, from envelope JSON to a verified signature. */
  @Benchmark
  public byte[] sigstoreJavaP256()
      throws InvalidProtocolBufferException, GeneralSecurityException {
    EnvelopeOuterClass.Envelope.Builder proto = EnvelopeOuterClass.Envelope.newBuilder();
    ProtoJson.parser().merge(new String(p256Envelope, StandardCharsets.UTF_8), proto);
    ImmutableDsseEnvelope.Builder envelope =
        ImmutableDsseEnvelope.builder()
            .payload(proto.getPayload().toByteArray())
            .payloadType(proto.getPayloadType());
    for (EnvelopeOuterClass.Signature sig : proto.getSignaturesList()) {
      envelope.addSignatures(ImmutableSignature.builder().sig(sig.getSig().toByteArray()).build());
    }
    Bundle.DsseEnvelope dsse = envelope.build();
    if (!sigstoreP256Verifier.verify(dsse.getPAE(), dsse.getSignature())) {
      throw new IllegalStateException("signature does not verify");
    }
    return dsse.getPayload();
  }
}
