package dev.provenance.sigstore.slsa;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.internal.bundle.BundleJson;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.FulcioCertificates;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an npm package tarball against the attestations the npm registry serves for it, the
 * way slsa-verifier's {@code verify-npm-package} does, offline.
 *
 * <pre>{@code
 * NpmPackageVerifier verifier = NpmPackageVerifier.newBuilder()
 *     .publishKeyPem(Files.readString(Path.of("npm-publish-key.pem")))
 *     .sourceUri("github.com/org/app")
 *     .builderId(NpmPackageVerifier.GITHUB_HOSTED_RUNNER)
 *     .packageName("@org/app").packageVersion("1.2.3")
 *     .build();                                        // share it
 * VerifiedNpmPackage ok = verifier.verify(
 *     Files.readAllBytes(Path.of("app-1.2.3.tgz.json")),
 *     Digester.newBuilder().algorithms(DigestAlgorithm.SHA512).build().digest(Path.of("app-1.2.3.tgz")));
 * }</pre>
 *
 * <p>The document is {@code {"attestations":[{"predicateType":…,"bundle":{…}},…]}} and must hold
 * one SLSA provenance attestation (v0.2 or v1, signed keyless by the publishing workflow) and one
 * publish attestation ({@value #PUBLISH_PREDICATE_TYPE}, signed by the registry's key); other
 * entries are ignored. {@link #verifyAttestations} checks, in order:
 *
 * <ol>
 *   <li>both Sigstore bundles verify: the provenance with {@link SigstoreVerifier} for a GitHub
 *       Actions certificate identity, the publish attestation with the registry key;
 *   <li>each is a DSSE envelope of payload type {@code application/vnd.in-toto+json} whose
 *       statement's predicate type is the document's {@code predicateType} for it;
 *   <li>both statements name the tarball (its {@code sha512}) as a subject ({@code
 *       BINDING_MISMATCH});
 *   <li>the publish predicate states a package {@code name} and {@code version}, and the
 *       provenance's single subject and the matched publish subjects are {@code
 *       pkg:npm/<name>@<version>} (percent-encoded as npm writes it) of that package ({@code
 *       BINDING_MISMATCH}).
 * </ol>
 *
 * <p>{@link #verify} then checks the build, each failure reported: the certificate's source
 * repository is the expected one; the certificate says the job ran on a GitHub-hosted runner
 * (Fulcio extension {@code 1.3.6.1.4.1.57264.1.11}); the expected builder id is {@value
 * #GITHUB_HOSTED_RUNNER}, or for SLSA v0.2 provenance also the older {@value #LEGACY_RUNNER}, and
 * the provenance records that builder (v0.2 provenance may record either spelling; v1 provenance
 * must record the full one); the provenance was written by the npm CLI (its build type); the
 * triggering and built source are the expected repository; what the provenance claims about the
 * job (ref, commit, workflow, event, repository and owner ids, run) is what the certificate
 * states, and it claims nothing the certificate cannot confirm ({@code BINDING_MISMATCH}, {@code
 * POLICY_MISMATCH}), because the npm CLI is not a trusted builder: the job wrote its own
 * provenance; and the package name and version, when expected, are the publish attestation's. Builds through
 * slsa-github-generator's BYOB delegators are not supported here.
 *
 * <p>All comparisons are exact. Instances are immutable and thread-safe. Verification makes no
 * network call.
 */
public final class NpmPackageVerifier {
  /** Predicate type of the npm registry's publish attestation. */
  public static final String PUBLISH_PREDICATE_TYPE =
      "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

  /** Builder id of the npm CLI on a GitHub-hosted runner. */
  public static final String GITHUB_HOSTED_RUNNER = "https://github.com/actions/runner/github-hosted";

  /** Older builder id of the npm CLI on a GitHub-hosted runner; matches SLSA v0.2 only. */
  public static final String LEGACY_RUNNER = "https://github.com/actions/runner";

  /** Most entries read from one attestations document. */
  public static final int MAX_ATTESTATIONS = 32;

  private static final String PURL_PREFIX = "pkg:npm/";
  private static final String GITHUB_HOSTED = "github-hosted";
  private static final String HOSTED_SUFFIX = "/" + GITHUB_HOSTED;
  private static final String CERTIFICATE = "certificate/extensions/";

  private final SigstoreVerifier provenanceVerifier;
  private final SigstoreVerifier publishVerifier;
  private final Optional<SlsaExpectations> source;
  private final Optional<String> builderId;
  private final Optional<String> packageName;
  private final Optional<String> packageVersion;
  private final JsonCodec codec = JsonCodec.standard();

  private NpmPackageVerifier(
      Builder b, SigstoreVerifier provenanceVerifier, SigstoreVerifier publishVerifier) {
    this.provenanceVerifier = provenanceVerifier;
    this.publishVerifier = publishVerifier;
    this.source =
        b.sourceUri == null
            ? Optional.empty()
            : Optional.of(SlsaExpectations.newBuilder().sourceUri(b.sourceUri).build());
    this.builderId = Optional.ofNullable(b.builderId);
    this.packageName = Optional.ofNullable(b.packageName);
    this.packageVersion = Optional.ofNullable(b.packageVersion);
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
   * Verifies a package: its attestations, and that the caller's expectations hold.
   *
   * @param attestations the npm attestations document
   * @param tarball the tarball's digests; must include {@code sha512}
   * @return what verified
   * @throws VerificationException with every finding; locations start with {@code
   *     attestations[N]}: {@code CONFIGURATION_ERROR} if no source or builder id was set, the codes
   *     of {@link #verifyAttestations}, {@code POLICY_MISMATCH} for unmet expectations, {@code
   *     UNSUPPORTED_FORMAT} for provenance the npm CLI did not write, {@code BINDING_MISMATCH} when
   *     the provenance claims a job other than the certificate's, {@code MALFORMED_INPUT} for
   *     missing fields
   * @throws IllegalArgumentException if the tarball digests lack {@code sha512}
   */
  public VerifiedNpmPackage verify(byte[] attestations, DigestSet tarball)
      throws VerificationException {
    if (builderId.isEmpty()) {
      throw new VerificationException(
          ErrorCode.CONFIGURATION_ERROR,
          "builderId",
          "a builder id is required to verify an npm package, for example "
              + GITHUB_HOSTED_RUNNER);
    }
    if (source.isEmpty()) {
      throw new VerificationException(
          ErrorCode.CONFIGURATION_ERROR,
          "sourceUri",
          "a source repository is required to verify an npm package");
    }
    Checked checked = check(attestations, tarball);
    String prov = "attestations[" + checked.provenanceIndex + "]";
    String pub = "attestations[" + checked.publishIndex + "]";
    NpmAttestations a = checked.attestations;
    List<Finding> findings = new ArrayList<>();
    WorkflowIdentity identity;
    ProvenanceView view;
    try {
      identity = WorkflowIdentity.of(checked.leaf);
      view = ProvenanceView.ofNpm(a.provenance().statement());
    } catch (VerificationException e) {
      throw prefixed(prov, e.findings());
    }
    SlsaExpectations expected = source.get();
    if (!identity.sourceRepository().equals(expected.sourceRepository())) {
      findings.add(
          ProvenanceChecks.mismatch(
              prov + "/" + CERTIFICATE + FulcioExtension.SOURCE_REPOSITORY_URI.oid(),
              "certificate source repository "
                  + identity.sourceRepository()
                  + " is not the expected "
                  + expected.sourceRepository()));
    }
    String recorded = "";
    try {
      runner(checked.leaf, prov);
      recorded = builder(view, builderId.get());
    } catch (VerificationException e) {
      findings.addAll(prefixed(prov, e.findings()).findings());
    }
    String built = "";
    try {
      built = ProvenanceChecks.source(view, expected);
      List<Finding> claims = new ArrayList<>();
      NpmProvenanceClaims.check(a.provenance().statement(), checked.leaf, built, claims);
      if (!claims.isEmpty()) {
        throw VerificationException.of(claims);
      }
    } catch (VerificationException e) {
      findings.addAll(prefixed(prov, e.findings()).findings());
    }
    String predicate = pub + "/predicate/";
    if (packageName.isPresent() && !packageName.get().equals(a.packageName())) {
      findings.add(
          ProvenanceChecks.mismatch(
              predicate + "name",
              "package " + a.packageName() + " is not the expected " + packageName.get()));
    }
    if (packageVersion.isPresent() && !packageVersion.get().equals(a.packageVersion())) {
      findings.add(
          ProvenanceChecks.mismatch(
              predicate + "version",
              "package version "
                  + a.packageVersion()
                  + " is not the expected "
                  + packageVersion.get()));
    }
    if (!findings.isEmpty()) {
      throw VerificationException.of(findings);
    }
    return new VerifiedNpmPackage(a, recorded, built);
  }

  /**
   * Verifies the attestations of a tarball without any expectation about its build: both
   * signatures, the statement headers, the tarball digest and the package the two attestations
   * name. Use {@link #verify} to learn who built the package and from where.
   *
   * @param attestations the npm attestations document
   * @param tarball the tarball's digests; must include {@code sha512}
   * @return the verified attestations
   * @throws VerificationException {@code MALFORMED_INPUT} for a document that is not JSON of the
   *     expected shape, lacks one of the two attestations or holds one twice; {@code
   *     RESOURCE_LIMIT_EXCEEDED} above {@link #MAX_ATTESTATIONS} entries; {@code POLICY_MISMATCH}
   *     when a statement's predicate type or payload type is not the one the document declares;
   *     {@code BINDING_MISMATCH} when a statement does not name the tarball or the attestations
   *     name different packages; and the codes of {@link SigstoreVerifier}
   * @throws IllegalArgumentException if the tarball digests lack {@code sha512}
   */
  public NpmAttestations verifyAttestations(byte[] attestations, DigestSet tarball)
      throws VerificationException {
    return check(attestations, tarball).attestations;
  }

  /** What {@link #verifyAttestations} verified, with what the policy checks need. */
  private static final class Checked {
    NpmAttestations attestations;
    X509Certificate leaf;
    int provenanceIndex;
    int publishIndex;
  }

  private Checked check(byte[] document, DigestSet tarball) throws VerificationException {
    Objects.requireNonNull(document, "attestations");
    Objects.requireNonNull(tarball, "tarball");
    if (tarball.get(DigestAlgorithm.SHA512).isEmpty()) {
      throw new IllegalArgumentException("an npm tarball is named by its sha512 digest: " + tarball);
    }
    List<JsonValue> entries = entries(document);
    Checked out = new Checked();
    out.provenanceIndex = -1;
    out.publishIndex = -1;
    for (int i = 0; i < entries.size(); i++) {
      String at = "/attestations/" + i;
      if (!(entries.get(i) instanceof JsonObject)) {
        throw malformed(at, "expected an object");
      }
      String type =
          ProvenanceView.string((JsonObject) entries.get(i), "predicateType", at + "/predicateType");
      boolean provenance =
          type.equals(PredicateTypes.SLSA_PROVENANCE_V02)
              || type.equals(PredicateTypes.SLSA_PROVENANCE_V1);
      if (provenance || type.equals(PUBLISH_PREDICATE_TYPE)) {
        int previous = provenance ? out.provenanceIndex : out.publishIndex;
        if (previous >= 0) {
          throw malformed(at, "a second " + type + " attestation");
        }
        if (provenance) {
          out.provenanceIndex = i;
        } else {
          out.publishIndex = i;
        }
      }
    }
    if (out.provenanceIndex < 0 || out.publishIndex < 0) {
      throw malformed(
          "/attestations", "expected a SLSA provenance attestation and a publish attestation");
    }
    JsonObject provEntry = (JsonObject) entries.get(out.provenanceIndex);
    JsonObject pubEntry = (JsonObject) entries.get(out.publishIndex);
    String prov = "attestations[" + out.provenanceIndex + "]";
    String pub = "attestations[" + out.publishIndex + "]";
    SigstoreBundle provBundle = bundle(provEntry, out.provenanceIndex);
    SigstoreBundle pubBundle = bundle(pubEntry, out.publishIndex);
    VerifiedAttestation provenance;
    VerifiedAttestation publish;
    try {
      provenance = provenanceVerifier.verifyAttestation(provBundle, tarball);
      List<Bytes> certificates = provBundle.verificationMaterial().certificates();
      if (certificates.isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/verificationMaterial",
            "provenance must be signed by a GitHub Actions certificate");
      }
      out.leaf = CertificatePaths.parse(certificates.get(0).toByteArray());
      headers(provenance, ProvenanceView.string(provEntry, "predicateType", ""));
    } catch (VerificationException e) {
      throw prefixed(prov, e.findings());
    }
    try {
      publish = publishVerifier.verifyAttestation(pubBundle, tarball);
      headers(publish, PUBLISH_PREDICATE_TYPE);
    } catch (VerificationException e) {
      throw prefixed(pub, e.findings());
    }
    JsonObject body = publishPredicate(publish, pub);
    String name = ProvenanceView.nonEmptyString(body, "name", pub + "/predicate/name");
    String version = ProvenanceView.nonEmptyString(body, "version", pub + "/predicate/version");
    List<ResourceDescriptor> provSubjects = provenance.statement().subject();
    if (provSubjects.size() != 1) {
      throw malformed(prov + "/subject", "npm provenance names exactly one subject, the tarball");
    }
    purl(provSubjects.get(0), name, version, prov + "/subject/0/name");
    List<ResourceDescriptor> matched = publish.matchedSubjects();
    for (int i = 0; i < matched.size(); i++) {
      purl(matched.get(i), name, version, pub + "/subject");
    }
    out.attestations = new NpmAttestations(tarball, provenance, publish, name, version);
    return out;
  }

  private List<JsonValue> entries(byte[] document) throws VerificationException {
    JsonObject root;
    try {
      root = codec.parseObject(document);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    Optional<JsonValue> list = root.get("attestations");
    if (list.isEmpty() || !(list.get() instanceof JsonArray)) {
      throw malformed("/attestations", "expected an array of attestations");
    }
    List<JsonValue> entries = ((JsonArray) list.get()).elements();
    if (entries.size() > MAX_ATTESTATIONS) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "/attestations",
          entries.size() + " attestations, at most " + MAX_ATTESTATIONS);
    }
    return entries;
  }

  private static SigstoreBundle bundle(JsonObject entry, int index) throws VerificationException {
    String at = "/attestations/" + index + "/bundle";
    Optional<JsonValue> bundle = entry.get("bundle");
    if (bundle.isEmpty()) {
      throw malformed(at, "expected a Sigstore bundle");
    }
    try {
      return BundleJson.read(bundle.get());
    } catch (MalformedInputException e) {
      throw new VerificationException(
          e.code(), at + e.location().orElse(""), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw malformed(at, "bundle could not be read: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The statement must be what the document says it is: an in-toto payload whose predicate type
   * is the declared one (slsa-verifier verifyIntotoHeaders).
   */
  private static void headers(VerifiedAttestation a, String declared)
      throws VerificationException {
    String payloadType = a.envelope().payloadType();
    if (!payloadType.equals(PayloadTypes.IN_TOTO)) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          "/dsseEnvelope/payloadType",
          "payload type " + payloadType + " is not " + PayloadTypes.IN_TOTO);
    }
    String type = a.statement().predicateType();
    if (!type.equals(declared)) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          "/predicateType",
          "statement predicate type " + type + " is not the declared " + declared);
    }
  }

  private static JsonObject publishPredicate(VerifiedAttestation publish, String at)
      throws VerificationException {
    if (!(publish.statement().predicate() instanceof GenericPredicate)) {
      throw malformed(at + "/predicate", "publish predicate was not read as a JSON object");
    }
    return ((GenericPredicate) publish.statement().predicate()).body();
  }

  /** The subject must be {@code pkg:npm/<name>@<version>}, percent-encoded as npm writes it. */
  private static void purl(ResourceDescriptor subject, String name, String version, String at)
      throws VerificationException {
    String purl = subject.name().orElse("");
    if (!purl.startsWith(PURL_PREFIX)) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH, at, "subject " + purl + " is not an npm package URL");
    }
    String decoded;
    try {
      // slsa-verifier decodes with Go's url.QueryUnescape, which also turns '+' into a space.
      decoded = URLDecoder.decode(purl.substring(PURL_PREFIX.length()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(at, "subject " + purl + " is not percent-encoded correctly");
    }
    if (!decoded.equals(name + "@" + version)) {
      throw new VerificationException(
          ErrorCode.BINDING_MISMATCH,
          at,
          "subject " + purl + " is not the published package " + name + "@" + version);
    }
  }

  /** The certificate must say the job ran on a GitHub-hosted runner. */
  private static void runner(X509Certificate leaf, String prefix) throws VerificationException {
    String oid = FulcioExtension.RUNNER_ENVIRONMENT.oid();
    Optional<String> runner = FulcioCertificates.extension(leaf, oid, true);
    if (runner.isEmpty() || !runner.get().equals(GITHUB_HOSTED)) {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          CERTIFICATE + oid,
          "the certificate does not say the job ran on a GitHub-hosted runner"
              + runner.map(r -> " (" + r + ")").orElse(""));
    }
  }

  /**
   * slsa-verifier accepts the npm CLI's runner builder ids only. SLSA v0.2 provenance records the
   * short id, and either spelling of the expectation matches it; SLSA v1 provenance records the
   * full id, which must be the one expected.
   */
  private static String builder(ProvenanceView view, String expected)
      throws VerificationException {
    String recorded = view.builderId();
    String at = view.builderIdLocation();
    if (!expected.equals(GITHUB_HOSTED_RUNNER) && !expected.equals(LEGACY_RUNNER)) {
      throw ProvenanceChecks.fail(
          ProvenanceChecks.mismatch(
              at,
              "builder id "
                  + expected
                  + " is not one of the npm CLI's: "
                  + GITHUB_HOSTED_RUNNER
                  + " or "
                  + LEGACY_RUNNER));
    }
    boolean matches;
    if (view.isV1()) {
      matches = expected.equals(GITHUB_HOSTED_RUNNER) && recorded.equals(GITHUB_HOSTED_RUNNER);
    } else {
      String other =
          expected.endsWith(HOSTED_SUFFIX)
              ? expected.substring(0, expected.length() - HOSTED_SUFFIX.length())
              : expected + HOSTED_SUFFIX;
      matches = recorded.equals(expected) || recorded.equals(other);
    }
    if (!matches) {
      throw ProvenanceChecks.fail(
          ProvenanceChecks.mismatch(
              at,
              "builder id "
                  + recorded
                  + " does not match the expected "
                  + expected
                  + (view.isV1() ? " (SLSA v1 provenance records the full runner id)" : "")));
    }
    return recorded;
  }

  private static VerificationException prefixed(String prefix, List<Finding> findings) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      String loc = f.location();
      String joined =
          loc.isEmpty() ? prefix : loc.startsWith("/") ? prefix + loc : prefix + "/" + loc;
      out.add(Finding.of(f.code(), joined, f.message()));
    }
    return VerificationException.of(out);
  }

  private static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }

  @Override
  public String toString() {
    return "NpmPackageVerifier[source="
        + source.map(SlsaExpectations::sourceUri).orElse("(none)")
        + ", builderId="
        + builderId.orElse("(none)")
        + "]";
  }

  /** Configures an {@link NpmPackageVerifier}. Not thread-safe; build once and share the result. */
  public static final class Builder {
    private TrustedRoot trustedRoot = TrustedRoot.publicGood();
    private String publishKeyPem;
    private String sourceUri;
    private String builderId;
    private String packageName;
    private String packageVersion;
    private boolean v01PromiseOnly;
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
     * Sets the npm registry's attestation key, which signs publish attestations (required). The
     * registry distributes it through Sigstore's TUF repository ({@code registry.npmjs.org/keys.json}
     * names it too); none is shipped in this jar.
     *
     * @param pem a PEM public key (SubjectPublicKeyInfo)
     * @return this builder
     */
    public Builder publishKeyPem(String pem) {
      this.publishKeyPem = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Sets the source repository the package must be built from ({@code --source-uri}): {@code
     * github.com/org/repo}, {@code https://github.com/org/repo} or {@code
     * git+https://github.com/org/repo}. Required by {@link NpmPackageVerifier#verify}.
     *
     * @param uri the repository
     * @return this builder
     * @throws IllegalArgumentException if it is not a repository without a ref
     */
    public Builder sourceUri(String uri) {
      SlsaExpectations.newBuilder().sourceUri(Objects.requireNonNull(uri, "uri")).build();
      this.sourceUri = uri;
      return this;
    }

    /**
     * Sets the builder the caller trusts ({@code --builder-id}): {@link #GITHUB_HOSTED_RUNNER}, or
     * {@link #LEGACY_RUNNER} for SLSA v0.2 provenance. Required by {@link
     * NpmPackageVerifier#verify}, as in slsa-verifier; other values fail verification.
     *
     * @param id the builder id
     * @return this builder
     */
    public Builder builderId(String id) {
      this.builderId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Requires the package name ({@code --package-name}), for example {@code @scope/name}.
     *
     * @param name the name
     * @return this builder
     */
    public Builder packageName(String name) {
      this.packageName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Requires the package version ({@code --package-version}), for example {@code 1.2.3}.
     *
     * @param version the version
     * @return this builder
     */
    public Builder packageVersion(String version) {
      this.packageVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Accepts v0.1 bundles whose log entry has a signed entry timestamp but no inclusion proof,
     * which older npm documents hold; see {@link
     * SigstoreVerifier.Builder#allowV01PromiseOnlyBundles(boolean)}. Default false.
     *
     * @param allow whether to accept them
     * @return this builder
     */
    public Builder allowV01PromiseOnlyBundles(boolean allow) {
      this.v01PromiseOnly = allow;
      return this;
    }

    /**
     * Sets how many CT logs must have logged the provenance signing certificate; default 1.
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
     * @throws VerificationException {@code CONFIGURATION_ERROR} if no publish key was set or the
     *     key or trusted root cannot be used
     */
    public NpmPackageVerifier build() throws VerificationException {
      if (publishKeyPem == null) {
        throw new VerificationException(
            ErrorCode.CONFIGURATION_ERROR, "key", "the npm registry's publish key is required");
      }
      SigstoreVerifier provenance =
          SigstoreVerifier.newBuilder()
              .trustedRoot(trustedRoot)
              .certificateTransparencyThreshold(ctThreshold)
              .allowV01PromiseOnlyBundles(v01PromiseOnly)
              .addCertificateIdentity(
                  CertificateIdentity.newBuilder()
                      .subjectAlternativeNameRegex("https://github\\.com/.+")
                      .issuer(TrustedBuilders.GITHUB_ACTIONS_ISSUER)
                      .build())
              .build();
      SigstoreVerifier publish =
          SigstoreVerifier.newBuilder()
              .trustedRoot(trustedRoot)
              .allowV01PromiseOnlyBundles(v01PromiseOnly)
              .publicKeyPem(publishKeyPem)
              .build();
      return new NpmPackageVerifier(this, provenance, publish);
    }
  }
}
