package dev.provenance.examples.cli.chain;

import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainReports;
import dev.provenance.core.chain.ChainVerifier;
import dev.provenance.core.chain.InTotoLayouts;
import dev.provenance.core.intoto.InTotoKey;
import dev.provenance.core.intoto.InTotoKeys;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.InputFiles;
import dev.provenance.examples.cli.KeyOptions;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code provenance in-toto verify --layout FILE --layout-key PUB.pem... --link-dir DIR}, after
 * {@code in-toto-verify}: verifies the layout (DSSE envelope or legacy metablock) with every owner
 * key, refuses it once expired, loads the links in the directory (DSSE or metablock, any file
 * name), checks each step's functionaries, threshold and agreement, and applies the artifact rules
 * across steps. Exits 0 when all of that holds, 1 with every finding otherwise, 2 on usage errors.
 * Inspections, sublayouts and X.509 functionaries are refused. Stateless and thread-safe.
 */
public final class InTotoVerifyCommand implements Command {
  /** The options this command accepts. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder("provenance in-toto verify --layout FILE --layout-key PUB.pem... --link-dir DIR")
          .single("--layout")
          .multi("--layout-key")
          .single("--link-dir")
          .build();

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, InTotoVerifyCommand::verify);
  }

  private static int verify(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    byte[] layout =
        InputFiles.read("--layout", args.required("--layout"), ChainVerifyCommand.MAX_POLICY_BYTES);
    List<InTotoKey> owners = new ArrayList<>();
    for (String path : args.requiredValues("--layout-key")) {
      String pem = InputFiles.readText("--layout-key", path, KeyOptions.MAX_PEM_BYTES);
      try {
        owners.add(InTotoKeys.fromPem(pem));
      } catch (KeyMaterialException e) {
        throw new KeyMaterialException(e.code(), path, e.getMessage(), e);
      }
    }
    Path links = Path.of(args.required("--link-dir"));
    if (!Files.isDirectory(links)) {
      throw new UsageException("--link-dir: not a directory: " + links);
    }
    ChainPolicy policy = InTotoLayouts.verify(layout, owners);
    VerifiedChain chain =
        ChainVerifier.newBuilder().policy(policy).build().verifyAllSteps(List.of(links));
    List<String> text = new ArrayList<>();
    text.add("in-toto verification passed: layout signed by " + owners.size() + " owner key(s), "
        + policy.steps().size() + " step(s), expires " + policy.expires());
    for (ChainStep s : chain.steps()) {
      text.add("  step " + s.name() + ": signed by " + String.join(", ", s.functionaries()));
    }
    JsonObject.Builder json = JsonObject.newBuilder();
    ChainReports.json(chain).members().forEach(json::put);
    return output.success(json.build(), text);
  }
}
