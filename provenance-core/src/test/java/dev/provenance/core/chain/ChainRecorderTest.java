package dev.provenance.core.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainRecorderTest {
  @TempDir Path tmp;

  @Test
  void record_slsaStep_namesEveryInputByDigestAndSigns() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordCheckout().recordBuild();
    SlsaProvenance p = (SlsaProvenance) c.build.statement().predicate();
    List<ResourceDescriptor> deps = p.buildDefinition().resolvedDependencies();
    assertThat(deps).extracting(ResourceDescriptor::name)
        .containsExactly(Optional.of("src/demo/App.java"), Optional.of("src/demo/Util.java"), Optional.of("attestation:checkout"));
    assertThat(deps.get(0).digest().get(DigestAlgorithm.SHA256)).isPresent();
    ResourceDescriptor previous = deps.get(2);
    assertThat(previous.digest()).isEqualTo(c.checkout.digest());
    assertThat(previous.mediaType()).contains(StepRecord.ENVELOPE_MEDIA_TYPE);
    assertThat(p.runDetails().builder().builderDependencies()).extracting(ResourceDescriptor::uri)
        .containsExactly(Optional.of("pkg:generic/openjdk@17"));
    assertThat(p.runDetails().metadata().orElseThrow().startedOn()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(p.buildDefinition().externalParameters().get("step")).contains(new JsonString("build"));
    assertThat(((JsonObject) p.buildDefinition().internalParameters().get("environment").orElseThrow()).get("LANG"))
        .contains(new JsonString("C"));
    assertThat(c.build.statement().subject()).extracting(ResourceDescriptor::name).containsExactly(Optional.of("app.jar"));
    // the checkout names the source commit
    SlsaProvenance checkout = (SlsaProvenance) c.checkout.statement().predicate();
    assertThat(checkout.buildDefinition().resolvedDependencies().get(0).uri())
        .contains(RecordedChain.REPO + "@refs/heads/main");
    assertThat(checkout.buildDefinition().resolvedDependencies().get(0).digest().get(DigestAlgorithm.GIT_COMMIT))
        .contains(RecordedChain.COMMIT);
    // signed over exactly the statement, verifiable on its own
    DsseVerifier v = DsseVerifier.newBuilder().addVerifier(TestKeys.verifier(RecordedChain.BUILD.getPublic())).build();
    assertThat(JsonCodec.standard().parseStatement(v.verify(c.build.envelope()).payload().toByteArray()))
        .isEqualTo(c.build.statement());
  }

  @Test
  void record_withStore_appendsOneLineWhoseDigestIsTheStepDigest() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordCheckout();
    List<String> lines = Files.readAllLines(c.store.resolve("checkout.intoto.jsonl"), UTF_8);
    assertThat(lines).hasSize(1);
    assertThat(StoredAttestationDigest.of(lines.get(0))).isEqualTo(c.checkout.digest());
    assertThat(c.checkout.stored()).isPresent();
    assertThat(c.checkout.envelope().payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
  }

  @Test
  void record_linkStep_writesLinkV03WithMaterials() throws Exception {
    Path f = tmp.resolve("in.txt");
    Files.writeString(f, "x", UTF_8);
    Path o = tmp.resolve("out.txt");
    Files.writeString(o, "y", UTF_8);
    RecordedStep s =
        ChainRecorder.newBuilder().signer(TestKeys.signer(TestKeys.ed25519("link"))).build()
            .record(StepRecord.newBuilder("test").kind(StepRecord.Kind.LINK)
                .command(List.of("make", "test")).environment("CI", "1")
                .addInputFile("in.txt", f).addOutputFile("out.txt", o).build());
    Link link = (Link) s.statement().predicate();
    assertThat(link.name()).isEqualTo("test");
    assertThat(link.command()).containsExactly("make", "test");
    assertThat(link.materials()).extracting(ResourceDescriptor::name).containsExactly(Optional.of("in.txt"));
    assertThat(link.environment().get("CI")).contains(new JsonString("1"));
    assertThat(s.stored()).isEmpty();
    assertThat(StoredAttestationDigest.of(new String(s.bytes().toByteArray(), UTF_8))).isEqualTo(s.digest());
  }

  @Test
  void record_noOutput_isRefused() {
    assertThatThrownBy(() -> ChainRecorder.newBuilder().signer(TestKeys.signer(TestKeys.ed25519("x"))).build()
            .record(StepRecord.newBuilder("s").builderId("https://b").build()))
        .isInstanceOf(dev.provenance.api.MalformedInputException.class);
    assertThatThrownBy(() -> StepRecord.newBuilder("s").build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ChainRecorder.newBuilder().build()).isInstanceOf(IllegalStateException.class);
  }

  /** SHA-256 of a stored line, computed independently of the production code. */
  static final class StoredAttestationDigest {
    static dev.provenance.api.digest.DigestSet of(String line) throws Exception {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(line.getBytes(UTF_8));
      return dev.provenance.api.digest.DigestSet.of(DigestAlgorithm.SHA256, java.util.HexFormat.of().formatHex(h));
    }
  }
}
