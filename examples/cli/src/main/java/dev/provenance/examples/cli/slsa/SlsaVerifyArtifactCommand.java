package dev.provenance.examples.cli.slsa;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.InputFiles;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.UsageException;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.slsa.SlsaExpectations;
import dev.provenance.sigstore.slsa.SlsaVerifier;
import dev.provenance.sigstore.slsa.VerifiedSlsaProvenance;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code provenance slsa verify-artifact --provenance-path FILE --source-uri URI [--source-tag T]
 * [--source-branch B] [--source-versioned-tag V] [--builder-id ID] [--build-workflow-input K=V...]
 * [--trusted-root FILE] [--artifact-digest ALG:HEX...] ARTIFACT...}: verifies SLSA provenance for
 * artifacts as slsa-verifier's command of the same name does, offline, with {@link SlsaVerifier}.
 *
 * <p>Each {@code ARTIFACT} file is hashed with SHA-256, as slsa-verifier does; {@code
 * --artifact-digest} names an artifact by digest instead, for example when the file is elsewhere.
 * {@code --trusted-root} takes a trusted root in JSON or JSON Lines ({@code gh attestation
 * trusted-root}); without it the public-good root in the jar is used. {@code
 * --insecure-accept-legacy-envelopes} and {@code --insecure-testing-exceptions} enable {@link
 * SlsaVerifier.Builder#acceptLegacyEnvelopes(boolean)} and {@link
 * SlsaVerifier.Builder#testingExceptions(boolean)}. Exit status 0 when every artifact verified, 1
 * when one did not, 2 for usage errors. Stateless and thread-safe.
 */
public final class SlsaVerifyArtifactCommand implements Command {
  /** The command's options. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance slsa verify-artifact --provenance-path FILE --source-uri URI"
                  + " [--source-tag T] [--source-branch B] [--source-versioned-tag V]"
                  + " [--builder-id ID] [--build-workflow-input K=V...] [--trusted-root FILE]"
                  + " [--artifact-digest ALG:HEX...] [--insecure-accept-legacy-envelopes]"
                  + " [--insecure-testing-exceptions] ARTIFACT...")
          .single("--provenance-path")
          .single("--source-uri")
          .single("--source-tag")
          .single("--source-branch")
          .single("--source-versioned-tag")
          .single("--builder-id")
          .multi("--build-workflow-input")
          .single("--trusted-root")
          .multi("--artifact-digest")
          .flag("--insecure-accept-legacy-envelopes")
          .flag("--insecure-testing-exceptions")
          .positionals(0, Integer.MAX_VALUE)
          .build();

  private static final List<DigestAlgorithm> DIGEST_ALGORITHMS =
      List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512);

  /** Creates the command. */
  public SlsaVerifyArtifactCommand() {}

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, SlsaVerifyArtifactCommand::execute);
  }

  private static int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String provenancePath = args.required("--provenance-path");
    SlsaExpectations expectations = expectations(args);
    List<String> names = new ArrayList<>();
    List<DigestSet> artifacts = new ArrayList<>();
    for (String path : args.positionals()) {
      InputFiles.existingFile("artifact", path);
      names.add(path);
      artifacts.add(Digester.sha256().digest(Path.of(path)));
    }
    for (String text : args.values("--artifact-digest")) {
      names.add(text);
      artifacts.add(digest(text));
    }
    if (artifacts.isEmpty()) {
      throw new UsageException("name at least one ARTIFACT or --artifact-digest");
    }
    SlsaVerifier.Builder builder =
        SlsaVerifier.newBuilder()
            .acceptLegacyEnvelopes(args.has("--insecure-accept-legacy-envelopes"))
            .testingExceptions(args.has("--insecure-testing-exceptions"));
    if (args.has("--trusted-root")) {
      builder.trustedRoot(trustedRoot(args.required("--trusted-root")));
    }
    SlsaVerifier verifier = builder.build();
    byte[] provenance =
        InputFiles.read("--provenance-path", provenancePath, JsonLimits.MAX_INPUT_BYTES);
    List<VerifiedSlsaProvenance> verified = verifier.verify(provenance, expectations, artifacts);
    return report(names, verified, output);
  }

  private static SlsaExpectations expectations(Args args) throws UsageException {
    SlsaExpectations.Builder b = SlsaExpectations.newBuilder();
    b.sourceUri(args.required("--source-uri"));
    args.value("--source-tag").ifPresent(b::sourceTag);
    args.value("--source-branch").ifPresent(b::sourceBranch);
    args.value("--source-versioned-tag").ifPresent(b::sourceVersionedTag);
    args.value("--builder-id").ifPresent(b::builderId);
    for (String input : args.values("--build-workflow-input")) {
      int eq = input.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--build-workflow-input must look like NAME=VALUE: " + input);
      }
      b.addBuildWorkflowInput(input.substring(0, eq), input.substring(eq + 1));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static DigestSet digest(String text) throws UsageException {
    DigestSet d;
    try {
      d = Artifact.parseDigest(text).digests(DIGEST_ALGORITHMS);
    } catch (MalformedInputException e) {
      d = DigestSet.empty();
    }
    if (d.isEmpty()) {
      throw new UsageException(
          "--artifact-digest must be sha256:HEX, sha384:HEX or sha512:HEX, not " + text);
    }
    return d;
  }

  /** Reads a trusted root in JSON, or several in JSON Lines (combined into one). */
  static TrustedRoot trustedRoot(String path)
      throws UsageException, MalformedInputException {
    byte[] bytes = InputFiles.read("--trusted-root", path, JsonLimits.MAX_INPUT_BYTES);
    try {
      return TrustedRoot.parse(bytes);
    } catch (MalformedInputException single) {
      try {
        return TrustedRoot.combine(TrustedRoot.parseJsonLines(bytes));
      } catch (MalformedInputException lines) {
        throw single;
      }
    }
  }

  private static int report(
      List<String> names, List<VerifiedSlsaProvenance> verified, Output output)
      throws MalformedInputException {
    List<String> text = new ArrayList<>();
    List<JsonValue> json = new ArrayList<>();
    for (int i = 0; i < verified.size(); i++) {
      VerifiedSlsaProvenance v = verified.get(i);
      List<JsonValue> subjects = new ArrayList<>();
      for (ResourceDescriptor s : v.attestation().matchedSubjects()) {
        subjects.add(JsonCodec.standard().writeResourceDescriptor(s));
      }
      text.add(
          "Verified build of "
              + names.get(i)
              + " using builder "
              + v.builderId()
              + " from "
              + v.source());
      json.add(
          JsonObject.newBuilder()
              .put("artifact", names.get(i))
              .put("digest", JsonCodec.standard().writeDigestSet(v.artifact()))
              .put("builderId", v.builderId())
              .put("source", v.source())
              .put("predicateType", v.attestation().statement().predicateType())
              .put("provenanceIndex", JsonValue.of(v.index()))
              .put("subjects", new JsonArray(subjects))
              .build());
    }
    text.add("PASSED: SLSA verification passed");
    return output.success(
        JsonObject.newBuilder().put("artifacts", new JsonArray(json)).build(), text);
  }
}
