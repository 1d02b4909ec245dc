package dev.provenance.sigstore.internal.verify;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.InclusionProof;
import dev.provenance.sigstore.MessageSignature;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.VerificationMaterial;
import dev.provenance.sigstore.VerifiedBundle;
import dev.provenance.sigstore.internal.checkpoint.Checkpoint;
import dev.provenance.sigstore.internal.checkpoint.CheckpointVerifier;
import dev.provenance.sigstore.internal.ct.SctVerifier;
import dev.provenance.sigstore.internal.merkle.MerkleProofs;
import dev.provenance.sigstore.internal.rekor.EntryBodies;
import dev.provenance.sigstore.internal.rekor.EntryExpectation;
import dev.provenance.sigstore.internal.rekor.SignedEntryTimestamps;
import dev.provenance.sigstore.internal.tsa.Rfc3161;
import dev.provenance.sigstore.internal.tsa.TimestampAuthority;
import dev.provenance.sigstore.internal.tsa.VerifiedTimestamp;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.ValidatedPath;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Offline verification of one bundle (Sigstore client specification section 4), failing closed.
 *
 * <p>The order: structure and policy on the bundle version; the signer's key material; the
 * signature over the artifact or the envelope's PAE; every transparency log entry (trusted log,
 * body bound to this signature, signer and artifact, signed entry timestamp, inclusion proof and
 * checkpoint); every RFC 3161 timestamp over the signature bytes; thresholds; the certificate path
 * at every signed time and its SCTs; the identity policy; for DSSE the statement, its subjects and
 * the attestation policies. Any failure ends verification. Stateless and thread-safe.
 */
public final class BundleVerification {
  private static final String MATERIAL = "/verificationMaterial";
  private static final List<DigestAlgorithm> MESSAGE_DIGESTS =
      List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512);

  private final Settings settings;

  /**
   * Creates the engine.
   *
   * @param settings the verifier's settings
   */
  public BundleVerification(Settings settings) {
    this.settings = settings;
  }

  /** The signer's key, resolved from the bundle and the settings. */
  private static final class Signer {
    SignatureVerifier verifier;
    SignatureAlgorithm algorithm;
    PublicKey publicKey;
    KeyId keyId;
    X509Certificate leaf; // keyless only
    List<X509Certificate> presented = List.of();
    Optional<Bytes> certificate = Optional.empty();
  }

  /**
   * Verifies a bundle.
   *
   * @param bundle the parsed bundle
   * @param artifact the artifact; required for message signatures, optional for DSSE
   * @return the verified bundle
   * @throws VerificationException with the code of the first failed check
   */
  public VerifiedBundle verify(SigstoreBundle bundle, Optional<Artifact> artifact)
      throws VerificationException {
    BundleVersion version = bundle.version();
    if (version.compareTo(settings.minimumVersion()) < 0) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/mediaType",
          "bundle version " + version + " is older than the accepted " + settings.minimumVersion());
    }
    VerificationMaterial material = bundle.verificationMaterial();
    Signer signer = signer(material);
    Instant now = settings.clock().instant();

    // The signature over the content; for messages also the stated digest (never used to verify).
    byte[] signature;
    DigestSet artifactDigests;
    Optional<Envelope> envelope = bundle.dsseEnvelope();
    if (bundle.messageSignature().isPresent()) {
      if (artifact.isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/messageSignature",
            "a message signature bundle is verified against an artifact");
      }
      MessageSignature ms = bundle.messageSignature().get();
      signature = ms.signature().toByteArray();
      checkMessageDigest(ms, artifact.get());
      verifyMessageSignature(signer, ms, artifact.get(), signature);
      artifactDigests = artifact.get().digests(List.of(signedDigest(signer, ms)));
    } else {
      Envelope e = envelope.orElseThrow();
      EnvelopeSignature s = e.signatures().get(0);
      signature = s.sig().toByteArray();
      if (!s.keyid().isEmpty()
          && material.publicKeyHint().isPresent()
          && !material.publicKeyHint().get().isEmpty()
          && !s.keyid().equals(material.publicKeyHint().get())) {
        throw new VerificationException(
            ErrorCode.BINDING_MISMATCH,
            "/dsseEnvelope/signatures/0/keyid",
            "DSSE keyid differs from the bundle's public key hint");
      }
      try {
        signer.verifier.verify(Pae.encode(e.payloadType(), e.payload().toByteArray()), signature);
      } catch (VerificationException ex) {
        throw new VerificationException(
            ErrorCode.SIGNATURE_INVALID,
            "/dsseEnvelope/signatures/0/sig",
            "DSSE signature does not verify with the signer's key",
            ex);
      }
      if (!e.payloadType().equals(PayloadTypes.IN_TOTO)) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/dsseEnvelope/payloadType",
            "payload type must be " + PayloadTypes.IN_TOTO);
      }
      artifactDigests = DigestSet.empty();
    }

    EntryExpectation expectation =
        new EntryExpectation(
            Bytes.wrap(signature),
            signer.certificate,
            signer.keyId,
            envelope.isPresent() ? Optional.empty() : artifact,
            envelope);
    Observations seen = new Observations();
    verifyLogEntries(bundle, version, expectation, now, seen);
    verifyTimestamps(material, signature, now, seen);
    for (TrustMaterial.Tlog log : seen.rekorV2Logs) {
      for (Instant t : seen.tsaTimes) {
        if (!log.info().validFor().contains(t)) {
          throw new VerificationException(
              ErrorCode.TIME_INVALID,
              MATERIAL + "/tlogEntries",
              "log key of " + log.info().baseUrl() + " is not valid at the timestamp " + t);
        }
      }
    }
    if (!seen.rekorV2Logs.isEmpty() && seen.tsaTimes.isEmpty()) {
      throw new VerificationException(
          ErrorCode.TIME_INVALID,
          MATERIAL + "/timestampVerificationData",
          "Rekor v2 entries give no time: an RFC 3161 timestamp is required");
    }
    checkThresholds(seen);

    List<Instant> signedTimes = new ArrayList<>(new TreeSet<>(seen.signedTimes()));
    SignerIdentity identity;
    if (signer.leaf != null) {
      if (signedTimes.isEmpty()) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID,
            MATERIAL,
            "no signed time to check the certificate at: a log entry with a signed entry timestamp"
                + " or an RFC 3161 timestamp is required");
      }
      ValidatedPath path =
          CertificatePaths.validate(
              signer.leaf, signer.presented, settings.trust().certificateAuthorities(), signedTimes);
      if (settings.ctThreshold() > 0) {
        SctVerifier.verifyEmbedded(path, settings.trust().ctlogs(), settings.ctThreshold());
      }
      checkIdentity(signer.leaf);
      identity =
          SignerIdentity.ofCertificate(
              signer.keyId,
              CertificateIdentity.subjectAlternativeName(signer.leaf).orElse(""),
              CertificateIdentity.issuer(signer.leaf).orElse(""));
    } else {
      identity = SignerIdentity.ofKey(signer.keyId);
    }

    Optional<VerifiedAttestation> attestation = Optional.empty();
    if (envelope.isPresent()) {
      VerifiedAttestation a = attestation(envelope.get(), identity, artifact, now);
      attestation = Optional.of(a);
      artifactDigests = matchedDigests(a, artifact);
    }
    return new VerifiedBundle(bundle, identity, artifactDigests, signedTimes, attestation);
  }

  private Signer signer(VerificationMaterial material) throws VerificationException {
    Signer s = new Signer();
    if (material.kind() == VerificationMaterial.Kind.PUBLIC_KEY) {
      if (settings.key().isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNTRUSTED_ANCHOR,
            MATERIAL + "/publicKey",
            "bundle is signed with a key, but no key is trusted");
      }
      Settings.ManagedKey k = settings.key().get();
      s.verifier = k.verifier();
      s.algorithm = k.algorithm();
      s.publicKey = k.publicKey();
      s.keyId = k.keyId();
      return s;
    }
    String at =
        material.kind() == VerificationMaterial.Kind.CERTIFICATE
            ? MATERIAL + "/certificate/rawBytes"
            : MATERIAL + "/x509CertificateChain/certificates/0/rawBytes";
    if (settings.identities().isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNTRUSTED_ANCHOR, at, "bundle is signed with a certificate, but no identity is trusted");
    }
    s.leaf = relocate(() -> CertificatePaths.parse(material.certificates().get(0).toByteArray()), at);
    List<X509Certificate> presented = new ArrayList<>();
    for (int i = 1; i < material.certificates().size(); i++) {
      int n = i;
      presented.add(
          relocate(
              () -> CertificatePaths.parse(material.certificates().get(n).toByteArray()),
              MATERIAL + "/x509CertificateChain/certificates/" + i + "/rawBytes"));
    }
    s.presented = List.copyOf(presented);
    s.certificate = Optional.of(material.certificates().get(0));
    try {
      PublicKeyMaterial key = PublicKeyMaterial.fromJca(s.leaf.getPublicKey());
      // Sigstore signs with RSA keys as PKCS#1 v1.5 with SHA-256 unless a key says otherwise.
      s.algorithm = key.impliedAlgorithm().orElse(SignatureAlgorithm.RSA_PKCS1_SHA256);
      s.verifier = Primitives.verifier(key, s.algorithm);
      s.keyId = key.keyId();
    } catch (KeyMaterialException e) {
      throw new VerificationException(e.code(), at, "certificate key: " + e.getMessage(), e);
    }
    s.publicKey = s.leaf.getPublicKey();
    return s;
  }

  /** A step that throws a verification failure without a useful location. */
  private interface Step<T> {
    T run() throws VerificationException;
  }

  private static <T> T relocate(Step<T> step, String at) throws VerificationException {
    try {
      return step.run();
    } catch (VerificationException e) {
      throw new VerificationException(e.code(), at, e.getMessage(), e);
    }
  }

  private static void checkMessageDigest(MessageSignature ms, Artifact artifact)
      throws VerificationException {
    if (ms.messageDigest().isEmpty()) {
      return;
    }
    var stated = ms.messageDigest().get().digests().entrySet().iterator().next();
    Optional<String> ours = artifact.digest(stated.getKey());
    String at = "/messageSignature/messageDigest";
    if (ours.isEmpty()) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH,
          at,
          "bundle states a " + stated.getKey().name() + " digest; the artifact's is not known");
    }
    if (!MessageDigest.isEqual(Hex.decode(ours.get()), Hex.decode(stated.getValue()))) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH, at, "message digest is not the artifact's digest");
    }
  }

  private static void verifyMessageSignature(
      Signer signer, MessageSignature ms, Artifact artifact, byte[] signature)
      throws VerificationException {
    String at = "/messageSignature/signature";
    DigestAlgorithm curveDefault = PrehashVerifier.digestAlgorithm(signer.algorithm);
    if (curveDefault == null) {
      // Ed25519 and RSA sign the message itself: they need the bytes.
      if (!artifact.hasBytes()) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            at,
            signer.algorithm + " signatures are verified over the artifact bytes, not a digest");
      }
      try {
        signer.verifier.verify(artifact.bytes().orElseThrow(), signature);
      } catch (VerificationException e) {
        throw new VerificationException(
            ErrorCode.SIGNATURE_INVALID, at, "signature does not verify over the artifact", e);
      }
      return;
    }
    DigestAlgorithm alg = signedDigest(signer, ms);
    if (!MESSAGE_DIGESTS.contains(alg)) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, at, "unsupported message digest " + alg.name());
    }
    Optional<String> digest = artifact.digest(alg);
    if (digest.isEmpty()) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH,
          at,
          "the signature covers the artifact's " + alg.name() + " digest, which is not given");
    }
    PrehashVerifier.verify(signer.publicKey, Hex.decode(digest.get()), signature, at);
  }

  /**
   * The digest an ECDSA message signature covers. Sigstore clients pick it independently of the
   * curve (P-384 keys sign SHA-256 digests in sigstore-python, SHA-384 in sigstore-java), and the
   * bundle states which: its algorithm (never its value) selects the digest we compute. For other
   * keys, and when the bundle states none, SHA-256 or the curve's own digest.
   */
  private static DigestAlgorithm signedDigest(Signer signer, MessageSignature ms) {
    if (ms.messageDigest().isPresent()) {
      return ms.messageDigest().get().digests().firstKey();
    }
    DigestAlgorithm curve = PrehashVerifier.digestAlgorithm(signer.algorithm);
    return curve != null ? curve : DigestAlgorithm.SHA256;
  }

  /** What the log entries and timestamps established. */
  private static final class Observations {
    final Set<String> tlogOperators = new LinkedHashSet<>();
    final Set<String> setOperators = new LinkedHashSet<>();
    final List<Instant> integratedTimes = new ArrayList<>();
    final Set<String> tsaOperators = new LinkedHashSet<>();
    final List<Instant> tsaTimes = new ArrayList<>();
    final List<TrustMaterial.Tlog> rekorV2Logs = new ArrayList<>();

    List<Instant> signedTimes() {
      List<Instant> all = new ArrayList<>(integratedTimes);
      all.addAll(tsaTimes);
      return all;
    }
  }

  private void verifyLogEntries(
      SigstoreBundle bundle,
      BundleVersion version,
      EntryExpectation expectation,
      Instant now,
      Observations seen)
      throws VerificationException {
    List<TransparencyLogEntry> entries = bundle.verificationMaterial().tlogEntries();
    for (int i = 0; i < entries.size(); i++) {
      TransparencyLogEntry entry = entries.get(i);
      String at = MATERIAL + "/tlogEntries/" + i;
      List<TrustMaterial.Tlog> logs = settings.trust().tlogs(entry.logId());
      if (logs.isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNTRUSTED_ANCHOR, at + "/logId", "log entry is from a log that is not trusted");
      }
      EntryBodies.BodyInfo body = EntryBodies.check(entry, expectation, settings.allowRekorV2DsseEntries(), at);
      requireEvidence(entry, version, body.rekorV2(), at);
      VerificationException last = null;
      TrustMaterial.Tlog verifiedBy = null;
      Optional<Instant> integrated = Optional.empty();
      for (TrustMaterial.Tlog log : logs) {
        try {
          integrated = verifyEntry(entry, version, body.rekorV2(), log, now, at);
          verifiedBy = log;
          break;
        } catch (VerificationException e) {
          last = e; // several instances may share a log id (key rotation windows)
        }
      }
      if (verifiedBy == null) {
        throw last;
      }
      seen.tlogOperators.add(verifiedBy.operator());
      if (integrated.isPresent()) {
        seen.integratedTimes.add(integrated.get());
        seen.setOperators.add(verifiedBy.operator());
      }
      if (body.rekorV2()) {
        seen.rekorV2Logs.add(verifiedBy);
      }
    }
  }

  private void requireEvidence(
      TransparencyLogEntry entry, BundleVersion version, boolean rekorV2, String at)
      throws VerificationException {
    boolean proof = entry.inclusionProof().isPresent();
    if (rekorV2) {
      if (!proof) {
        throw tlogInvalid(at + "/inclusionProof", "a Rekor v2 entry needs an inclusion proof");
      }
      return;
    }
    if (version == BundleVersion.V0_1) {
      if (entry.inclusionPromise().isEmpty()) {
        throw tlogInvalid(at + "/inclusionPromise", "a v0.1 bundle's entries need an inclusion promise");
      }
      if (!proof && !settings.allowV01SetOnly()) {
        throw tlogInvalid(
            at + "/inclusionProof",
            "entry has no inclusion proof (v0.1 promise-only bundles are not enabled)");
      }
    } else if (!proof) {
      throw tlogInvalid(at + "/inclusionProof", "entries of v0.2 and later bundles need an inclusion proof");
    }
  }

  private Optional<Instant> verifyEntry(
      TransparencyLogEntry entry,
      BundleVersion version,
      boolean rekorV2,
      TrustMaterial.Tlog log,
      Instant now,
      String at)
      throws VerificationException {
    Optional<Instant> integrated = Optional.empty();
    if (!rekorV2 && entry.inclusionPromise().isPresent()) {
      SignedEntryTimestamps.verify(entry, log.key(), at);
      Instant t = Instant.ofEpochSecond(entry.integratedTime());
      if (t.isAfter(now.plus(settings.clockSkew()))) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID, at + "/integratedTime", "integrated time is in the future");
      }
      if (!log.info().validFor().contains(t)) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID,
            at + "/integratedTime",
            "log key of " + log.info().baseUrl() + " is not valid at the integrated time");
      }
      integrated = Optional.of(t);
    }
    if (entry.inclusionProof().isPresent()) {
      verifyInclusion(entry, entry.inclusionProof().get(), version, rekorV2, log, at + "/inclusionProof");
    }
    return integrated;
  }

  private static void verifyInclusion(
      TransparencyLogEntry entry,
      InclusionProof proof,
      BundleVersion version,
      boolean rekorV2,
      TrustMaterial.Tlog log,
      String at)
      throws VerificationException {
    if (rekorV2 ? proof.logIndex() != entry.logIndex() : proof.logIndex() > entry.logIndex()) {
      throw tlogInvalid(at + "/logIndex", "inclusion proof index does not fit the entry's index");
    }
    List<byte[]> hashes = new ArrayList<>(proof.hashes().size());
    for (Bytes h : proof.hashes()) {
      hashes.add(h.toByteArray());
    }
    byte[] root = proof.rootHash().toByteArray();
    MerkleProofs.verifyInclusion(
        proof.logIndex(),
        proof.treeSize(),
        MerkleProofs.leafHash(entry.canonicalizedBody().toByteArray()),
        hashes,
        root,
        at);
    if (proof.checkpoint().isEmpty()) {
      if (version != BundleVersion.V0_1) {
        throw tlogInvalid(at + "/checkpoint", "inclusion proof has no signed checkpoint");
      }
      return; // pre-checkpoint v0.1 proofs: the entry is vouched for by its SET
    }
    Checkpoint c =
        CheckpointVerifier.verify(
            proof.checkpoint().get(), log.checkpointKeyId(), log.key(), at + "/checkpoint");
    if (c.treeSize() != proof.treeSize() || !MessageDigest.isEqual(c.rootHash(), root)) {
      throw tlogInvalid(at + "/checkpoint", "checkpoint is for another tree than the proof");
    }
    if (rekorV2 && !isOriginOf(log, c.origin())) {
      throw tlogInvalid(
          at + "/checkpoint", "checkpoint origin does not name the log " + log.checkpointNames().get(0));
    }
  }

  /**
   * Whether a Rekor v2 checkpoint's origin names this log: its host (rekor-tiles) or, as Rekor v1
   * and Rekor v1-style logs write it, {@code HOST - TREEID}. The signature line that verified is
   * bound to the same name by {@link CheckpointVerifier}.
   */
  private static boolean isOriginOf(TrustMaterial.Tlog log, String origin) {
    for (String name : log.checkpointNames()) {
      if (CheckpointVerifier.nameMatchesOrigin(name, origin)) {
        return true;
      }
    }
    return false;
  }

  private void verifyTimestamps(
      VerificationMaterial material, byte[] signature, Instant now, Observations seen)
      throws VerificationException {
    List<TimestampAuthority> tsas = settings.trust().timestampAuthorities();
    for (int j = 0; j < material.rfc3161Timestamps().size(); j++) {
      String at = MATERIAL + "/timestampVerificationData/rfc3161Timestamps/" + j + "/signedTimestamp";
      byte[] der = material.rfc3161Timestamps().get(j).toByteArray();
      VerifiedTimestamp ts = relocate(() -> Rfc3161.verify(der, signature, tsas), at);
      if (!ts.authority().isValidAt(ts.time())) {
        throw new VerificationException(
            ErrorCode.TIME_INVALID, at, "timestamp authority is not trusted at the timestamp's time");
      }
      if (ts.time().isAfter(now.plus(settings.clockSkew()))) {
        throw new VerificationException(ErrorCode.TIME_INVALID, at, "timestamp is in the future");
      }
      seen.tsaTimes.add(ts.time());
      seen.tsaOperators.add(operator(ts.authority()));
    }
  }

  private static String operator(TimestampAuthority a) {
    if (!a.operator().isEmpty()) {
      return a.operator();
    }
    X509Certificate root = a.chain().get(a.chain().size() - 1);
    return "tsa:" + root.getSubjectX500Principal().getName() + "/" + root.getSerialNumber();
  }

  private void checkThresholds(Observations seen) throws VerificationException {
    if (seen.tlogOperators.size() < settings.tlogThreshold()) {
      throw new VerificationException(
          ErrorCode.THRESHOLD_NOT_MET,
          MATERIAL + "/tlogEntries",
          "verified entries from "
              + seen.tlogOperators.size()
              + " transparency log operators, "
              + settings.tlogThreshold()
              + " required");
    }
    if (seen.tsaOperators.size() < settings.timestampThreshold()) {
      throw new VerificationException(
          ErrorCode.THRESHOLD_NOT_MET,
          MATERIAL + "/timestampVerificationData",
          "verified timestamps from "
              + seen.tsaOperators.size()
              + " timestamp authorities, "
              + settings.timestampThreshold()
              + " required");
    }
    int observers = seen.setOperators.size() + seen.tsaOperators.size();
    if (observers < settings.observerThreshold()) {
      throw new VerificationException(
          ErrorCode.THRESHOLD_NOT_MET,
          MATERIAL,
          "signing time observed by "
              + observers
              + " logs and timestamp authorities, "
              + settings.observerThreshold()
              + " required");
    }
  }

  private void checkIdentity(X509Certificate leaf) throws VerificationException {
    List<Finding> findings = new ArrayList<>();
    for (CertificateIdentity identity : settings.identities()) {
      List<Finding> f = identity.evaluate(leaf);
      if (f.isEmpty()) {
        return;
      }
      findings.addAll(f);
    }
    throw VerificationException.of(findings);
  }

  private VerifiedAttestation attestation(
      Envelope envelope, SignerIdentity signer, Optional<Artifact> artifact, Instant now)
      throws VerificationException {
    Statement statement;
    try {
      statement = JsonCodec.standard().parseStatement(envelope.payload().toByteArray());
    } catch (MalformedInputException e) {
      throw new VerificationException(
          e.code(),
          "/dsseEnvelope/payload" + e.location().orElse(""),
          "statement: " + e.getMessage(),
          e);
    }
    List<ResourceDescriptor> matched = new ArrayList<>();
    Optional<DigestSet> artifactDigests = Optional.empty();
    if (artifact.isPresent()) {
      Set<DigestAlgorithm> wanted = new LinkedHashSet<>();
      for (ResourceDescriptor s : statement.subject()) {
        for (DigestAlgorithm a : s.digest().digests().keySet()) {
          if (settings.acceptableDigests().contains(a)) {
            wanted.add(a);
          }
        }
      }
      DigestSet digests = artifact.get().digests(wanted);
      artifactDigests = Optional.of(digests);
      for (ResourceDescriptor s : statement.subject()) {
        if (s.digest().matches(digests, settings.acceptableDigests())) {
          matched.add(s);
        }
      }
      if (matched.isEmpty()) {
        throw new VerificationException(
            ErrorCode.BINDING_MISMATCH,
            "/dsseEnvelope/payload/subject",
            "the artifact is not a subject of the statement");
      }
    } else {
      matched.addAll(statement.subject());
    }
    VerifiedAttestation attestation =
        new VerifiedAttestation(
            new VerifiedEnvelope(envelope.payloadType(), envelope.payload(), List.of(signer)),
            statement,
            matched);
    List<Finding> findings = new ArrayList<>();
    PolicyContext context = new PolicyContext(now, artifactDigests);
    for (Policy p : settings.policies()) {
      findings.addAll(p.evaluate(attestation, context));
    }
    if (!findings.isEmpty()) {
      throw VerificationException.of(findings);
    }
    return attestation;
  }

  private DigestSet matchedDigests(VerifiedAttestation a, Optional<Artifact> artifact) {
    if (artifact.isEmpty()) {
      return DigestSet.empty();
    }
    Set<DigestAlgorithm> algorithms = new LinkedHashSet<>();
    for (ResourceDescriptor s : a.matchedSubjects()) {
      algorithms.addAll(s.digest().digests().keySet());
    }
    algorithms.retainAll(settings.acceptableDigests());
    return artifact.get().digests(algorithms);
  }

  private static VerificationException tlogInvalid(String at, String message) {
    return new VerificationException(ErrorCode.TRANSPARENCY_LOG_INVALID, at, message);
  }
}
