package dev.provenance.examples.cli;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.sigstore.slsa.SlsaExpectations;
import dev.provenance.sigstore.slsa.SlsaVerifier;
import dev.provenance.sigstore.slsa.VerifiedSlsaProvenance;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code provenance slsa verify-artifact --provenance-path FILE --source-uri URI [--source-tag T]
 * [--source-branch B] [--source-versioned-tag V] [--builder-id ID] [--build-workflow-input
 * NAME=VALUE]... [--print-provenance] [--trusted-root FILE] ARTIFACT...}: verifies the SLSA
 * provenance of artifacts with slsa-verifier's flags and checks ({@link SlsaVerifier}), offline;
 * without {@code --trusted-root} against the Sigstore public-good trusted root shipped in the jar.
 * Stateless and thread-safe.
 */
public final class SlsaVerifyArtifactCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance slsa verify-artifact --provenance-path FILE --source-uri URI"
                  + " [--source-tag T] [--source-branch B] [--source-versioned-tag V]"
                  + " [--builder-id ID] [--build-workflow-input NAME=VALUE]... [--print-provenance]"
                  + " [--trusted-root FILE] ARTIFACT...")
          .single("--provenance-path")
          .single("--source-uri")
          .single("--source-tag")
          .single("--source-branch")
          .single("--source-versioned-tag")
          .single("--builder-id")
          .multi("--build-workflow-input")
          .flag("--print-provenance")
          .single("--trusted-root")
          .positionals(1, Integer.MAX_VALUE)
          .build();

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String provenancePath = args.required("--provenance-path");
    SlsaExpectations expectations = expectations(args);
    SlsaVerifier.Builder builder = SlsaVerifier.newBuilder();
    Optional<String> rootPath = args.value("--trusted-root");
    if (rootPath.isPresent()) {
      byte[] json = InputFiles.read("--trusted-root", rootPath.get(), JsonLimits.MAX_INPUT_BYTES);
      try {
        builder.trustedRoot(TrustedRoot.parse(json));
      } catch (MalformedInputException e) {
        return output.failure(rootPath.get(), e);
      }
    }
    byte[] provenance =
        InputFiles.read("--provenance-path", provenancePath, JsonLimits.MAX_INPUT_BYTES);
    List<String> names = args.positionals();
    List<DigestSet> artifacts = new ArrayList<>();
    for (String name : names) {
      InputFiles.existingFile("ARTIFACT", name);
      artifacts.add(Digester.sha256().digest(Path.of(name)));
    }
    List<VerifiedSlsaProvenance> verified;
    try {
      verified = builder.build().verify(provenance, expectations, artifacts);
    } catch (VerificationException e) {
      return output.failure(provenancePath, e);
    }

    List<String> text = new ArrayList<>();
    List<JsonValue> json = new ArrayList<>();
    boolean print = args.has("--print-provenance");
    for (int i = 0; i < verified.size(); i++) {
      VerifiedSlsaProvenance v = verified.get(i);
      byte[] statement = v.attestation().envelope().payload().toByteArray();
      if (print) {
        text.add(new String(statement, StandardCharsets.UTF_8));
      }
      text.add(
          "Verified " + names.get(i) + " built by \"" + v.builderId() + "\" from " + v.source());
      JsonObject.Builder entry =
          JsonObject.newBuilder()
              .put("artifact", names.get(i))
              .put("digest", DigestCommand.digestJson(v.artifact()))
              .put("builderId", v.builderId())
              .put("source", v.source())
              .put("attestationIndex", JsonValue.of(v.index()));
      if (print) {
        entry.put("statement", JsonCodec.standard().parseValue(statement));
      }
      json.add(entry.build());
    }
    text.add("PASSED: SLSA verification passed");
    return output.success(
        JsonObject.newBuilder().put("artifacts", JsonValue.of(json)).build(), text);
  }

  private static SlsaExpectations expectations(Args args) throws UsageException {
    SlsaExpectations.Builder b =
        SlsaExpectations.newBuilder().sourceUri(args.required("--source-uri"));
    args.atMostOneOf("--source-tag", "--source-versioned-tag");
    args.value("--source-tag").ifPresent(b::sourceTag);
    args.value("--source-branch").ifPresent(b::sourceBranch);
    args.value("--source-versioned-tag").ifPresent(b::sourceVersionedTag);
    args.value("--builder-id").ifPresent(b::builderId);
    for (String input : args.values("--build-workflow-input")) {
      int eq = input.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--build-workflow-input must look like NAME=VALUE, not '" + input + "'");
      }
      b.addBuildWorkflowInput(input.substring(0, eq), input.substring(eq + 1));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
