package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.internal.verify.TrustMaterial;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies SLSA provenance for artifacts the way slsa-verifier's {@code verify-artifact} does,
 * offline, against a Sigstore trusted root.
 *
 * <pre>{@code
 * SlsaVerifier verifier = SlsaVerifier.newBuilder().build();   // public-good root; share it
 * List<VerifiedSlsaProvenance> ok = verifier.verify(
 *     Files.readAllBytes(Path.of("app.intoto.jsonl")),
 *     SlsaExpectations.newBuilder().sourceUri("github.com/org/app").sourceTag("v1.2.3").build(),
 *     List.of(Digester.sha256().digest(Path.of("app"))));
 * }</pre>
 *
 * <p>The provenance file holds one attestation or several (JSON Lines), each a Sigstore bundle or a
 * legacy slsa-github-generator envelope with an embedded certificate. Every artifact must be a
 * subject of an attestation that passes all of these, in order:
 *
 * <ol>
 *   <li>the signature: the bundle verifies with {@link SigstoreVerifier} (certificate path at the
 *       signed time, SCTs, transparency log entry, signature over the envelope) for a GitHub
 *       Actions identity; legacy envelopes see {@link Builder#acceptLegacyEnvelopes(boolean)};
 *   <li>the signing workflow (the certificate's URI SAN) is a trusted builder: without {@link
 *       SlsaExpectations#builderId()} one of slsa-github-generator's {@code
 *       generator_generic_slsa3.yml}, {@code builder_go_slsa3.yml}, {@code
 *       builder_container-based_slsa3.yml} or the BYOB delegators; with it, that builder (name
 *       equal; version equal when given, {@code vX} also matching {@code refs/tags/vX}); and it is
 *       referenced at a release tag {@code refs/tags/vX.Y.Z};
 *   <li>the certificate's source repository is the expected one;
 *   <li>the builder id inside the provenance is the signing workflow at the same ref, or for a BYOB
 *       delegator, the expected builder (by default any slsa-github-generator builder) pinned to a
 *       release;
 *   <li>the repository whose event triggered the build and the built source are the expected
 *       repository, and they agree;
 *   <li>the branch, exact tag, versioned tag and workflow inputs, when expected;
 *   <li>for SLSA v1 provenance, {@link dev.provenance.core.policy.SlsaPolicy} with the verified
 *       builder id and the expected repository.
 * </ol>
 *
 * <p>SLSA Provenance v0.2 is accepted here (slsa-github-generator writes it) next to v1; other
 * predicate types are {@code UNSUPPORTED_FORMAT}. All comparisons are exact, without case folding
 * or percent-decoding. See {@code docs/slsa-verify-artifact.md}.
 *
 * <p>Instances are immutable and thread-safe. Verification makes no network call.
 */
public final class SlsaVerifier {
  /** Most attestations read from one provenance file. */
  public static final int MAX_ATTESTATIONS = 1024;

  private static final Set<DigestAlgorithm> ARTIFACT_DIGESTS =
      Set.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512);

  private final SigstoreVerifier bundles;
  private final TrustMaterial trust;
  private final boolean legacy;
  private final boolean testing;
  private final int ctThreshold;
  private final JsonCodec codec = JsonCodec.standard();

  private SlsaVerifier(Builder b, SigstoreVerifier bundles, TrustMaterial trust) {
    this.bundles = bundles;
    this.trust = trust;
    this.legacy = b.legacy;
    this.testing = b.testing;
    this.ctThreshold = b.ctThreshold;
  }

  /**
   * Returns a builder.
   *
   * @return a builder with the public-good trusted root
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Verifies the provenance of one or more artifacts.
   *
   * @param provenance the provenance file: a Sigstore bundle, or JSON Lines of bundles and legacy
   *     envelopes
   * @param expectations what the provenance must say
   * @param artifacts each artifact's digests; each must include {@code sha256}, {@code sha384} or
   *     {@code sha512}
   * @return one result per artifact, in order
   * @throws VerificationException with every finding, locations prefixed by {@code provenance[N]}
   *     when the file holds several attestations: {@code POLICY_MISMATCH} for an empty file or
   *     unmet expectations, {@code BINDING_MISMATCH} for an artifact no verified attestation names,
   *     and the codes of {@link SigstoreVerifier} for signatures
   * @throws IllegalArgumentException if no artifact is given or one lacks a usable digest
   */
  public List<VerifiedSlsaProvenance> verify(
      byte[] provenance, SlsaExpectations expectations, List<DigestSet> artifacts)
      throws VerificationException {
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(expectations, "expectations");
    List<DigestSet> wanted = List.copyOf(artifacts);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no artifact to verify");
    }
    for (DigestSet d : wanted) {
      if (d.digests().keySet().stream().noneMatch(ARTIFACT_DIGESTS::contains)) {
        throw new IllegalArgumentException("artifact digest lacks sha256, sha384 or sha512: " + d);
      }
    }
    List<ProvenanceEntries.Entry> entries =
        ProvenanceEntries.split(provenance, codec, MAX_ATTESTATIONS);
    if (entries.isEmpty()) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH, "", "the provenance file holds no attestation");
    }
    VerifiedSlsaProvenance[] results = new VerifiedSlsaProvenance[wanted.size()];
    List<Finding> findings = new ArrayList<>();
    for (ProvenanceEntries.Entry entry : entries) {
      String prefix = entries.size() > 1 ? "provenance[" + entry.index() + "]" : "";
      try {
        SignedStatement signed = verifySignature(entry);
        ProvenanceChecks.Outcome outcome =
            ProvenanceChecks.check(
                signed.attestation(),
                WorkflowIdentity.of(signed.certificate()),
                expectations,
                testing);
        for (int i = 0; i < wanted.size(); i++) {
          List<ResourceDescriptor> matched = matching(signed.attestation(), wanted.get(i));
          if (results[i] == null && !matched.isEmpty()) {
            VerifiedAttestation a = signed.attestation();
            results[i] =
                new VerifiedSlsaProvenance(
                    wanted.get(i),
                    entry.index(),
                    new VerifiedAttestation(a.envelope(), a.statement(), matched),
                    outcome.builderId(),
                    outcome.source());
          }
        }
      } catch (VerificationException e) {
        for (Finding f : e.findings()) {
          findings.add(Finding.of(f.code(), join(prefix, f.location()), f.message()));
        }
      } catch (RuntimeException e) {
        // Untrusted input must never escape as an unchecked exception; fail this entry closed.
        findings.add(
            Finding.of(
                ErrorCode.MALFORMED_INPUT,
                prefix,
                "attestation could not be read: " + e.getClass().getSimpleName()));
      }
    }
    // An artifact left unnamed is its own finding when nothing else explains the failure, or when
    // other artifacts did verify.
    boolean someVerified = Arrays.stream(results).anyMatch(Objects::nonNull);
    boolean explained = !findings.isEmpty();
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null && (!explained || someVerified)) {
        findings.add(
            Finding.of(
                ErrorCode.BINDING_MISMATCH,
                "/subject",
                "no verified attestation names artifact " + wanted.get(i)));
      }
    }
    if (Arrays.stream(results).anyMatch(Objects::isNull)) {
      throw VerificationException.of(findings);
    }
    return List.of(results);
  }

  /**
   * Verifies one or more artifacts; see {@link #verify(byte[], SlsaExpectations, List)}.
   *
   * @param provenance the provenance file
   * @param expectations what the provenance must say
   * @param artifacts the artifacts' digests
   * @return one result per artifact, in order
   * @throws VerificationException as {@link #verify(byte[], SlsaExpectations, List)}
   */
  public List<VerifiedSlsaProvenance> verify(
      byte[] provenance, SlsaExpectations expectations, DigestSet... artifacts)
      throws VerificationException {
    return verify(provenance, expectations, Arrays.asList(artifacts));
  }

  private SignedStatement verifySignature(ProvenanceEntries.Entry entry)
      throws VerificationException {
    JsonObject line;
    try {
      line = codec.parseObject(entry.json());
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    if (LegacyEnvelopes.isEnvelope(line)) {
      return LegacyEnvelopes.verify(entry.json(), line, legacy, trust, ctThreshold, codec);
    }
    if (line.get("mediaType").isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "",
          "neither a Sigstore bundle nor a DSSE envelope with an embedded certificate");
    }
    VerifiedAttestation attestation = bundles.verifyAttestation(entry.json());
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(entry.json());
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    List<dev.provenance.api.Bytes> certificates = bundle.verificationMaterial().certificates();
    if (certificates.isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/verificationMaterial",
          "key-signed bundle: provenance must be signed by a GitHub Actions certificate");
    }
    X509Certificate leaf = CertificatePaths.parse(certificates.get(0).toByteArray());
    return new SignedStatement(attestation, leaf);
  }

  private static List<ResourceDescriptor> matching(VerifiedAttestation a, DigestSet artifact) {
    List<ResourceDescriptor> out = new ArrayList<>();
    for (ResourceDescriptor s : a.statement().subject()) {
      if (s.digest().matches(artifact, ARTIFACT_DIGESTS)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String join(String prefix, String location) {
    if (prefix.isEmpty() || location.isEmpty()) {
      return prefix + location;
    }
    return location.startsWith("/") ? prefix + location : prefix + "/" + location;
  }

  @Override
  public String toString() {
    return "SlsaVerifier[legacyEnvelopes=" + legacy + ", testing=" + testing + "]";
  }

  /** Configures a {@link SlsaVerifier}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private TrustedRoot trustedRoot = TrustedRoot.publicGood();
    private boolean legacy;
    private boolean testing;
    private int ctThreshold = 1;

    private Builder() {}

    /**
     * Sets the trusted root; the default is {@link TrustedRoot#publicGood()}, shipped in this jar.
     *
     * @param root the root
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      this.trustedRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Accepts legacy slsa-github-generator envelopes, whose only evidence is the embedded
     * certificate: no transparency log entry or timestamp tells when they were signed.
     * slsa-verifier finds their Rekor entry online; offline, with this set, the certificate is
     * validated at its own start of validity and its SCTs are checked, which cannot rule out a
     * signature made later with the leaked ephemeral key. Default false: such envelopes fail with
     * {@code THRESHOLD_NOT_MET}.
     *
     * @param accept whether to accept them
     * @return this builder
     */
    public Builder acceptLegacyEnvelopes(boolean accept) {
      this.legacy = accept;
      return this;
    }

    /**
     * Applies slsa-verifier's testing exceptions ({@code SLSA_VERIFIER_TESTING}): for builds of
     * slsa-github-generator itself and of its e2e repository {@code
     * slsa-framework/example-package}, builders referenced at {@code refs/heads/main} or at a
     * prerelease tag are accepted. Default false; never set it outside tests of those projects.
     *
     * @param enabled whether the exceptions apply
     * @return this builder
     */
    public Builder testingExceptions(boolean enabled) {
      this.testing = enabled;
      return this;
    }

    /**
     * Sets how many CT logs must have logged each signing certificate (SCTs); default 1, the
     * public-good policy.
     *
     * @param threshold the number of distinct logs, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder certificateTransparencyThreshold(int threshold) {
      if (threshold < 0) {
        throw new IllegalArgumentException("threshold must not be negative");
      }
      this.ctThreshold = threshold;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the immutable verifier
     * @throws VerificationException {@code CONFIGURATION_ERROR} if the trusted root's keys or
     *     certificates cannot be used
     */
    public SlsaVerifier build() throws VerificationException {
      SigstoreVerifier bundles =
          SigstoreVerifier.newBuilder()
              .trustedRoot(trustedRoot)
              .certificateTransparencyThreshold(ctThreshold)
              .addCertificateIdentity(
                  CertificateIdentity.newBuilder()
                      .subjectAlternativeNameRegex("https://github\\.com/.+")
                      .issuer(TrustedBuilders.GITHUB_ACTIONS_ISSUER)
                      .build())
              .build();
      TrustMaterial trust;
      try {
        trust = TrustMaterial.compile(trustedRoot);
      } catch (MalformedInputException e) {
        throw new VerificationException(
            ErrorCode.CONFIGURATION_ERROR,
            e.location().orElse(""),
            "unusable trusted root: " + e.getMessage(),
            e);
      }
      return new SlsaVerifier(this, bundles, trust);
    }
  }
}
