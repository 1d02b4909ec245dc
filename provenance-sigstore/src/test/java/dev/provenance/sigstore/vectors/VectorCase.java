package dev.provenance.sigstore.vectors;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One case of {@code vectors/cases.json}: its id, expectation, policy strings and files. */
final class VectorCase {
  final String id;
  final String source;
  final String unit;
  final String category;
  final String expected;
  final String reason;
  final JsonObject policy;
  final List<String> files;

  private VectorCase(JsonObject o) {
    id = str(o, "case");
    source = str(o, "source");
    unit = str(o, "unit");
    category = str(o, "category");
    expected = str(o, "expected");
    reason = o.members().get("reason") instanceof JsonString r ? r.value() : "";
    policy = (JsonObject) o.members().get("policy");
    files = new ArrayList<>();
    for (JsonValue f : ((JsonArray) o.members().get("files")).elements()) {
      files.add(str((JsonObject) f, "path"));
    }
  }

  static List<VectorCase> all(JsonObject cases) {
    List<VectorCase> out = new ArrayList<>();
    for (JsonValue c : ((JsonArray) cases.members().get("cases")).elements()) {
      out.add(new VectorCase((JsonObject) c));
    }
    return out;
  }

  boolean valid() {
    return expected.equals("VALID");
  }

  /** A policy value without the explanation some values carry in parentheses. */
  Optional<String> policy(String key) {
    JsonValue v = policy.members().get(key);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(((JsonString) v).value());
  }

  /** The value up to the first " (" annotation. */
  static String bare(String value) {
    int p = value.indexOf(" (");
    return (p < 0 ? value : value.substring(0, p)).trim();
  }

  /** The directory of the case's first file (the upstream case directory). */
  String caseDirectory() {
    String first = files.get(0);
    return first.substring(0, first.lastIndexOf('/'));
  }

  private static String str(JsonObject o, String key) {
    return ((JsonString) o.members().get(key)).value();
  }

  @Override
  public String toString() {
    return id;
  }
}
