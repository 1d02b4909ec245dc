package dev.provenance.core;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.testing.TestKeys;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class AttestationVerifierPropertiesTest {
  private static final KeyPair KEY = TestKeys.ed25519("props");
  private static final AttestationSigner SIGNER = AttestationSigner.of(TestKeys.signer(KEY));
  private static final AttestationVerifier VERIFIER = build();

  private static AttestationVerifier build() {
    try {
      return AttestationVerifier.newBuilder().addVerifier(TestKeys.verifier(KEY.getPublic())).build();
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  private static Statement statement(String name, byte[] digest, String note) {
    DigestSet d = DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(digest));
    return Statement.newBuilder()
        .addSubject(ResourceDescriptor.ofDigest(name, d))
        .predicate(
            GenericPredicate.of(
                "https://example.com/predicate/v1", JsonObject.newBuilder().put("note", note).build()))
        .build();
  }

  @Property(tries = 100)
  void signThenVerify_returnsTheSignedStatement(
      @ForAll @StringLength(min = 1, max = 40) String name,
      @ForAll @Size(value = 32) byte[] digest,
      @ForAll @StringLength(max = 60) String note)
      throws Exception {
    if (!dev.provenance.core.internal.dsse.Pae.isWellFormed(name + note)) {
      return;
    }
    Statement st = statement(name, digest, note);

    Statement verified =
        VERIFIER
            .verify(SIGNER.signToJson(st), DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(digest)))
            .statement();

    assertThat(verified).isEqualTo(st);
  }

  @Property(tries = 200)
  void verify_properPrefixOfEnvelopeJson_malformedInput(
      @ForAll @StringLength(min = 1, max = 20) String note,
      @ForAll @IntRange(min = 0, max = 100_000) int cut)
      throws Exception {
    if (!dev.provenance.core.internal.dsse.Pae.isWellFormed(note)) {
      return;
    }
    byte[] json = SIGNER.signToJson(statement("a", new byte[32], note));
    byte[] prefix = Arrays.copyOf(json, cut % json.length);

    assertFails(() -> VERIFIER.verify(prefix), ErrorCode.MALFORMED_INPUT);
  }

  @Property(tries = 50)
  void verify_anySubjectOrder_matchesGenuineDigest(
      @ForAll @Size(min = 1, max = 5) List<@Size(value = 32) byte[]> decoys,
      @ForAll @IntRange(min = 0, max = 5) int position)
      throws Exception {
    byte[] genuine = new byte[32];
    Arrays.fill(genuine, (byte) 7);
    Statement.Builder b = Statement.newBuilder();
    int at = position % (decoys.size() + 1);
    for (int i = 0; i <= decoys.size(); i++) {
      byte[] d = i == at ? genuine : decoys.get(i < at ? i : i - 1);
      b.addSubject(
          ResourceDescriptor.ofDigest(
              "s" + i, DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(d))));
    }
    Statement st = b.predicate(GenericPredicate.of("https://example.com/p", JsonObject.empty())).build();
    DigestSet artifact = DigestSet.of(DigestAlgorithm.SHA256, HexFormat.of().formatHex(genuine));

    assertThat(VERIFIER.verify(SIGNER.signToJson(st), artifact).matchedSubjects())
        .allSatisfy(s -> assertThat(s.digest()).isEqualTo(artifact))
        .isNotEmpty();
  }
}
