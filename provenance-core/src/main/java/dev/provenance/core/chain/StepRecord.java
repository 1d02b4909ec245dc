package dev.provenance.core.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.digest.GitHead;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one build step did, for {@link ChainRecorder}: its inputs (files, directories, digests,
 * the source commit, the previous steps' signed attestations), its outputs, the command, selected
 * environment variables, the builder and the start and finish times.
 *
 * <p>Files and directories are digested when the step is recorded, not when they are added.
 * Instances are immutable and thread-safe; the builder is not thread-safe.
 */
public final class StepRecord {
  /** The predicate a recorded step is written as. */
  public enum Kind {
    /** SLSA Provenance v1: inputs are {@code resolvedDependencies}, outputs the subjects. */
    SLSA_PROVENANCE,
    /** in-toto Link v0.3, for generic steps: inputs are {@code materials}. */
    LINK
  }

  /** The {@code buildType} used when none is set. */
  public static final String DEFAULT_BUILD_TYPE = "https://provenance.dev/chain/step@v1";

  /** Media type of an input that names a stored DSSE envelope of an earlier step. */
  public static final String ENVELOPE_MEDIA_TYPE = "application/vnd.in-toto+dsse";

  /** Name prefix of an input that names an earlier step's attestation. */
  public static final String ATTESTATION_PREFIX = "attestation:";

  final String name;
  final Kind kind;
  final Optional<String> builderId;
  final String buildType;
  final List<String> command;
  final Map<String, String> environment;
  final Map<String, JsonValue> externalParameters;
  final Optional<Instant> startedOn;
  final Optional<Instant> finishedOn;
  final Optional<String> invocationId;
  final List<Input> inputs;
  final List<ResourceDescriptor> builderDependencies;
  final List<Input> outputs;

  /** One input or output, resolved to descriptors when recorded. */
  static final class Input {
    final Optional<ResourceDescriptor> descriptor;
    final Optional<Path> file;
    final Optional<Path> tree;
    final boolean eachFile;
    final String name;

    Input(Optional<ResourceDescriptor> d, Optional<Path> file, Optional<Path> tree, boolean eachFile, String name) {
      this.descriptor = d;
      this.file = file;
      this.tree = tree;
      this.eachFile = eachFile;
      this.name = name;
    }
  }

  private StepRecord(Builder b) {
    this.name = b.name;
    this.kind = b.kind;
    this.builderId = Optional.ofNullable(b.builderId);
    this.buildType = b.buildType;
    this.command = List.copyOf(b.command);
    this.environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    this.externalParameters =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.externalParameters));
    this.startedOn = Optional.ofNullable(b.startedOn);
    this.finishedOn = Optional.ofNullable(b.finishedOn);
    this.invocationId = Optional.ofNullable(b.invocationId);
    this.inputs = List.copyOf(b.inputs);
    this.builderDependencies = List.copyOf(b.builderDependencies);
    this.outputs = List.copyOf(b.outputs);
  }

  /**
   * Returns the step name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns a builder.
   *
   * @param name the step name, as the chain policy names the step
   * @return a new builder
   */
  public static Builder newBuilder(String name) {
    return new Builder(name);
  }

  /**
   * Returns the input that names an earlier step's stored attestation by the SHA-256 of its bytes.
   *
   * @param step the earlier step
   * @return the descriptor
   */
  public static ResourceDescriptor attestationInput(RecordedStep step) {
    return ResourceDescriptor.newBuilder()
        .name(ATTESTATION_PREFIX + step.name())
        .digest(step.digest())
        .mediaType(ENVELOPE_MEDIA_TYPE)
        .build();
  }

  /**
   * Returns the input for a source commit: {@code <repository>@<ref>} (or the bare repository for
   * a detached HEAD) with its {@code gitCommit}.
   *
   * @param repository the repository URI, for example {@code git+https://example.com/app}
   * @param head the checked-out commit
   * @return the descriptor
   */
  public static ResourceDescriptor sourceInput(String repository, GitHead head) {
    return ResourceDescriptor.ofUri(
        repository + head.ref().map(r -> "@" + r).orElse(""),
        DigestSet.of(DigestAlgorithm.GIT_COMMIT, head.commit()));
  }

  /** Builds a {@link StepRecord}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private Kind kind = Kind.SLSA_PROVENANCE;
    private String builderId;
    private String buildType = DEFAULT_BUILD_TYPE;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, JsonValue> externalParameters = new LinkedHashMap<>();
    private Instant startedOn;
    private Instant finishedOn;
    private String invocationId;
    private final List<Input> inputs = new ArrayList<>();
    private final List<ResourceDescriptor> builderDependencies = new ArrayList<>();
    private final List<Input> outputs = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty step name");
      }
    }

    /**
     * Sets the predicate kind (default SLSA Provenance v1).
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder kind(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets {@code runDetails.builder.id} (required for SLSA provenance).
     *
     * @param id the builder id URI
     * @return this builder
     */
    public Builder builderId(String id) {
      this.builderId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets {@code buildDefinition.buildType} (default {@value #DEFAULT_BUILD_TYPE}).
     *
     * @param type the build type URI
     * @return this builder
     */
    public Builder buildType(String type) {
      this.buildType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the command that was run.
     *
     * @param command the command and its arguments
     * @return this builder
     */
    public Builder command(List<String> command) {
      this.command.clear();
      this.command.addAll(command);
      return this;
    }

    /**
     * Records a selected environment variable.
     *
     * @param variable the name
     * @param value the value
     * @return this builder
     */
    public Builder environment(String variable, String value) {
      environment.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds an external parameter (SLSA {@code externalParameters}); {@code step} and {@code
     * command} are set by the recorder.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder externalParameter(String key, JsonValue value) {
      externalParameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets when the step started.
     *
     * @param startedOn the instant
     * @return this builder
     */
    public Builder startedOn(Instant startedOn) {
      this.startedOn = Objects.requireNonNull(startedOn, "startedOn");
      return this;
    }

    /**
     * Sets when the step finished.
     *
     * @param finishedOn the instant
     * @return this builder
     */
    public Builder finishedOn(Instant finishedOn) {
      this.finishedOn = Objects.requireNonNull(finishedOn, "finishedOn");
      return this;
    }

    /**
     * Sets the invocation id.
     *
     * @param id the id
     * @return this builder
     */
    public Builder invocationId(String id) {
      this.invocationId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Adds an input given by its descriptor.
     *
     * @param input the descriptor, with digests
     * @return this builder
     */
    public Builder addInput(ResourceDescriptor input) {
      inputs.add(new Input(Optional.of(input), Optional.empty(), Optional.empty(), false, ""));
      return this;
    }

    /**
     * Adds an input file, digested when recorded.
     *
     * @param name the artifact name, for example {@code src/Main.java}
     * @param file the file
     * @return this builder
     */
    public Builder addInputFile(String name, Path file) {
      inputs.add(new Input(Optional.empty(), Optional.of(file), Optional.empty(), false, name));
      return this;
    }

    /**
     * Adds every regular file under a directory as its own input named {@code prefix + relative
     * path}, digested when recorded.
     *
     * @param prefix the name prefix, for example {@code src/}; may be empty
     * @param directory the directory
     * @return this builder
     */
    public Builder addInputFiles(String prefix, Path directory) {
      inputs.add(new Input(Optional.empty(), Optional.empty(), Optional.of(directory), true, prefix));
      return this;
    }

    /**
     * Adds a directory as one input with its {@code gitTree} and {@code dirHash}.
     *
     * @param name the artifact name
     * @param directory the directory
     * @return this builder
     */
    public Builder addInputTree(String name, Path directory) {
      inputs.add(new Input(Optional.empty(), Optional.empty(), Optional.of(directory), false, name));
      return this;
    }

    /**
     * Adds the source commit a step checked out.
     *
     * @param repository the repository URI
     * @param head the commit and ref
     * @return this builder
     */
    public Builder addSource(String repository, GitHead head) {
      return addInput(sourceInput(repository, head));
    }

    /**
     * Adds an earlier step's signed attestation as an input, by the digest of its stored bytes.
     *
     * @param previous the earlier step
     * @return this builder
     */
    public Builder addPreviousStep(RecordedStep previous) {
      return addInput(attestationInput(previous));
    }

    /**
     * Adds a builder dependency (for example the toolchain); SLSA only, followed by the chain
     * verifier like any input.
     *
     * @param dependency the descriptor
     * @return this builder
     */
    public Builder addBuilderDependency(ResourceDescriptor dependency) {
      builderDependencies.add(Objects.requireNonNull(dependency, "dependency"));
      return this;
    }

    /**
     * Adds an output given by its descriptor.
     *
     * @param output the descriptor, with digests
     * @return this builder
     */
    public Builder addOutput(ResourceDescriptor output) {
      outputs.add(new Input(Optional.of(output), Optional.empty(), Optional.empty(), false, ""));
      return this;
    }

    /**
     * Adds an output file, digested when recorded.
     *
     * @param name the artifact name
     * @param file the file
     * @return this builder
     */
    public Builder addOutputFile(String name, Path file) {
      outputs.add(new Input(Optional.empty(), Optional.of(file), Optional.empty(), false, name));
      return this;
    }

    /**
     * Adds every regular file under a directory as its own output named {@code prefix + relative
     * path}.
     *
     * @param prefix the name prefix; may be empty
     * @param directory the directory
     * @return this builder
     */
    public Builder addOutputFiles(String prefix, Path directory) {
      outputs.add(new Input(Optional.empty(), Optional.empty(), Optional.of(directory), true, prefix));
      return this;
    }

    /**
     * Adds a directory as one output with its {@code gitTree} and {@code dirHash}.
     *
     * @param name the artifact name
     * @param directory the directory
     * @return this builder
     */
    public Builder addOutputTree(String name, Path directory) {
      outputs.add(new Input(Optional.empty(), Optional.empty(), Optional.of(directory), false, name));
      return this;
    }

    /**
     * Returns the record.
     *
     * @return the step record
     * @throws IllegalStateException if a SLSA step has no builder id
     */
    public StepRecord build() {
      if (kind == Kind.SLSA_PROVENANCE && builderId == null) {
        throw new IllegalStateException("builderId not set");
      }
      return new StepRecord(this);
    }
  }
}
