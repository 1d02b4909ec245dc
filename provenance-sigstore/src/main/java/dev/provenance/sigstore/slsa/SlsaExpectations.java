package dev.provenance.sigstore.slsa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an artifact's provenance must say, in the terms of slsa-verifier's {@code verify-artifact}
 * flags: the source repository ({@code --source-uri}), optionally the branch, tag or release line
 * it was built from, the builder ({@code --builder-id}) and the inputs of a manually dispatched
 * build.
 *
 * <pre>{@code
 * SlsaExpectations expectations = SlsaExpectations.newBuilder()
 *     .sourceUri("github.com/org/repo")
 *     .sourceTag("v1.2.3")
 *     .build();
 * }</pre>
 *
 * <p>Values are compared exactly, without case folding, percent-decoding or trailing-slash
 * handling; see {@link SlsaVerifier} for how each one is checked.
 *
 * @param sourceUri the source repository, normalised to {@code git+https://github.com/org/repo};
 *     provenance from GitHub builders only ever matches a github.com repository
 * @param sourceBranch the branch the build ran on, without {@code refs/heads/}
 * @param sourceTag the tag that triggered the build, without {@code refs/tags/}, compared exactly
 * @param sourceVersionedTag a semantic version the triggering tag must fall under: {@code v1}
 *     accepts {@code v1.4.2}, {@code v1.4} accepts {@code v1.4.0}
 * @param builderId the builder the caller trusts, with or without {@code @version}; empty to trust
 *     only the default slsa-github-generator builders
 * @param buildWorkflowInputs {@code workflow_dispatch} inputs that must have these values
 */
public record SlsaExpectations(
    String sourceUri,
    Optional<String> sourceBranch,
    Optional<String> sourceTag,
    Optional<String> sourceVersionedTag,
    Optional<String> builderId,
    Map<String, String> buildWorkflowInputs) {

  private static final String GITHUB_SOURCE = "git+https://github.com/";

  /**
   * Checks and copies the components.
   *
   * @param sourceUri the {@code sourceUri} component
   * @param sourceBranch the {@code sourceBranch} component
   * @param sourceTag the {@code sourceTag} component
   * @param sourceVersionedTag the {@code sourceVersionedTag} component
   * @param builderId the {@code builderId} component
   * @param buildWorkflowInputs the {@code buildWorkflowInputs} component
   * @throws IllegalArgumentException if the source is not in normalised form or carries a
   *     {@code @ref}, the versioned tag is not a semantic version, the builder id has more than one
   *     or an empty {@code @version}, or a value is empty
   */
  public SlsaExpectations {
    Objects.requireNonNull(sourceUri, "sourceUri");
    if (!sourceUri.equals(GitRefs.normalize(sourceUri))
        || sourceUri.endsWith("://")
        || sourceUri.equals(GITHUB_SOURCE)
        || sourceUri.contains("@")) {
      throw new IllegalArgumentException(
          "source must be a repository such as github.com/org/repo, without @ref: " + sourceUri);
    }
    nonEmpty(sourceBranch, "sourceBranch");
    nonEmpty(sourceTag, "sourceTag");
    nonEmpty(sourceVersionedTag, "sourceVersionedTag");
    nonEmpty(builderId, "builderId");
    if (sourceVersionedTag.isPresent() && Semver.parse(sourceVersionedTag.get()).isEmpty()) {
      throw new IllegalArgumentException(
          "versioned tag must be a semantic version such as v1 or v1.2.3: "
              + sourceVersionedTag.get());
    }
    if (builderId.isPresent() && BuilderId.parse(builderId.get()).isEmpty()) {
      throw new IllegalArgumentException(
          "builder id must be a URI with at most one non-empty @version: " + builderId.get());
    }
    Objects.requireNonNull(buildWorkflowInputs, "buildWorkflowInputs");
    LinkedHashMap<String, String> inputs = new LinkedHashMap<>();
    buildWorkflowInputs.forEach(
        (k, v) ->
            inputs.put(Objects.requireNonNull(k, "input name"), Objects.requireNonNull(v, k)));
    buildWorkflowInputs = Collections.unmodifiableMap(inputs);
  }

  private static void nonEmpty(Optional<String> value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isPresent() && value.get().isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
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
   * Returns the source repository as slsa-verifier's certificate check compares it: {@code
   * org/repo} for a github.com repository, else the whole URI (which no certificate names).
   */
  String sourceRepository() {
    return sourceUri.startsWith(GITHUB_SOURCE)
        ? sourceUri.substring(GITHUB_SOURCE.length())
        : sourceUri;
  }

  /** Builds {@link SlsaExpectations}. Not thread-safe. */
  public static final class Builder {
    private String sourceUri;
    private String sourceBranch;
    private String sourceTag;
    private String sourceVersionedTag;
    private String builderId;
    private final LinkedHashMap<String, String> inputs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the source repository: {@code github.com/org/repo}, {@code https://github.com/org/repo}
     * or {@code git+https://github.com/org/repo}.
     *
     * @param sourceUri the repository
     * @return this builder
     */
    public Builder sourceUri(String sourceUri) {
      this.sourceUri = GitRefs.normalize(Objects.requireNonNull(sourceUri, "sourceUri"));
      return this;
    }

    /**
     * Requires the build to have run on a branch ({@code --source-branch}).
     *
     * @param branch the branch name, for example {@code main}
     * @return this builder
     */
    public Builder sourceBranch(String branch) {
      this.sourceBranch = Objects.requireNonNull(branch, "branch");
      return this;
    }

    /**
     * Requires the build to have been triggered by exactly this tag ({@code --source-tag}).
     *
     * @param tag the tag name, for example {@code v1.2.3}
     * @return this builder
     */
    public Builder sourceTag(String tag) {
      this.sourceTag = Objects.requireNonNull(tag, "tag");
      return this;
    }

    /**
     * Requires the triggering tag to be a semantic version under this one ({@code
     * --source-versioned-tag}): the major version must match, and the minor and patch versions when
     * given.
     *
     * @param version the version, for example {@code v1} or {@code v1.2}
     * @return this builder
     */
    public Builder sourceVersionedTag(String version) {
      this.sourceVersionedTag = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Trusts this builder ({@code --builder-id}). Without a version any release of it is accepted;
     * {@code @vX.Y.Z} and {@code @refs/tags/vX.Y.Z} pin one.
     *
     * @param builderId the builder's id
     * @return this builder
     */
    public Builder builderId(String builderId) {
      this.builderId = Objects.requireNonNull(builderId, "builderId");
      return this;
    }

    /**
     * Requires a {@code workflow_dispatch} input to have this value ({@code --build-workflow-input
     * name=value}); calling again adds more.
     *
     * @param name the input's name
     * @param value its expected value
     * @return this builder
     */
    public Builder addBuildWorkflowInput(String name, String value) {
      inputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the expectations.
     *
     * @return the expectations
     * @throws IllegalStateException if no source was set
     * @throws IllegalArgumentException as the record's constructor
     */
    public SlsaExpectations build() {
      if (sourceUri == null) {
        throw new IllegalStateException("sourceUri is required");
      }
      return new SlsaExpectations(
          sourceUri,
          Optional.ofNullable(sourceBranch),
          Optional.ofNullable(sourceTag),
          Optional.ofNullable(sourceVersionedTag),
          Optional.ofNullable(builderId),
          inputs);
    }
  }
}
