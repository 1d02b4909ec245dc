package dev.provenance.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.Bytes;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildMetadata;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.api.slsa.VerificationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class JsonCodecPropertiesTest {
  private final JsonCodec codec = JsonCodec.standard();

  // ---- generators -------------------------------------------------------------------------

  /** Valid Unicode text: any code point except unpaired surrogates, ASCII-heavy. */
  static Arbitrary<String> text(int maxLength) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoint
        .list()
        .ofMaxSize(maxLength)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  static Arbitrary<String> nonEmptyText(int maxLength) {
    return text(maxLength).filter(s -> !s.isEmpty());
  }

  static Arbitrary<JsonNumber> numbers() {
    Arbitrary<String> sign = Arbitraries.of("", "-");
    Arbitrary<String> integer =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).map(s -> "1" + s));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(s -> "." + s));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.integers().between(0, 1000))
                .as((e, s, n) -> e + s + n));
    return Combinators.combine(sign, integer, fraction, exponent)
        .as((s, i, f, e) -> new JsonNumber(s + i + f + e));
  }

  static Arbitrary<JsonValue> values(int depth) {
    List<Arbitrary<? extends JsonValue>> leaves =
        List.of(
            text(20).map(JsonString::new),
            numbers(),
            Arbitraries.of(JsonValue.of(true), JsonValue.of(false), JsonValue.nullValue()));
    Arbitrary<JsonValue> leaf = Arbitraries.oneOf(leaves);
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<JsonValue> array =
        Arbitraries.lazy(() -> values(depth - 1)).list().ofMaxSize(4).map(JsonArray::new);
    Arbitrary<JsonValue> object = objects(depth - 1).map(o -> o);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, object));
  }

  static Arbitrary<JsonObject> objects(int depth) {
    return Arbitraries.maps(text(8), Arbitraries.lazy(() -> values(depth)))
        .ofMaxSize(4)
        .map(m -> new JsonObject(new LinkedHashMap<>(m)));
  }

  static Arbitrary<String> hex(int chars) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(chars);
  }

  static Arbitrary<DigestSet> digestSets() {
    Arbitrary<Map.Entry<DigestAlgorithm, String>> known =
        Arbitraries.oneOf(
            hex(64).map(v -> Map.entry(DigestAlgorithm.SHA256, v)),
            hex(128).map(v -> Map.entry(DigestAlgorithm.SHA512, v)),
            hex(40).map(v -> Map.entry(DigestAlgorithm.SHA1, v)),
            Arbitraries.oneOf(hex(40), hex(64)).map(v -> Map.entry(DigestAlgorithm.GIT_COMMIT, v)),
            hex(32).map(v -> Map.entry(DigestAlgorithm.BLAKE2B, v)),
            Combinators.combine(
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), nonEmptyText(20))
                .as((n, v) -> Map.entry(DigestAlgorithm.of("x" + n), v)));
    return known
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            entries -> {
              TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
              entries.forEach(e -> m.put(e.getKey(), e.getValue()));
              return new DigestSet(m);
            });
  }

  static Arbitrary<Optional<String>> optionalText() {
    return nonEmptyText(12).optional();
  }

  static Arbitrary<ResourceDescriptor> descriptors() {
    Arbitrary<Optional<Bytes>> content =
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20).map(Bytes::of).optional();
    return Combinators.combine(
            optionalText(),
            optionalText(),
            digestSets().optional(),
            content,
            optionalText(),
            optionalText(),
            objects(1))
        .as(
            (name, uri, digest, c, dl, mt, ann) ->
                new ResourceDescriptor(
                    name,
                    uri.isEmpty() && digest.isEmpty() && c.isEmpty() ? Optional.of("https://u") : uri,
                    digest.orElse(DigestSet.empty()),
                    c,
                    dl,
                    mt,
                    ann));
  }

  static Arbitrary<ResourceDescriptor> subjects() {
    return Combinators.combine(descriptors(), digestSets())
        .as((rd, d) -> rd.digest().isEmpty() ? rd.toBuilder().digest(d).build() : rd);
  }

  static Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(-62_167_219_200L, 253_402_300_799L)
        .flatMap(
            s ->
                Arbitraries.of(0, 1_000_000, 123_000_000, 999_999_999, 1)
                    .map(n -> Instant.ofEpochSecond(s, n)));
  }

  static Arbitrary<SlsaProvenance> slsa() {
    Arbitrary<BuildDefinition> bd =
        Combinators.combine(nonEmptyText(20), objects(2), objects(2), descriptors().list().ofMaxSize(3))
            .as(BuildDefinition::new);
    Arbitrary<BuildPlatform> platform =
        Combinators.combine(
                nonEmptyText(20),
                Arbitraries.maps(text(5), text(5)).ofMaxSize(2),
                descriptors().list().ofMaxSize(2))
            .as((id, v, deps) -> new BuildPlatform(id, new LinkedHashMap<>(v), deps));
    Arbitrary<Optional<BuildMetadata>> metadata =
        Combinators.combine(nonEmptyText(10), instants().optional(), instants().optional())
            .as((i, s, f) -> new BuildMetadata(Optional.of(i), s, f))
            .optional();
    Arbitrary<RunDetails> rd =
        Combinators.combine(platform, metadata, descriptors().list().ofMaxSize(2))
            .as(RunDetails::new);
    return Combinators.combine(bd, rd).as(SlsaProvenance::new);
  }

  static Arbitrary<Link> links() {
    Arbitrary<List<ResourceDescriptor>> materials =
        Combinators.combine(nonEmptyText(8), digestSets())
            .as((n, d) -> ResourceDescriptor.ofDigest(n, d))
            .list()
            .ofMaxSize(3)
            .uniqueElements(rd -> rd.name().orElseThrow());
    return Combinators.combine(
            nonEmptyText(10), text(6).list().ofMaxSize(3), materials, objects(1), objects(1))
        .as(Link::new);
  }

  static Arbitrary<VerificationSummary> summaries() {
    Arbitrary<ResourceDescriptor> policy =
        Combinators.combine(nonEmptyText(10), descriptors())
            .as((u, rd) -> rd.toBuilder().uri(u).build());
    Arbitrary<List<ResourceDescriptor>> inputs = subjects().list().ofMaxSize(2);
    Arbitrary<VerificationSummary.VsaVerifier> verifier =
        Combinators.combine(nonEmptyText(10), Arbitraries.maps(text(4), text(4)).ofMaxSize(2))
            .as((id, v) -> new VerificationSummary.VsaVerifier(id, new LinkedHashMap<>(v)));
    Arbitrary<VerificationSummary> head =
        Combinators.combine(verifier, instants().optional(), nonEmptyText(10), policy, inputs)
            .as(
                (v, t, r, p, in) ->
                    new VerificationSummary(
                        v, t, r, p, in, "PASSED", List.of(), Map.of(), Optional.empty()));
    return Combinators.combine(
            head,
            Arbitraries.of(VerificationSummary.PASSED, VerificationSummary.FAILED),
            text(10).list().ofMaxSize(3),
            Arbitraries.maps(text(6), Arbitraries.longs().between(0, Long.MAX_VALUE)).ofMaxSize(2),
            nonEmptyText(4).optional())
        .as(
            (h, res, levels, deps, ver) ->
                new VerificationSummary(
                    h.verifier(),
                    h.timeVerified(),
                    h.resourceUri(),
                    h.policy(),
                    h.inputAttestations(),
                    res,
                    levels,
                    new LinkedHashMap<>(deps),
                    ver));
  }

  static Arbitrary<Predicate> predicates() {
    Arbitrary<Predicate> generic =
        Combinators.combine(nonEmptyText(30), objects(3))
            .as((t, b) -> GenericPredicate.of("https://example.com/" + t, b));
    return Arbitraries.oneOf(generic, slsa(), links(), summaries());
  }

  @Provide
  Arbitrary<JsonValue> jsonValues() {
    return values(4);
  }

  @Provide
  Arbitrary<Statement> statements() {
    return Combinators.combine(subjects().list().ofMinSize(1).ofMaxSize(3), predicates())
        .as((s, p) -> Statement.newBuilder().subjects(s).predicate(p).build());
  }

  @Provide
  Arbitrary<ResourceDescriptor> resourceDescriptors() {
    return descriptors();
  }

  @Provide
  Arbitrary<DigestSet> digests() {
    return digestSets();
  }

  @Provide
  Arbitrary<Envelope> envelopes() {
    Arbitrary<EnvelopeSignature> sig =
        Combinators.combine(text(10), Arbitraries.bytes().array(byte[].class).ofMaxSize(72))
            .as((k, s) -> new EnvelopeSignature(k, Bytes.of(s)));
    return Combinators.combine(
            text(20), Arbitraries.bytes().array(byte[].class).ofMaxSize(60), sig.list().ofMaxSize(3))
        .as((t, p, s) -> new Envelope(t, Bytes.of(p), s));
  }

  // ---- properties -------------------------------------------------------------------------

  @Property(tries = 300)
  void parseValue_written_roundTripsWithOrderAndLiterals(@ForAll("jsonValues") JsonValue value)
      throws Exception {
    byte[] written = codec.write(value);

    JsonValue parsed = codec.parseValue(written);

    assertThat(parsed).isEqualTo(value);
    assertThat(codec.write(parsed)).isEqualTo(written);
  }

  @Property(tries = 300)
  void parseStatement_written_roundTrips(@ForAll("statements") Statement statement)
      throws Exception {
    byte[] written = codec.writeStatement(statement);

    Statement parsed = codec.parseStatement(written);

    assertThat(parsed).isEqualTo(statement);
    assertThat(codec.writeStatement(parsed)).isEqualTo(written);
  }

  @Property(tries = 300)
  void parseResourceDescriptor_written_roundTrips(
      @ForAll("resourceDescriptors") ResourceDescriptor rd) throws Exception {
    JsonValue json = codec.parseValue(codec.write(codec.writeResourceDescriptor(rd)));

    assertThat(codec.parseResourceDescriptor(json)).isEqualTo(rd);
  }

  @Property(tries = 200)
  void parseDigestSet_written_roundTrips(@ForAll("digests") DigestSet digest) throws Exception {
    JsonValue json = codec.parseValue(codec.write(codec.writeDigestSet(digest)));

    assertThat(codec.parseDigestSet(json)).isEqualTo(digest);
  }

  @Property(tries = 300)
  void parseEnvelope_written_roundTrips(@ForAll("envelopes") Envelope envelope) throws Exception {
    assertThat(codec.parseEnvelope(codec.writeEnvelope(envelope))).isEqualTo(envelope);
  }

  @Property(tries = 40)
  void parseEnvelope_everyProperPrefix_throwsMalformedInput(@ForAll("envelopes") Envelope envelope) {
    byte[] full = codec.writeEnvelope(envelope);
    for (int n = 0; n < full.length; n++) {
      byte[] prefix = Arrays.copyOf(full, n);
      try {
        codec.parseEnvelope(prefix);
        throw new AssertionError("prefix of " + n + " bytes parsed");
      } catch (MalformedInputException e) {
        assertThat(e.code()).isNotNull();
      }
    }
  }

  @Property(tries = 500)
  void parse_mutatedDocument_neverThrowsUnchecked(
      @ForAll("statements") Statement statement,
      @ForAll @Size(min = 1, max = 4) List<Integer> positions,
      @ForAll @Size(min = 4, max = 4) List<Byte> values) {
    byte[] json = codec.writeStatement(statement);
    byte[] envelope =
        codec.writeEnvelope(
            new Envelope("t", Bytes.of(json), List.of(EnvelopeSignature.of(Bytes.of(json)))));
    for (byte[] doc : List.of(json, envelope)) {
      byte[] mutated = doc.clone();
      for (int i = 0; i < positions.size(); i++) {
        mutated[Math.floorMod(positions.get(i), mutated.length)] = values.get(i);
      }
      parseAllWays(mutated);
    }
  }

  @Property(tries = 300)
  void parse_randomBytes_neverThrowsUnchecked(@ForAll @Size(max = 64) byte[] bytes) {
    parseAllWays(bytes);
  }

  private void parseAllWays(byte[] doc) {
    List<Exception> typed = new ArrayList<>();
    try {
      codec.parseValue(doc);
    } catch (MalformedInputException e) {
      typed.add(e);
    }
    try {
      codec.parseStatement(doc);
    } catch (MalformedInputException e) {
      typed.add(e);
    }
    try {
      codec.parseEnvelope(doc);
    } catch (MalformedInputException e) {
      typed.add(e);
    }
    try {
      codec.parseJsonLines(doc);
    } catch (MalformedInputException e) {
      typed.add(e);
    }
    assertThat(typed).allSatisfy(e -> assertThat(e).isInstanceOf(MalformedInputException.class));
  }
}
