package dev.provenance.api.attestation;

import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The in-toto Link v0.3 predicate: what a generic step ran and consumed; its products are the
 * statement's subjects (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/predicates/link.md">spec</a>).
 *
 * @param name the step name
 * @param command the command that was run; empty when not recorded
 * @param materials the consumed artifacts, each with a unique name and a digest
 * @param byproducts extra outputs such as stdout; empty when none
 * @param environment selected environment; empty when none
 */
public record Link(
    String name,
    List<String> command,
    List<ResourceDescriptor> materials,
    JsonObject byproducts,
    JsonObject environment)
    implements Predicate {

  /**
   * Checks every component.
   *
   * @param name the {@code name} component
   * @param command the {@code command} component
   * @param materials the {@code materials} component
   * @param byproducts the {@code byproducts} component
   * @param environment the {@code environment} component
   * @throws IllegalArgumentException if a material has no name or digest, or names repeat
   */
  public Link {
    Objects.requireNonNull(name, "name");
    command = Collections2.listCopy(command, "command");
    materials = Collections2.listCopy(materials, "materials");
    Objects.requireNonNull(byproducts, "byproducts");
    Objects.requireNonNull(environment, "environment");
    Set<String> names = new HashSet<>();
    for (ResourceDescriptor m : materials) {
      String n =
          m.name().orElseThrow(() -> new IllegalArgumentException("a material needs a name"));
      if (m.digest().isEmpty()) {
        throw new IllegalArgumentException("material " + n + " needs a digest");
      }
      if (!names.add(n)) {
        throw new IllegalArgumentException("duplicate material name: " + n);
      }
    }
  }

  @Override
  public String predicateType() {
    return PredicateTypes.LINK_V03;
  }
}
