package dev.provenance.core.quickstart;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.AttestationSigner;
import dev.provenance.core.AttestationVerifier;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.policy.SlsaPolicy;
import java.nio.file.Path;
import java.security.KeyPair;

/** The code shown in the README, between the markers, verbatim. */
final class Quickstart {
  private Quickstart() {}

  static VerifiedAttestation signAndVerify(Path artifact, String commit)
      throws ProvenanceException {
    // README:begin
    KeyPair keys = JcaKeys.generate(SignatureAlgorithm.ED25519); // or PemKeys.signer(pem)
    Signer signer = JcaKeys.signer(keys.getPrivate(), keys.getPublic());

    // What was built (the subject) and how (SLSA Provenance v1).
    DigestSet digest = Digester.sha256().digest(artifact);
    Statement statement =
        Statement.newBuilder()
            .addSubject(ResourceDescriptor.ofDigest("app.jar", digest))
            .predicate(
                SlsaProvenance.newBuilder()
                    .buildDefinition(
                        BuildDefinition.newBuilder()
                            .buildType("https://example.com/buildtypes/maven/v1")
                            .addResolvedDependency(
                                ResourceDescriptor.ofUri(
                                    "git+https://github.com/org/app@refs/heads/main",
                                    DigestSet.of(DigestAlgorithm.GIT_COMMIT, commit)))
                            .build())
                    .runDetails(RunDetails.of(BuildPlatform.of("https://ci.example.com/b@v1")))
                    .build())
            .build();

    // Sign: a DSSE envelope, which is also one line of an .intoto.jsonl bundle.
    byte[] envelope = AttestationSigner.of(signer).signToJson(statement);

    // Verify: signature, subject digest, builder and source; throws VerificationException.
    VerifiedAttestation verified =
        AttestationVerifier.newBuilder()
            .addVerifier(JcaKeys.verifier(keys.getPublic())) // or PemKeys.verifier(pem)
            .policy(
                SlsaPolicy.newBuilder()
                    .requireBuilderId("https://ci.example.com/b@v1")
                    .requireSourceRepository("https://github.com/org/app")
                    .build())
            .build()
            .verify(envelope, digest);
    // README:end
    return verified;
  }
}
