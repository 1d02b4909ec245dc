package dev.provenance.core.internal.json;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildMetadata;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.json.PredicateCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SLSA Provenance v1 ({@code https://slsa.dev/provenance/v1}, <a
 * href="https://slsa.dev/spec/v1.0/provenance">spec</a>). {@code buildDefinition.buildType} and
 * {@code runDetails.builder.id} are required; unset, null and empty are the same everywhere, as the
 * spec says. Not API; may change without notice. Thread-safe: immutable.
 */
public final class SlsaProvenanceCodec implements PredicateCodec {
  private final DescriptorCodec descriptors;

  /**
   * Creates the codec.
   *
   * @param descriptors reads the resource descriptors inside the predicate
   */
  public SlsaProvenanceCodec(DescriptorCodec descriptors) {
    this.descriptors = descriptors;
  }

  @Override
  public String predicateType() {
    return PredicateTypes.SLSA_PROVENANCE_V1;
  }

  @Override
  public SlsaProvenance read(JsonObject body) throws MalformedInputException {
    ObjectReader p = ObjectReader.of(body, "");
    ObjectReader bd = p.requiredObject("buildDefinition");
    BuildDefinition buildDefinition =
        new BuildDefinition(
            bd.requiredString("buildType"),
            bd.objectOrEmpty("externalParameters"),
            bd.objectOrEmpty("internalParameters"),
            descriptors.readDescriptors(
                bd.arrayOrEmpty("resolvedDependencies"), bd.location("resolvedDependencies")));
    ObjectReader rd = p.requiredObject("runDetails");
    ObjectReader b = rd.requiredObject("builder");
    BuildPlatform builder =
        new BuildPlatform(
            b.requiredString("id"),
            b.stringMap("version"),
            descriptors.readDescriptors(
                b.arrayOrEmpty("builderDependencies"), b.location("builderDependencies")));
    Optional<BuildMetadata> metadata = Optional.empty();
    Optional<ObjectReader> m = rd.optionalObject("metadata");
    if (m.isPresent()) {
      BuildMetadata md =
          new BuildMetadata(
              m.get().optionalString("invocationId"),
              m.get().optionalTimestamp("startedOn"),
              m.get().optionalTimestamp("finishedOn"));
      metadata = isEmpty(md) ? Optional.empty() : Optional.of(md);
    }
    RunDetails runDetails =
        new RunDetails(
            builder,
            metadata,
            descriptors.readDescriptors(rd.arrayOrEmpty("byproducts"), rd.location("byproducts")));
    return new SlsaProvenance(buildDefinition, runDetails);
  }

  @Override
  public JsonObject write(Predicate predicate) {
    if (!(predicate instanceof SlsaProvenance)) {
      throw new IllegalArgumentException("not a SlsaProvenance: " + predicate.getClass());
    }
    SlsaProvenance p = (SlsaProvenance) predicate;
    BuildDefinition d = p.buildDefinition();
    JsonObject.Builder bd = JsonObject.newBuilder().put("buildType", d.buildType());
    bd.put("externalParameters", d.externalParameters());
    if (!d.internalParameters().isEmpty()) {
      bd.put("internalParameters", d.internalParameters());
    }
    if (!d.resolvedDependencies().isEmpty()) {
      bd.put("resolvedDependencies", DescriptorCodec.writeDescriptors(d.resolvedDependencies()));
    }
    RunDetails r = p.runDetails();
    JsonObject.Builder b = JsonObject.newBuilder().put("id", r.builder().id());
    if (!r.builder().version().isEmpty()) {
      b.put("version", stringMap(r.builder().version()));
    }
    if (!r.builder().builderDependencies().isEmpty()) {
      b.put(
          "builderDependencies",
          DescriptorCodec.writeDescriptors(r.builder().builderDependencies()));
    }
    JsonObject.Builder rd = JsonObject.newBuilder().put("builder", b.build());
    if (r.metadata().isPresent() && !isEmpty(r.metadata().get())) {
      BuildMetadata md = r.metadata().get();
      JsonObject.Builder mb = JsonObject.newBuilder();
      md.invocationId().filter(s -> !s.isEmpty()).ifPresent(s -> mb.put("invocationId", s));
      md.startedOn().ifPresent(t -> mb.put("startedOn", Timestamps.format(t)));
      md.finishedOn().ifPresent(t -> mb.put("finishedOn", Timestamps.format(t)));
      rd.put("metadata", mb.build());
    }
    if (!r.byproducts().isEmpty()) {
      rd.put("byproducts", DescriptorCodec.writeDescriptors(r.byproducts()));
    }
    return JsonObject.newBuilder()
        .put("buildDefinition", bd.build())
        .put("runDetails", rd.build())
        .build();
  }

  static JsonObject stringMap(Map<String, String> map) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    map.forEach((k, v) -> m.put(k, new JsonString(v)));
    return JsonObject.of(m);
  }

  private static boolean isEmpty(BuildMetadata md) {
    return md.invocationId().filter(s -> !s.isEmpty()).isEmpty()
        && md.startedOn().isEmpty()
        && md.finishedOn().isEmpty();
  }
}
