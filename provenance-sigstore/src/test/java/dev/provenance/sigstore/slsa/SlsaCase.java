package dev.provenance.sigstore.slsa;

import dev.provenance.sigstore.testing.Json;
import dev.provenance.sigstore.testing.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of {@code vectors/slsa-cases.json} (the slsa-verifier categories of {@code cases.json},
 * unchanged), read into the concrete runs its policy describes. A policy value {@code a | b | c} is
 * one run per alternative, {@code (unset)} and {@code (no builder-id given)} mean the option is not
 * given, {@code variants: each applied alone: k=v | ...} is one run per override, and an artifact
 * "first and/or second" is each alone, both, both reversed and the first twice. Every combination
 * of alternatives is a run, and every run must give the case's expected outcome.
 */
final class SlsaCase {
  /** The options of one run, as {@code verify-artifact} flags without the dashes. */
  record Run(String label, Map<String, String> options, List<Artifact> artifacts) {}

  /** An artifact: a vector file, or only a digest {@code alg:hex} when the file was not copied. */
  record Artifact(Optional<String> path, Optional<String> digest) {}

  private static final List<String> OPTIONS =
      List.of("source_uri", "builder_id", "source_branch", "source_tag", "source_versioned_tag");

  private static final Pattern INPUT = Pattern.compile("(\\w+)[:=]\"([^\"]*)\"");

  final String id;
  final String category;
  final boolean valid;
  final String provenance;
  final Optional<String> trustedRoot;
  final List<Run> runs;

  private SlsaCase(Map<String, Object> c) {
    id = (String) c.get("case");
    category = (String) c.get("category");
    valid = c.get("expected").equals("VALID");
    List<String> files = new ArrayList<>();
    for (Object f : Json.list(c, "files")) {
      files.add(Json.string(f, "path"));
    }
    provenance =
        files.stream()
            .filter(f -> f.endsWith(".jsonl") || f.endsWith(".slsa"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(id + ": no provenance file"));
    Object policy = c.get("policy");
    trustedRoot = optional(policy, "trusted_root").map(SlsaCase::bare);
    runs = runs(policy, files);
  }

  static List<SlsaCase> all() {
    List<SlsaCase> out = new ArrayList<>();
    for (Object c : Json.list(Json.parse(Vectors.text("slsa-cases.json")), "cases")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) c;
      out.add(new SlsaCase(m));
    }
    return out;
  }

  private List<Run> runs(Object policy, List<String> files) {
    List<Run> runs = new ArrayList<>();
    runs.add(new Run("", new LinkedHashMap<>(), List.of()));
    for (String option : OPTIONS) {
      Optional<String> value = optional(policy, option);
      if (value.isPresent()) {
        runs = cross(runs, option, alternatives(value.get()));
      }
    }
    Optional<String> inputs = optional(policy, "build_workflow_inputs");
    if (inputs.isPresent()) {
      List<Run> next = new ArrayList<>();
      for (Run r : runs) {
        for (String alternative : inputs.get().split(" \\| ")) {
          Map<String, String> o = new LinkedHashMap<>(r.options());
          Matcher m = INPUT.matcher(alternative);
          while (m.find()) {
            o.put("build_workflow_input:" + m.group(1), m.group(2));
          }
          next.add(new Run(r.label() + " inputs " + alternative, o, r.artifacts()));
        }
      }
      runs = next;
    }
    Optional<String> variants = optional(policy, "variants");
    if (variants.isPresent()) {
      String list = variants.get().substring(variants.get().indexOf(':') + 1).trim();
      List<Run> next = new ArrayList<>();
      for (Run r : runs) {
        for (String v : list.split(" \\| ")) {
          String[] kv = v.trim().split("=", 2);
          Map<String, String> o = new LinkedHashMap<>(r.options());
          o.put(kv[0], kv[1]);
          next.add(new Run(r.label() + " " + v.trim(), o, r.artifacts()));
        }
      }
      runs = next;
    }
    List<List<Artifact>> artifactSets = artifacts(policy, files);
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      for (List<Artifact> a : artifactSets) {
        String label = (r.label() + (artifactSets.size() > 1 ? " artifacts " + a : "")).trim();
        out.add(new Run(label.isEmpty() ? "as given" : label, r.options(), a));
      }
    }
    return out;
  }

  private static List<Run> cross(List<Run> runs, String option, List<Optional<String>> values) {
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      for (Optional<String> v : values) {
        Map<String, String> o = new LinkedHashMap<>(r.options());
        v.ifPresent(x -> o.put(option, x));
        String label = r.label() + " " + option + "=" + v.orElse("(unset)");
        out.add(new Run(label.trim(), o, r.artifacts()));
      }
    }
    return out;
  }

  /** {@code a | b}, {@code (unset) or b}, {@code (no builder-id given)}. */
  static List<Optional<String>> alternatives(String value) {
    List<Optional<String>> out = new ArrayList<>();
    for (String part : value.split(" \\| | or ")) {
      String p = part.trim();
      out.add(p.startsWith("(") ? Optional.empty() : Optional.of(p));
    }
    return out;
  }

  private static List<List<Artifact>> artifacts(Object policy, List<String> files) {
    Optional<String> digest = optional(policy, "artifact_digest");
    if (digest.isPresent()) {
      return List.of(List.of(new Artifact(Optional.empty(), Optional.of(bare(digest.get())))));
    }
    String artifact = optional(policy, "artifact").orElseThrow();
    if (artifact.contains(" and/or ")) {
      List<String> paths = new ArrayList<>();
      for (String f : files) {
        if (!f.endsWith(".jsonl")) {
          paths.add(f);
        }
      }
      Artifact first = file(paths.get(0));
      Artifact second = file(paths.get(1));
      return List.of(
          List.of(first),
          List.of(second),
          List.of(first, second),
          List.of(second, first),
          List.of(first, first));
    }
    String token = bare(artifact);
    String path =
        files.stream()
            .filter(f -> f.equals(token) || f.endsWith("/" + token))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no file for artifact " + token));
    return List.of(List.of(file(path)));
  }

  private static Artifact file(String path) {
    return new Artifact(Optional.of(path), Optional.empty());
  }

  private static Optional<String> optional(Object policy, String key) {
    Object v = Json.at(policy, key);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }

  /** The value up to the first space: drops the annotations some values carry. */
  static String bare(String value) {
    int p = value.indexOf(' ');
    return p < 0 ? value : value.substring(0, p);
  }

  @Override
  public String toString() {
    return id;
  }
}
