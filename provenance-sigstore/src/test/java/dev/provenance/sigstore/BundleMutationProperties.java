package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.SigstoreFixture;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random mutations of valid bundles never verify and never raise an unchecked exception: every
 * outcome is a typed {@link ProvenanceException}.
 */
class BundleMutationProperties {
  private static final SigstoreFixture F = new SigstoreFixture();
  private static final SigstoreVerifier VERIFIER = build();
  /**
   * Bundles without optional parts, so that no mutation can merely drop an optional field (a
   * renamed key is an unknown field, which is ignored): no message digest, and the v0.1 proof
   * without a checkpoint (pre-checkpoint v0.1 proofs rest on the SET).
   */
  private static final List<byte[]> BUNDLES =
      List.of(
          withoutDigest(v01WithoutCheckpoint()),
          withoutDigest(F.messageBundle(BundleVersion.V0_3).toJson()),
          F.dsseBundle(BundleVersion.V0_2).toJson(),
          withoutDigest(F.rekorV2Bundle(true).toJson()),
          F.rekorV2DsseBundle(hashedRekordOverPae(), "hashedrekord").toJson(),
          F.rekorV2DsseBundle(F.dsseV002(F.statement(), F.signStatement(), F.leaf), "dsse").toJson());

  private static byte[] hashedRekordOverPae() {
    byte[] pae = SigstoreFixture.pae("application/vnd.in-toto+json", F.statement());
    return F.hashedRekordV002(SigstoreFixture.sha256(pae), F.signStatement(), F.leaf);
  }

  private static byte[] v01WithoutCheckpoint() {
    byte[] sig = F.signArtifact(F.artifact);
    long i = F.rekor.append(F.hashedRekordV001(F.artifactSha256(), sig, F.leaf));
    F.rekor.fill(3);
    TransparencyLogEntry e = F.rekor.entry(i, "hashedrekord", "0.0.1").checkpoint(false).build();
    return F.messageBundle(BundleVersion.V0_1, sig, List.of(e), List.of()).toJson();
  }

  private static byte[] withoutDigest(byte[] bundle) {
    return JsonEdit.remove(bundle, "/messageSignature/messageDigest");
  }

  private static SigstoreVerifier build() {
    try {
      return F.verifier().allowRekorV2DsseEntries(true).build();
    } catch (ProvenanceException e) {
      throw new AssertionError(e);
    }
  }

  @Example
  void unmutatedBundles_verify() throws Exception {
    for (byte[] b : BUNDLES) {
      assertThat(VERIFIER.verify(b, Artifact.ofBytes(F.artifact)).signedTimes()).isNotEmpty();
    }
  }

  @Property(tries = 300)
  void byteFlip_neverVerifies(
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] b = BUNDLES.get(which).clone();
    int i = position % b.length;
    if (insideTimestampToken(b, i)) {
      // The RFC 3161 token's CMS envelope has fields outside what the TSA signs (SignedData
      // version, unsigned attributes); how strictly they are read is the TSA verifier's rule,
      // checked by its own tests. Here every other byte of the bundle is covered.
      return;
    }
    byte flipped = (byte) (b[i] ^ xor);
    if ((b[i] == '+' && flipped == '-') || (b[i] == '/' && flipped == '_')) {
      return; // the URL-safe spelling of the same base64 value, which proto3 JSON accepts
    }
    b[i] = flipped;
    if (stillAKnownMediaType(b, i)) {
      return; // "version=0.2" -> "version=0.3": v0.2 and v0.3 verify by the same rules
    }
    String around =
        new String(b, Math.max(0, i - 40), Math.min(b.length, i + 20) - Math.max(0, i - 40), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertRejected(b, "flip at " + i + ": " + around);
  }

  @Property(tries = 200)
  void truncation_neverVerifies(
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    byte[] b = BUNDLES.get(which);
    byte[] cut = java.util.Arrays.copyOf(b, position % b.length);
    assertRejected(cut);
  }

  @Property(tries = 300)
  void structuralMutation_neverVerifies(
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int node,
      @ForAll("replacements") JsonValue replacement) {
    byte[] b = BUNDLES.get(which);
    List<String> pointers = new ArrayList<>();
    collect(JsonEdit.parse(b), "", pointers);
    String pointer = pointers.get(node % pointers.size());
    JsonValue current = JsonEdit.get(b, pointer);
    if (current.equals(replacement)
        || (current instanceof JsonString
            && replacement instanceof JsonNumber
            && ((JsonString) current).value().equals(((JsonNumber) replacement).literal()))) {
      return; // not a change: proto3 JSON reads int64 "7" and 7 alike
    }
    assertRejected(JsonEdit.set(b, pointer, replacement), "set " + pointer + " = " + replacement);
    assertRejected(JsonEdit.remove(b, pointer), "remove " + pointer);
  }

  @Provide
  Arbitrary<JsonValue> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.just(JsonValue.nullValue()),
        Arbitraries.just(JsonValue.of(true)),
        Arbitraries.just(JsonObject.empty()),
        Arbitraries.just(new JsonArray(List.of())),
        Arbitraries.just(new JsonString("")),
        Arbitraries.just(new JsonString("AAAA")),
        Arbitraries.longs().map(n -> (JsonValue) new JsonNumber(Long.toString(n))),
        Arbitraries.strings().ofMaxLength(12).map(s -> (JsonValue) new JsonString(s)));
  }

  private static boolean stillAKnownMediaType(byte[] bundle, int i) {
    String json = new String(bundle, java.nio.charset.StandardCharsets.ISO_8859_1);
    String key = "\"mediaType\":\"";
    int start = json.indexOf(key) + key.length();
    int end = json.indexOf('"', start);
    return i >= start && i < end && BundleVersion.ofMediaType(json.substring(start, end)).isPresent();
  }

  private static boolean insideTimestampToken(byte[] bundle, int i) {
    String json = new String(bundle, java.nio.charset.StandardCharsets.ISO_8859_1);
    String key = "\"signedTimestamp\":\"";
    int start = json.indexOf(key);
    if (start < 0) {
      return false;
    }
    start += key.length();
    int end = json.indexOf('"', start);
    return i >= start && i < end;
  }

  private static void collect(JsonValue v, String at, List<String> out) {
    if (!at.isEmpty()) {
      out.add(at);
    }
    if (v instanceof JsonObject) {
      for (var e : ((JsonObject) v).members().entrySet()) {
        collect(e.getValue(), at + "/" + e.getKey(), out);
      }
    } else if (v instanceof JsonArray) {
      List<JsonValue> l = ((JsonArray) v).elements();
      for (int i = 0; i < l.size(); i++) {
        collect(l.get(i), at + "/" + i, out);
      }
    }
  }

  private static void assertRejected(byte[] bundle) {
    assertRejected(bundle, "mutated bundle");
  }

  private static void assertRejected(byte[] bundle, String what) {
    Throwable t = catchThrowable(() -> VERIFIER.verify(bundle, Artifact.ofBytes(F.artifact)));
    assertThat(t).as(what).isInstanceOf(ProvenanceException.class);
  }
}
