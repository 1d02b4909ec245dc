package dev.provenance.core.chain;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.Signer;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildMetadata;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.digest.DirectoryDigest;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.digest.FileDigest;
import dev.provenance.core.digest.ManifestEntry;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.internal.chain.EvidenceDigests;
import dev.provenance.core.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records build steps as signed, linked statements: for each step a SLSA Provenance v1 statement
 * (or an in-toto Link v0.3 for generic steps) whose subjects are the step's outputs and whose
 * inputs ({@code resolvedDependencies} or link {@code materials}) name by digest every input file,
 * the source commit, external dependencies and the SHA-256 of the previous steps' stored
 * envelopes, signed in a DSSE envelope and appended to an {@link AttestationStore}.
 *
 * <pre>{@code
 * ChainRecorder recorder = ChainRecorder.newBuilder()
 *     .signer(PemKeys.signer(builderKeyPem))
 *     .store(AttestationStore.open(Path.of("attestations")))
 *     .build();
 * RecordedStep build = recorder.record(StepRecord.newBuilder("build")
 *     .builderId("https://ci.example.com/runner@v1")
 *     .addInputFiles("src/", Path.of("src"))
 *     .addPreviousStep(checkout)
 *     .addOutputFile("app.jar", Path.of("target/app.jar"))
 *     .build());
 * }</pre>
 *
 * <p>A SLSA statement records {@code externalParameters.step} (the step name) and {@code
 * externalParameters.command}, selected environment variables as {@code
 * internalParameters.environment}, and builder dependencies (for example the JDK) under {@code
 * runDetails.builder.builderDependencies}. Instances are immutable and thread-safe.
 */
public final class ChainRecorder {
  private final DsseSigner signer;
  private final JsonCodec codec;
  private final Digester digester;
  private final Optional<AttestationStore> store;

  private ChainRecorder(Builder b) {
    this.signer = DsseSigner.of(b.signers);
    this.codec = b.codec;
    this.digester = b.digester;
    this.store = Optional.ofNullable(b.store);
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Digests the step's files, builds its statement, signs it and stores it.
   *
   * @param step what the step did
   * @return the recorded step, which the next step can name with {@link
   *     StepRecord.Builder#addPreviousStep}
   * @throws MalformedInputException if an input or output file cannot be digested
   * @throws SigningException if signing fails
   * @throws IOException if the store cannot be written
   */
  public RecordedStep record(StepRecord step)
      throws MalformedInputException, SigningException, IOException {
    List<ResourceDescriptor> inputs = resolve(step.inputs);
    List<ResourceDescriptor> outputs = resolve(step.outputs);
    if (outputs.isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "outputs", "step " + step.name + " records no output");
    }
    Predicate predicate =
        step.kind == StepRecord.Kind.LINK ? link(step, inputs) : provenance(step, inputs);
    Statement statement = Statement.newBuilder().subjects(outputs).predicate(predicate).build();
    Envelope envelope = signer.sign(PayloadTypes.IN_TOTO, codec.writeStatement(statement));
    if (store.isPresent()) {
      StoredAttestation stored = store.get().append(step.name, envelope);
      return new RecordedStep(
          step.name, statement, envelope, stored.bytes(), stored.digest(), Optional.of(stored));
    }
    byte[] bytes = codec.writeEnvelope(envelope);
    return new RecordedStep(
        step.name,
        statement,
        envelope,
        Bytes.of(bytes),
        EvidenceDigests.sha256(bytes),
        Optional.empty());
  }

  private Predicate provenance(StepRecord step, List<ResourceDescriptor> inputs) {
    BuildDefinition.Builder def =
        BuildDefinition.newBuilder()
            .buildType(step.buildType)
            .externalParameter("step", JsonValue.of(step.name));
    if (!step.command.isEmpty()) {
      def.externalParameter("command", strings(step.command));
    }
    step.externalParameters.forEach(def::externalParameter);
    if (!step.environment.isEmpty()) {
      Map<String, JsonValue> env = new LinkedHashMap<>();
      step.environment.forEach((k, v) -> env.put(k, JsonValue.of(v)));
      def.internalParameter("environment", JsonObject.of(env));
    }
    def.resolvedDependencies(inputs);
    BuildPlatform builder =
        new BuildPlatform(step.builderId.orElseThrow(), Map.of(), step.builderDependencies);
    Optional<BuildMetadata> metadata =
        step.invocationId.isPresent() || step.startedOn.isPresent() || step.finishedOn.isPresent()
            ? Optional.of(new BuildMetadata(step.invocationId, step.startedOn, step.finishedOn))
            : Optional.empty();
    return SlsaProvenance.newBuilder()
        .buildDefinition(def.build())
        .runDetails(new RunDetails(builder, metadata, List.of()))
        .build();
  }

  private static Predicate link(StepRecord step, List<ResourceDescriptor> inputs)
      throws MalformedInputException {
    List<ResourceDescriptor> materials = new ArrayList<>(inputs);
    materials.addAll(step.builderDependencies);
    Map<String, JsonValue> env = new LinkedHashMap<>();
    step.environment.forEach((k, v) -> env.put(k, JsonValue.of(v)));
    try {
      return new Link(step.name, step.command, materials, JsonObject.empty(), JsonObject.of(env));
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException(ErrorCode.MALFORMED_INPUT, "materials", e.getMessage());
    }
  }

  private static JsonValue strings(List<String> values) {
    List<JsonValue> out = new ArrayList<>();
    for (String v : values) {
      out.add(JsonValue.of(v));
    }
    return JsonValue.of(out);
  }

  private List<ResourceDescriptor> resolve(List<StepRecord.Input> items)
      throws MalformedInputException {
    List<ResourceDescriptor> out = new ArrayList<>();
    // single files of the step are digested together, in parallel
    List<Path> files = new ArrayList<>();
    for (StepRecord.Input i : items) {
      i.file.ifPresent(files::add);
    }
    Map<Path, DigestSet> fileDigests = new LinkedHashMap<>();
    for (FileDigest f : digester.digestAll(files)) {
      fileDigests.put(f.path(), f.digests());
    }
    for (StepRecord.Input i : items) {
      if (i.descriptor.isPresent()) {
        out.add(i.descriptor.get());
      } else if (i.file.isPresent()) {
        out.add(ResourceDescriptor.ofDigest(i.name, fileDigests.get(i.file.get())));
      } else {
        DirectoryDigest tree = digester.digestTree(i.tree.orElseThrow());
        if (i.eachFile) {
          for (ManifestEntry e : tree.manifest()) {
            out.add(ResourceDescriptor.ofDigest(i.name + e.name(), only(e.digests())));
          }
        } else {
          out.add(ResourceDescriptor.ofDigest(i.name, tree.digests()));
        }
      }
    }
    return out;
  }

  /** The manifest also carries the git blob id git trees need; keep the configured digests. */
  private DigestSet only(DigestSet d) {
    Map<DigestAlgorithm, String> m = new LinkedHashMap<>();
    for (DigestAlgorithm a : digester.algorithms()) {
      d.get(a).ifPresent(v -> m.put(a, v));
    }
    return m.isEmpty() ? d : DigestSet.of(m);
  }

  /** Builds a {@link ChainRecorder}. Not thread-safe. */
  public static final class Builder {
    private final List<Signer> signers = new ArrayList<>();
    private JsonCodec codec = JsonCodec.standard();
    private Digester digester = Digester.sha256();
    private AttestationStore store;

    private Builder() {}

    /**
     * Adds a signer; every envelope is signed by each.
     *
     * @param signer the signer
     * @return this builder
     */
    public Builder signer(Signer signer) {
      signers.add(Objects.requireNonNull(signer, "signer"));
      return this;
    }

    /**
     * Sets the codec (default {@link JsonCodec#standard()}).
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets the digester for files and directories (default SHA-256).
     *
     * @param digester the digester
     * @return this builder
     */
    public Builder digester(Digester digester) {
      this.digester = Objects.requireNonNull(digester, "digester");
      return this;
    }

    /**
     * Sets the store recorded steps are appended to.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(AttestationStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Returns the recorder.
     *
     * @return the immutable recorder
     * @throws IllegalStateException if no signer was added, or two share a key
     */
    public ChainRecorder build() {
      if (signers.isEmpty()) {
        throw new IllegalStateException("no signer");
      }
      try {
        return new ChainRecorder(this);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
