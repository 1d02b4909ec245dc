package dev.provenance.core.internal.json;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.PredicateCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * in-toto Link v0.3 ({@code https://in-toto.io/attestation/link/v0.3}, <a
 * href="https://github.com/in-toto/attestation/blob/main/spec/predicates/link.md">spec</a>): every
 * material needs a name and a digest, and names are unique. Not API; may change without notice.
 * Thread-safe: immutable.
 */
public final class LinkCodec implements PredicateCodec {
  private final DescriptorCodec descriptors;

  /**
   * Creates the codec.
   *
   * @param descriptors reads the materials
   */
  public LinkCodec(DescriptorCodec descriptors) {
    this.descriptors = descriptors;
  }

  @Override
  public String predicateType() {
    return PredicateTypes.LINK_V03;
  }

  @Override
  public Link read(JsonObject body) throws MalformedInputException {
    ObjectReader p = ObjectReader.of(body, "");
    String name = p.requiredString("name");
    List<String> command = p.stringList("command");
    String at = p.pointer("materials");
    List<ResourceDescriptor> materials = descriptors.readDescriptors(p.arrayOrEmpty("materials"), at);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < materials.size(); i++) {
      ResourceDescriptor m = materials.get(i);
      String mat = Pointers.child(at, i);
      if (m.name().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, Pointers.child(mat, "name"), "a material needs a name");
      }
      if (m.digest().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, Pointers.child(mat, "digest"), "a material needs a digest");
      }
      if (!names.add(m.name().get())) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, Pointers.child(mat, "name"), "duplicate material name");
      }
    }
    return new Link(
        name, command, materials, p.objectOrEmpty("byproducts"), p.objectOrEmpty("environment"));
  }

  @Override
  public JsonObject write(Predicate predicate) {
    if (!(predicate instanceof Link)) {
      throw new IllegalArgumentException("not a Link: " + predicate.getClass());
    }
    Link l = (Link) predicate;
    JsonObject.Builder b = JsonObject.newBuilder().put("name", l.name());
    if (!l.command().isEmpty()) {
      List<JsonValue> command = new ArrayList<>();
      l.command().forEach(c -> command.add(new JsonString(c)));
      b.put("command", new JsonArray(command));
    }
    if (!l.materials().isEmpty()) {
      b.put("materials", DescriptorCodec.writeDescriptors(l.materials()));
    }
    if (!l.byproducts().isEmpty()) {
      b.put("byproducts", l.byproducts());
    }
    if (!l.environment().isEmpty()) {
      b.put("environment", l.environment());
    }
    return b.build();
  }
}
