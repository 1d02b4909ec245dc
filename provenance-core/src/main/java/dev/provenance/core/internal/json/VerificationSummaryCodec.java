package dev.provenance.core.internal.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.VerificationSummary;
import dev.provenance.core.json.PredicateCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLSA Verification Summary Attestation v1 ({@code https://slsa.dev/verification_summary/v1}, <a
 * href="https://slsa.dev/spec/v1.0/verification_summary">spec</a>). Not API; may change without
 * notice. Thread-safe: immutable.
 */
public final class VerificationSummaryCodec implements PredicateCodec {
  private final DescriptorCodec descriptors;

  /**
   * Creates the codec.
   *
   * @param descriptors reads the resource descriptors inside the predicate
   */
  public VerificationSummaryCodec(DescriptorCodec descriptors) {
    this.descriptors = descriptors;
  }

  @Override
  public String predicateType() {
    return PredicateTypes.SLSA_VSA_V1;
  }

  @Override
  public VerificationSummary read(JsonObject body) throws MalformedInputException {
    ObjectReader p = ObjectReader.of(body, "");
    ObjectReader v = p.requiredObject("verifier");
    VerificationSummary.VsaVerifier verifier =
        new VerificationSummary.VsaVerifier(v.requiredString("id"), v.stringMap("version"));
    Optional<Instant> timeVerified = p.optionalTimestamp("timeVerified");
    String resourceUri = p.requiredString("resourceUri");
    ResourceDescriptor policy =
        descriptors.readDescriptor(
            p.value("policy").orElseThrow(() -> p.missing("policy")), p.pointer("policy"));
    if (policy.uri().isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT,
          Pointers.child(p.pointer("policy"), "uri"),
          "the VSA policy needs a uri");
    }
    List<JsonValue> inputs = p.arrayOrEmpty("inputAttestations");
    List<ResourceDescriptor> inputAttestations =
        descriptors.readDescriptors(inputs, p.pointer("inputAttestations"));
    for (int i = 0; i < inputAttestations.size(); i++) {
      if (inputAttestations.get(i).digest().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            Pointers.child(Pointers.child(p.pointer("inputAttestations"), i), "digest"),
            "every input attestation needs a digest");
      }
    }
    String result = p.requiredString("verificationResult");
    if (!result.equals(VerificationSummary.PASSED) && !result.equals(VerificationSummary.FAILED)) {
      throw p.invalid("verificationResult", "expected PASSED or FAILED");
    }
    return new VerificationSummary(
        verifier,
        timeVerified,
        resourceUri,
        policy,
        inputAttestations,
        result,
        p.stringList("verifiedLevels"),
        p.countMap("dependencyLevels"),
        p.optionalString("slsaVersion"));
  }

  @Override
  public JsonObject write(Predicate predicate) {
    if (!(predicate instanceof VerificationSummary)) {
      throw new IllegalArgumentException("not a VerificationSummary: " + predicate.getClass());
    }
    VerificationSummary s = (VerificationSummary) predicate;
    JsonObject.Builder v = JsonObject.newBuilder().put("id", s.verifier().id());
    if (!s.verifier().version().isEmpty()) {
      v.put("version", SlsaProvenanceCodec.stringMap(s.verifier().version()));
    }
    JsonObject.Builder b = JsonObject.newBuilder().put("verifier", v.build());
    s.timeVerified().ifPresent(t -> b.put("timeVerified", Timestamps.format(t)));
    b.put("resourceUri", s.resourceUri());
    b.put("policy", DescriptorCodec.writeDescriptor(s.policy()));
    if (!s.inputAttestations().isEmpty()) {
      b.put("inputAttestations", DescriptorCodec.writeDescriptors(s.inputAttestations()));
    }
    b.put("verificationResult", s.verificationResult());
    List<JsonValue> levels = new ArrayList<>();
    s.verifiedLevels().forEach(l -> levels.add(new JsonString(l)));
    b.put("verifiedLevels", new JsonArray(levels));
    if (!s.dependencyLevels().isEmpty()) {
      Map<String, JsonValue> d = new LinkedHashMap<>();
      s.dependencyLevels().forEach((k, n) -> d.put(k, JsonValue.of(n)));
      b.put("dependencyLevels", JsonObject.of(d));
    }
    s.slsaVersion().filter(x -> !x.isEmpty()).ifPresent(x -> b.put("slsaVersion", x));
    return b.build();
  }
}
