package dev.provenance.core.chain;

import dev.provenance.api.Finding;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.internal.chain.ChainEngine;
import dev.provenance.core.internal.chain.PolicyJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Human and machine reports of a chain verification: a text tree from the artifact back to its
 * roots, a JSON document of the same graph, and the findings of a failure.
 *
 * <pre>{@code
 * try {
 *   VerifiedChain chain = verifier.verify(artifact, paths);
 *   ChainReports.text(chain).forEach(System.out::println);
 * } catch (VerificationException e) {
 *   ChainReports.text(e).forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>The graph is rebuilt from the verified chain alone: an input links to the step whose subject
 * or stored envelope has its digest. Stateless and thread-safe.
 */
public final class ChainReports {
  private ChainReports() {}

  /**
   * Returns the chain as a text tree, artifact first; a step reached twice is expanded once.
   *
   * @param chain the verified chain
   * @return the lines
   */
  public static List<String> text(VerifiedChain chain) {
    Graph g = new Graph(chain);
    List<String> out = new ArrayList<>();
    out.add("verified chain of " + (chain.artifact().isEmpty() ? "every policy step" : digest(chain.artifact())));
    List<Integer> top = g.top();
    Set<Integer> shown = new HashSet<>();
    for (int i = 0; i < top.size(); i++) {
      stepLines(g, top.get(i), "", i == top.size() - 1, shown, out);
    }
    out.add(
        chain.steps().size()
            + " attestation(s) verified; roots: "
            + (chain.roots().isEmpty() ? "none" : String.join(", ", rootNames(chain.roots()))));
    return out;
  }

  private static List<String> rootNames(List<ResourceDescriptor> roots) {
    List<String> out = new ArrayList<>();
    for (ResourceDescriptor r : roots) {
      out.add(ChainEngine.nameOf(r) + " " + digest(r.digest()));
    }
    return out;
  }

  private static void stepLines(
      Graph g, int step, String indent, boolean last, Set<Integer> shown, List<String> out) {
    ChainStep s = g.chain.steps().get(step);
    String branch = indent + (last ? "└── " : "├── ");
    String childIndent = indent + (last ? "    " : "│   ");
    if (!shown.add(step)) {
      out.add(branch + "step " + s.name() + " (shown above)");
      return;
    }
    out.add(
        branch
            + "step "
            + s.name()
            + "  signed by "
            + signers(s)
            + "  envelope "
            + digest(s.envelopeDigest()));
    List<ResourceDescriptor> inputs = s.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      ResourceDescriptor in = inputs.get(i);
      boolean lastInput = i == inputs.size() - 1;
      List<Integer> producers = g.producers(in, step);
      String label = ChainEngine.nameOf(in) + " " + digest(in.digest());
      String inBranch = childIndent + (lastInput ? "└── " : "├── ");
      String inIndent = childIndent + (lastInput ? "    " : "│   ");
      if (producers.isEmpty()) {
        out.add(inBranch + label + "  [" + g.role(in) + "]");
        continue;
      }
      out.add(inBranch + label + "  <- " + names(g, producers));
      for (int p = 0; p < producers.size(); p++) {
        stepLines(g, producers.get(p), inIndent, p == producers.size() - 1, shown, out);
      }
    }
  }

  private static String names(Graph g, List<Integer> producers) {
    Set<String> n = new LinkedHashSet<>();
    for (int p : producers) {
      n.add(g.chain.steps().get(p).name());
    }
    return String.join(", ", n);
  }

  private static String signers(ChainStep s) {
    List<String> out = new ArrayList<>(s.functionaries());
    if (out.isEmpty()) {
      for (SignerIdentity id : s.attestation().envelope().signers()) {
        out.add(id.certificateIdentity().orElse("key " + id.keyId().value().substring(0, 12)));
      }
    }
    return String.join(", ", out);
  }

  private static String digest(DigestSet d) {
    if (d.isEmpty()) {
      return "(no digest)";
    }
    Map.Entry<DigestAlgorithm, String> e =
        d.get(DigestAlgorithm.SHA256).isPresent()
            ? Map.entry(DigestAlgorithm.SHA256, d.get(DigestAlgorithm.SHA256).get())
            : d.digests().entrySet().iterator().next();
    String v = e.getValue();
    return e.getKey().name() + ":" + (v.length() > 16 ? v.substring(0, 16) + "…" : v);
  }

  /**
   * Returns the chain as a JSON document: the artifact, every step with its signers, envelope
   * digest, subjects and inputs (each with the steps that produced it, or its role as root or
   * external), and the roots.
   *
   * @param chain the verified chain
   * @return the document
   */
  public static JsonObject json(VerifiedChain chain) {
    Graph g = new Graph(chain);
    List<JsonValue> steps = new ArrayList<>();
    for (int i = 0; i < chain.steps().size(); i++) {
      ChainStep s = chain.steps().get(i);
      List<JsonValue> signers = new ArrayList<>();
      for (SignerIdentity id : s.attestation().envelope().signers()) {
        JsonObject.Builder b = JsonObject.newBuilder().put("keyId", id.keyId().value());
        id.certificateIdentity().ifPresent(v -> b.put("identity", v));
        id.certificateIssuer().ifPresent(v -> b.put("issuer", v));
        signers.add(b.build());
      }
      List<JsonValue> subjects = new ArrayList<>();
      for (ResourceDescriptor r : s.attestation().statement().subject()) {
        subjects.add(descriptor(r).build());
      }
      List<JsonValue> inputs = new ArrayList<>();
      for (ResourceDescriptor in : s.inputs()) {
        JsonObject.Builder b = descriptor(in);
        List<Integer> producers = g.producers(in, i);
        if (producers.isEmpty()) {
          b.put("resolvedBy", g.role(in));
        } else {
          List<JsonValue> ps = new ArrayList<>();
          for (int p : producers) {
            ps.add(JsonValue.of(p));
          }
          b.put("producedBy", new JsonArray(ps));
        }
        inputs.add(b.build());
      }
      steps.add(
          JsonObject.newBuilder()
              .put("index", JsonValue.of(i))
              .put("name", s.name())
              .put("predicateType", s.attestation().statement().predicateType())
              .put("functionaries", strings(s.functionaries()))
              .put("signers", new JsonArray(signers))
              .put("envelopeDigest", PolicyJson.digestJson(s.envelopeDigest()))
              .put("subjects", new JsonArray(subjects))
              .put("inputs", new JsonArray(inputs))
              .build());
    }
    List<JsonValue> roots = new ArrayList<>();
    for (ResourceDescriptor r : chain.roots()) {
      roots.add(descriptor(r).build());
    }
    return JsonObject.newBuilder()
        .put("verified", JsonValue.of(true))
        .put("artifact", PolicyJson.digestJson(chain.artifact()))
        .put("steps", new JsonArray(steps))
        .put("roots", new JsonArray(roots))
        .build();
  }

  /**
   * Returns the findings of a failed verification, one line each: code, location and message.
   *
   * @param failure the failure
   * @return the lines
   */
  public static List<String> text(ProvenanceException failure) {
    List<String> out = new ArrayList<>();
    List<Finding> findings = failure.findings();
    out.add("chain verification failed: " + findings.size() + " finding(s)");
    for (Finding f : findings) {
      out.add(
          "  "
              + f.code()
              + (f.location().isEmpty() ? "" : " at " + f.location())
              + ": "
              + f.message());
    }
    return out;
  }

  /**
   * Returns the findings of a failed verification as JSON.
   *
   * @param failure the failure
   * @return {@code {"verified": false, "findings": [{"code", "location", "message"}]}}
   */
  public static JsonObject json(ProvenanceException failure) {
    List<JsonValue> fs = new ArrayList<>();
    for (Finding f : failure.findings()) {
      fs.add(
          JsonObject.newBuilder()
              .put("code", f.code().name())
              .put("location", f.location())
              .put("message", f.message())
              .build());
    }
    return JsonObject.newBuilder()
        .put("verified", JsonValue.of(false))
        .put("findings", new JsonArray(fs))
        .build();
  }

  private static JsonObject.Builder descriptor(ResourceDescriptor r) {
    JsonObject.Builder b = JsonObject.newBuilder();
    r.name().ifPresent(v -> b.put("name", v));
    r.uri().ifPresent(v -> b.put("uri", v));
    if (!r.digest().isEmpty()) {
      b.put("digest", PolicyJson.digestJson(r.digest()));
    }
    r.mediaType().ifPresent(v -> b.put("mediaType", v));
    return b;
  }

  private static JsonValue strings(List<String> values) {
    List<JsonValue> out = new ArrayList<>();
    for (String v : values) {
      out.add(JsonValue.of(v));
    }
    return new JsonArray(out);
  }

  /** The edges of a verified chain, rebuilt from digests. */
  private static final class Graph {
    final VerifiedChain chain;
    final Map<String, List<Integer>> bySubject = new HashMap<>();
    final Map<String, Integer> byEnvelope = new HashMap<>();
    final Set<String> roots = new HashSet<>();
    final Set<Integer> consumed = new HashSet<>();

    Graph(VerifiedChain chain) {
      this.chain = chain;
      for (int i = 0; i < chain.steps().size(); i++) {
        ChainStep s = chain.steps().get(i);
        for (ResourceDescriptor r : s.attestation().statement().subject()) {
          for (String k : keys(r.digest())) {
            List<Integer> l = bySubject.computeIfAbsent(k, x -> new ArrayList<>(1));
            if (!l.contains(i)) {
              l.add(i);
            }
          }
        }
        int index = i;
        chain.steps().get(i).envelopeDigest().get(DigestAlgorithm.SHA256).ifPresent(h -> byEnvelope.put(h, index));
      }
      for (ResourceDescriptor r : chain.roots()) {
        roots.add(ChainEngine.nameOf(r) + "#" + r.digest());
      }
      for (int i = 0; i < chain.steps().size(); i++) {
        for (ResourceDescriptor in : chain.steps().get(i).inputs()) {
          consumed.addAll(producers(in, i));
        }
      }
    }

    List<Integer> producers(ResourceDescriptor in, int consumer) {
      List<Integer> out = new ArrayList<>();
      Integer env = in.digest().get(DigestAlgorithm.SHA256).map(byEnvelope::get).orElse(null);
      if (env != null && env != consumer) {
        out.add(env);
        return out;
      }
      for (String k : keys(in.digest())) {
        for (int p : bySubject.getOrDefault(k, List.of())) {
          if (p != consumer && !out.contains(p)) {
            out.add(p);
          }
        }
      }
      return out;
    }

    String role(ResourceDescriptor in) {
      if (!roots.contains(ChainEngine.nameOf(in) + "#" + in.digest())) {
        return "not followed";
      }
      boolean commit =
          in.digest().get(DigestAlgorithm.GIT_COMMIT).or(() -> in.digest().get(DigestAlgorithm.SHA1)).isPresent();
      return commit ? "root" : "external";
    }

    List<Integer> top() {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < chain.steps().size(); i++) {
        ChainStep s = chain.steps().get(i);
        boolean makesArtifact = false;
        for (ResourceDescriptor r : s.attestation().statement().subject()) {
          makesArtifact |= !chain.artifact().isEmpty() && r.digest().matches(chain.artifact());
        }
        if (makesArtifact || (chain.artifact().isEmpty() && !consumed.contains(i))) {
          out.add(i);
        }
      }
      if (out.isEmpty() && !chain.steps().isEmpty()) {
        out.add(0);
      }
      return out;
    }

    private static List<String> keys(DigestSet d) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<DigestAlgorithm, String> e : d.digests().entrySet()) {
        out.add(e.getKey().name() + ":" + e.getValue());
      }
      return out;
    }
  }
}
