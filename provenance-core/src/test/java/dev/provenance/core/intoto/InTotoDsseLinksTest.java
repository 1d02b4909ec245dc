package dev.provenance.core.intoto;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.testing.Vectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DSSE-wrapped in-toto layouts and links from in-toto-golang and in-toto (python), checked with the
 * keys of category in-toto/layout-links-digest-chain: VALID with the signing key, INVALID with
 * another. Keys are imported as in-toto imports them, and trusted under their in-toto key id.
 */
class InTotoDsseLinksTest {
  @ParameterizedTest(name = "{0} with {2}")
  @CsvSource({
    "intoto-dsse-chain-layout, in-toto-golang/dsse-only.root.layout, in-toto-golang/alice.pub, VALID",
    "intoto-dsse-chain-wrong-layout-key, in-toto-golang/dsse-only.root.layout, in-toto-python/demo_files/alice.pub, INVALID",
    "intoto-dsse-chain-clone, in-toto-golang/clone-dsse.776a00e2.link, in-toto-python/demo_files/bob.pub, VALID",
    "intoto-dsse-chain-update-version, in-toto-golang/update-version-dsse.776a00e2.link, in-toto-python/demo_files/bob.pub, VALID",
    "intoto-dsse-chain-package, in-toto-golang/package-dsse.2f89b927.link, in-toto-python/demo_files/carl.pub, VALID",
    "intoto-dsse-chain-package-wrong-key, in-toto-golang/package-dsse.2f89b927.link, in-toto-python/demo_files/bob.pub, INVALID",
    "intoto-py-dsse-links-write-code, in-toto-python/demo_dsse_files/write-code.776a00e2.link, in-toto-python/demo_files/bob.pub, VALID",
    "intoto-py-dsse-links-package, in-toto-python/demo_dsse_files/package.2f89b927.link, in-toto-python/demo_files/carl.pub, VALID",
    "intoto-py-link-wrong-key, in-toto-python/demo_dsse_files/package.2f89b927.link, in-toto-python/demo_files/bob.pub, INVALID"
  })
  void verify_inTotoDsseVector(String caseId, String file, String keyPath, String expected)
      throws Exception {
    InTotoKey key = InTotoKeys.fromPem(Vectors.text(keyPath));
    DsseVerifier verifier =
        DsseVerifier.newBuilder().addVerifier(key.verifier(), key.keyid()).build();
    Envelope envelope = Vectors.envelope(Vectors.bytes(file));

    if (expected.equals("VALID")) {
      VerifiedEnvelope v = verifier.verify(envelope);
      assertThat(v.signers()).extracting(s -> s.keyId()).containsExactly(key.verifier().keyId());
      assertThat(envelope.signatures().get(0).keyid()).isEqualTo(key.keyid());
    } else {
      assertFails(() -> verifier.verify(envelope), ErrorCode.SIGNATURE_INVALID);
    }
  }
}
