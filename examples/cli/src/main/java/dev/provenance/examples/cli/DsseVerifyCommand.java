package dev.provenance.examples.cli;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code provenance dsse verify --envelope FILE --key PUB.pem... [--key-algorithm ALG]
 * [--threshold N]}: checks a DSSE envelope's signatures only, whatever its payload type, and prints
 * the payload type and the SHA-256 of the verified payload. Stateless and thread-safe.
 */
public final class DsseVerifyCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance dsse verify --envelope FILE --key PUB.pem... [--key-algorithm ALG]"
                  + " [--threshold N]")
          .single("--envelope")
          .multi("--key")
          .single("--key-algorithm")
          .single("--threshold")
          .build();

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String file = args.required("--envelope");
    DsseVerifier verifier = KeyOptions.dsseVerifier(args).allowAnyPayloadType().build();
    byte[] json = InputFiles.read("--envelope", file, JsonLimits.MAX_INPUT_BYTES);
    VerifiedEnvelope verified;
    try {
      Envelope envelope = JsonCodec.standard().parseEnvelope(json);
      verified = verifier.verify(envelope);
    } catch (ProvenanceException e) {
      return output.failure(file, e);
    }
    String sha256 =
        Digester.sha256()
            .digest(verified.payload().toByteArray())
            .get(DigestAlgorithm.SHA256)
            .orElseThrow();
    List<String> signers = new ArrayList<>();
    for (SignerIdentity s : verified.signers()) {
      signers.add(s.keyId().value());
    }
    return output.success(
        JsonObject.newBuilder()
            .put("payloadType", verified.payloadType())
            .put("payloadSha256", sha256)
            .put("payloadSize", JsonValue.of(verified.payload().length()))
            .put("signers", Output.jsonStrings(signers))
            .build(),
        List.of(
            "verified: " + file,
            "payloadType: " + verified.payloadType(),
            "payload sha256: " + sha256,
            "signed by: " + String.join(", ", signers)));
  }
}
