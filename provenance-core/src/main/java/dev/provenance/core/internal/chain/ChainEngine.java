package dev.provenance.core.internal.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.AttributeConstraint;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ExternalDependency;
import dev.provenance.core.chain.StepPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks verified attestations against a chain policy.
 *
 * <p>Chain mode starts from an artifact digest, finds the attestations whose subjects match,
 * follows every input digest to the attestations that produced it (or to the signed envelope it
 * names), and requires every path to end at a root or an allowed external dependency. Layout mode
 * (in-toto {@code verify}) checks every step of the policy without a starting artifact. Both
 * modes then check thresholds over distinct functionaries, agreement between co-signed
 * attestations, artifact rules, attribute constraints and SLSA external parameters, and collect
 * every finding instead of stopping at the first.
 *
 * <p>Work is linear in the number of attestations and their artifacts: subjects are indexed by
 * digest once, and rule targets are indexed once per step. One instance serves one verification
 * and is not thread-safe.
 */
public final class ChainEngine {
  /** Most findings reported; the rest are summarised in one last finding. */
  public static final int MAX_FINDINGS = 1000;

  /** Media types of this form name a stored DSSE envelope ({@code …+dsse}). */
  private static final String ENVELOPE_MEDIA_PREFIX = "application/vnd.in-toto";

  private static final int WHITE = 0;
  private static final int GREY = 1;
  private static final int BLACK = 2;

  private final ChainPolicy policy;
  private final Trust trust;
  private final Set<DigestAlgorithm> acceptable;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Rejected> rejected;
  private final Map<String, Glob> globs = new HashMap<>();
  private final Map<String, List<Subject>> subjectIndex = new HashMap<>();
  private final Map<String, Object> envelopeIndex = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();
  private int omitted;
  private Map<String, List<Subject>> nameIndex;
  private Map<String, List<Rejected>> claimIndex;
  private final Map<String, Map<String, List<DigestSet>>> ruleTargets = new HashMap<>();
  private final List<ResourceDescriptor> roots = new ArrayList<>();
  private final Set<String> rootKeys = new HashSet<>();
  private final Set<String> conflictChecked = new HashSet<>();

  /** One subject of one attestation, as indexed by digest. */
  private static final class Subject {
    final Node node;
    final String name;
    final DigestSet digest;

    Subject(Node node, String name, DigestSet digest) {
      this.node = node;
      this.name = name;
      this.digest = digest;
    }
  }

  /** An attestation with its step assignment and walk state. */
  private static final class Node {
    final Evidence ev;
    StepPolicy step;
    Set<String> functionaries = Set.of();
    ErrorCode problemCode;
    String problem;
    Map<String, DigestSet> materials;
    Map<String, DigestSet> products;
    String inputKey;
    String claimKey;
    int state = WHITE;
    boolean checked;

    Node(Evidence ev) {
      this.ev = ev;
    }
  }

  /** The outcome: findings, and the chain when there are none. */
  public static final class Result {
    private final List<Finding> findings;
    private final Optional<VerifiedChain> chain;

    Result(List<Finding> findings, Optional<VerifiedChain> chain) {
      this.findings = List.copyOf(findings);
      this.chain = chain;
    }

    /** @return every finding; empty on success */
    public List<Finding> findings() {
      return findings;
    }

    /** @return the verified chain, present exactly when there is no finding */
    public Optional<VerifiedChain> chain() {
      return chain;
    }
  }

  /**
   * Prepares a verification.
   *
   * @param policy the policy
   * @param trust signer-to-functionary mapping for the policy
   * @param verified the attestations whose signatures verified
   * @param rejected the attestations that did not verify
   */
  public ChainEngine(
      ChainPolicy policy, Trust trust, List<Evidence> verified, List<Rejected> rejected) {
    this.policy = policy;
    this.trust = trust;
    this.acceptable = Set.copyOf(policy.digestAlgorithms());
    this.rejected = List.copyOf(rejected);
    for (Evidence e : verified) {
      Node n = new Node(e);
      nodes.add(n);
      assign(n);
      for (ResourceDescriptor s : e.subjects()) {
        Subject sub = new Subject(n, nameOf(s), s.digest());
        for (String key : keys(s.digest())) {
          subjectIndex.computeIfAbsent(key, k -> new ArrayList<>(1)).add(sub);
        }
      }
      e.envelopeDigest().get(DigestAlgorithm.SHA256).ifPresent(h -> envelopeIndex.put(h, n));
    }
    for (Rejected r : rejected) {
      r.envelopeDigest().get(DigestAlgorithm.SHA256).ifPresent(h -> envelopeIndex.putIfAbsent(h, r));
    }
  }

  // ---------------------------------------------------------------- step assignment

  private void assign(Node n) {
    Evidence e = n.ev;
    Set<String> fids = trust.functionaries(e.signers());
    List<StepPolicy> claimed = new ArrayList<>();
    List<StepPolicy> typed = new ArrayList<>();
    Map<StepPolicy, String> constraintFailures = Map.of(); // made on the first failure
    for (StepPolicy s : policy.steps()) {
      if (!s.predicateTypes().contains(e.predicateType())) {
        continue;
      }
      if (e.linkName().isPresent() && !e.linkName().get().equals(s.name())) {
        continue;
      }
      typed.add(s);
      Optional<String> failure = attributes(s, e);
      if (failure.isPresent()) {
        if (constraintFailures.isEmpty()) {
          constraintFailures = new LinkedHashMap<>();
        }
        constraintFailures.put(s, failure.get());
      } else {
        claimed.add(s);
      }
    }
    if (claimed.isEmpty()) {
      if (typed.isEmpty()) {
        n.problemCode = ErrorCode.POLICY_MISMATCH;
        n.problem =
            "attestation "
                + e.source()
                + " ("
                + e.predicateType()
                + e.linkName().map(l -> ", link " + l).orElse("")
                + ") matches no step of the policy";
        return;
      }
      // prefer explaining the step the signer may sign
      StepPolicy best = typed.get(0);
      for (StepPolicy s : typed) {
        if (!Collections.disjoint(s.functionaries(), fids)) {
          best = s;
          break;
        }
      }
      n.problemCode = ErrorCode.POLICY_MISMATCH;
      n.problem =
          "attestation " + e.source() + " does not meet step " + best.name() + ": "
              + constraintFailures.get(best);
      return;
    }
    List<StepPolicy> signed = new ArrayList<>();
    for (StepPolicy s : claimed) {
      if (!Collections.disjoint(s.functionaries(), fids)) {
        signed.add(s);
      }
    }
    if (signed.size() == 1) {
      n.step = signed.get(0);
      if (n.step.functionaries().containsAll(fids)) {
        n.functionaries = fids; // unmodifiable, and already only the step's
      } else {
        Set<String> own = new LinkedHashSet<>(fids);
        own.retainAll(n.step.functionaries());
        n.functionaries = own;
      }
      return;
    }
    if (signed.isEmpty()) {
      StepPolicy s = claimed.get(0);
      n.problemCode = ErrorCode.UNTRUSTED_ANCHOR;
      n.problem =
          "attestation "
              + e.source()
              + " of step "
              + s.name()
              + " is signed by "
              + signerNames(e.signers())
              + ", not by a functionary of the step (allowed: "
              + String.join(", ", s.functionaries())
              + ")";
      return;
    }
    List<String> names = new ArrayList<>();
    for (StepPolicy s : signed) {
      names.add(s.name());
    }
    n.problemCode = ErrorCode.POLICY_MISMATCH;
    n.problem =
        "attestation "
            + e.source()
            + " fits several steps ("
            + String.join(", ", names)
            + "); add attribute constraints that tell them apart";
  }

  private String signerNames(List<SignerIdentity> signers) {
    List<String> out = new ArrayList<>();
    for (SignerIdentity s : signers) {
      Optional<String> f = trust.describe(s);
      String who =
          s.certificateIdentity().isPresent()
              ? s.certificateIdentity().get() + " (" + s.certificateIssuer().orElse("") + ")"
              : "key " + s.keyId().value().substring(0, 16);
      out.add(f.map(id -> "functionary " + id + " [" + who + "]").orElse(who));
    }
    return String.join(", ", out);
  }

  private Optional<String> attributes(StepPolicy s, Evidence e) {
    for (AttributeConstraint c : s.attributes()) {
      Optional<String> f = Attributes.check(c, e.predicate(), globs);
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- chain mode

  /**
   * Verifies the chain that ends in an artifact.
   *
   * @param artifact the artifact's digests
   * @return the findings, or the verified chain
   */
  public Result verifyFrom(DigestSet artifact) {
    List<Node> order = new ArrayList<>();
    List<Subject> start = producers(artifact, null);
    if (start.isEmpty()) {
      missing("artifact", null, artifact, "", Optional.empty());
    }
    Deque<Frame> stack = new ArrayDeque<>();
    for (Subject s : start) {
      if (s.node.state == WHITE) {
        walk(s.node, stack, order);
      }
    }
    List<Node> reached = new ArrayList<>(order);
    stepChecks(reached, true);
    if (!findings.isEmpty()) {
      return result(Optional.empty());
    }
    return result(Optional.of(new VerifiedChain(artifact, chainSteps(reached), roots)));
  }

  /**
   * Verifies every step of the policy without a starting artifact, as in-toto verification does.
   *
   * @return the findings, or a chain of every step's attestations (artifact empty)
   */
  public Result verifyLayout() {
    List<Node> assigned = new ArrayList<>();
    for (Node n : nodes) {
      if (n.step != null) {
        assigned.add(n);
        checkNode(n);
      }
    }
    stepChecks(assigned, false);
    if (!findings.isEmpty()) {
      return result(Optional.empty());
    }
    List<ChainStep> steps = chainSteps(assigned);
    if (steps.isEmpty()) {
      add(ErrorCode.POLICY_MISMATCH, "chain", "no attestation with products verified");
      return result(Optional.empty());
    }
    return result(Optional.of(new VerifiedChain(DigestSet.empty(), steps, roots)));
  }

  private Result result(Optional<VerifiedChain> chain) {
    List<Finding> out = new ArrayList<>(findings);
    if (omitted > 0) {
      out.add(
          Finding.of(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED, "chain", omitted + " more findings omitted"));
    }
    return new Result(out, out.isEmpty() ? chain : Optional.empty());
  }

  private static final class Frame {
    final Node node;
    final List<Node> next;
    int i;

    Frame(Node node, List<Node> next) {
      this.node = node;
      this.next = next;
    }
  }

  private void walk(Node start, Deque<Frame> stack, List<Node> order) {
    stack.push(enter(start, order));
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      if (f.i == f.next.size()) {
        f.node.state = BLACK;
        stack.pop();
        continue;
      }
      Node m = f.next.get(f.i++);
      if (m.state == WHITE) {
        stack.push(enter(m, order));
      } else if (m.state == GREY) {
        cycle(stack, m);
      }
    }
  }

  private Frame enter(Node n, List<Node> order) {
    n.state = GREY;
    order.add(n);
    checkNode(n);
    if (n.step == null || isOrigin(n.step)) {
      return new Frame(n, List.of());
    }
    List<ResourceDescriptor> inputs = n.ev.inputs();
    List<Node> next = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      for (Node p : resolve(n, inputs.get(i))) {
        addOnce(next, p);
      }
    }
    return new Frame(n, next);
  }

  private boolean isOrigin(StepPolicy s) {
    for (ChainRoot r : policy.roots()) {
      if (r.step().isPresent() && r.step().get().equals(s.name())) {
        return true;
      }
    }
    return false;
  }

  private void cycle(Deque<Frame> stack, Node back) {
    List<String> path = new ArrayList<>();
    for (java.util.Iterator<Frame> it = stack.descendingIterator(); it.hasNext(); ) {
      Frame f = it.next();
      if (!path.isEmpty() || f.node == back) {
        path.add(label(f.node));
      }
    }
    path.add(label(back));
    add(
        ErrorCode.BINDING_MISMATCH,
        "chain/" + stepName(back),
        "cycle: " + String.join(" -> ", path) + " never reaches a root");
  }

  private static String label(Node n) {
    return (n.step == null ? "?" : n.step.name()) + " (" + n.ev.source() + ")";
  }

  private static String stepName(Node n) {
    return n.step == null ? "?" : n.step.name();
  }

  /** Resolves one input of a node to the attestations it links to; adds findings for dead ends. */
  private List<Node> resolve(Node consumer, ResourceDescriptor input) {
    String step = consumer.step.name();
    String name = nameOf(input);
    DigestSet digest = input.digest();
    // 1. a stored envelope, named by the digest of its bytes
    Optional<String> sha = digest.get(DigestAlgorithm.SHA256);
    if (sha.isPresent()) {
      Object env = envelopeIndex.get(sha.get());
      if (env instanceof Node && env != consumer) {
        return List.of((Node) env);
      }
      if (env instanceof Rejected) {
        Rejected r = (Rejected) env;
        add(
            r.code(),
            inputLocation(step, name),
            "step " + step + " names attestation " + r.source() + ", which did not verify: "
                + r.reason());
        return List.of();
      }
    }
    if (input.mediaType().map(ChainEngine::isEnvelopeMediaType).orElse(false)) {
      add(
          ErrorCode.BINDING_MISMATCH,
          inputLocation(step, name),
          "step " + step + " names attestation " + name + " " + digest
              + ", which is not among the attestations (changed or missing)");
      return List.of();
    }
    // 2. attestations whose subjects match
    List<Subject> producers = producers(digest, consumer);
    if (!producers.isEmpty()) {
      checkConflict(digest, name, producers);
      if (producers.size() == 1) {
        return List.of(producers.get(0).node);
      }
      List<Node> out = new ArrayList<>(producers.size());
      for (Subject s : producers) {
        out.add(s.node);
      }
      return out;
    }
    // 3. a root, or 4. an allowed external
    if (matchesRoot(step, name, input) || matchesExternal(step, name, input)) {
      return List.of();
    }
    if (digest.isEmpty()) {
      add(
          ErrorCode.POLICY_MISMATCH,
          inputLocation(step, name),
          "step " + step + " consumes " + name + " without a digest; it is neither a root nor an"
              + " allowed external dependency");
      return List.of();
    }
    missing(inputLocation(step, name), consumer, digest, name, Optional.of(step));
    return List.of();
  }

  /** The location of a step's input in findings; built only when a finding needs it. */
  private static String inputLocation(String step, String name) {
    return "chain/" + step + "/inputs/" + name;
  }

  private static boolean isEnvelopeMediaType(String mediaType) {
    return mediaType.startsWith(ENVELOPE_MEDIA_PREFIX) && mediaType.endsWith("+dsse");
  }

  private List<Subject> producers(DigestSet digest, Node exclude) {
    List<Subject> out = List.of();
    for (String key : keys(digest)) {
      List<Subject> l = subjectIndex.get(key);
      if (l == null) {
        continue;
      }
      for (Subject s : l) {
        if (s.node != exclude && !hasNode(out, s.node) && s.digest.matches(digest, acceptable)) {
          if (out.isEmpty()) {
            out = new ArrayList<>(Math.max(1, l.size()));
          }
          out.add(s);
        }
      }
    }
    return out;
  }

  private static boolean hasNode(List<Subject> subjects, Node n) {
    // producer lists are short; a linear scan beats hashing here
    for (int i = 0; i < subjects.size(); i++) {
      if (subjects.get(i).node == n) {
        return true;
      }
    }
    return false;
  }

  private static void addOnce(List<Node> nodes, Node n) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) == n) {
        return;
      }
    }
    nodes.add(n);
  }

  /** Reports an input (or the artifact) that nothing produced, with the best explanation. */
  private void missing(
      String location, Node consumer, DigestSet digest, String name, Optional<String> step) {
    String who = step.map(s -> "step " + s + " consumes ").orElse("the artifact ");
    String what = (name.isEmpty() ? "" : name + " ") + digest;
    // a rejected attestation claims it: the real reason is that one's signature or format
    List<Rejected> claims = claimants(digest);
    if (!claims.isEmpty()) {
      Rejected r = claims.get(0);
      add(
          r.code(),
          location,
          who + what + ", produced only by attestation " + r.source() + ", which did not verify: "
              + r.reason());
      return;
    }
    // a verified attestation produced the same name with other bytes: a changed artifact
    for (Subject s : name.isEmpty() ? List.<Subject>of() : byName(name)) {
      if (s.node != consumer && !s.digest.matches(digest, acceptable)) {
        add(
            ErrorCode.BINDING_MISMATCH,
            location,
            who + what + ", but step " + stepName(s.node) + " (" + s.node.ev.source()
                + ") produced " + name + " " + s.digest);
        return;
      }
    }
    add(
        ErrorCode.BINDING_MISMATCH,
        location,
        who + what + ": no attestation produced it and the policy does not allow"
            + " it as a root or external dependency"
            + (rejected.isEmpty() ? "" : " (" + rejected.size() + " attestations did not verify)"));
  }

  /** The rejected attestations that claim a digest, from an index built on first use. */
  private List<Rejected> claimants(DigestSet digest) {
    if (claimIndex == null) {
      claimIndex = new HashMap<>();
      for (Rejected r : rejected) {
        for (DigestSet claimed : r.claimedSubjects()) {
          for (String key : keys(claimed)) {
            claimIndex.computeIfAbsent(key, k -> new ArrayList<>(1)).add(r);
          }
        }
      }
    }
    List<Rejected> out = new ArrayList<>(1);
    for (String key : keys(digest)) {
      for (Rejected r : claimIndex.getOrDefault(key, List.of())) {
        if (!out.contains(r) && anyMatches(r.claimedSubjects(), digest)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private boolean anyMatches(List<DigestSet> claims, DigestSet digest) {
    for (DigestSet c : claims) {
      if (c.matches(digest, acceptable)) {
        return true;
      }
    }
    return false;
  }

  private List<Subject> byName(String name) {
    if (nameIndex == null) {
      nameIndex = new HashMap<>();
      for (List<Subject> l : subjectIndex.values()) {
        for (Subject s : l) {
          List<Subject> bucket = nameIndex.computeIfAbsent(s.name, k -> new ArrayList<>());
          if (!bucket.contains(s)) {
            bucket.add(s);
          }
        }
      }
    }
    return nameIndex.getOrDefault(name, List.of());
  }

  private void checkConflict(DigestSet digest, String name, List<Subject> producers) {
    if (producers.size() < 2) {
      return;
    }
    String key = digest.toString();
    if (!conflictChecked.add(key)) {
      return;
    }
    Map<String, Node> byInputs = new LinkedHashMap<>();
    for (Subject s : producers) {
      if (consumes(s.node, digest)) {
        continue; // passes the artifact through unchanged; not a rival producer
      }
      byInputs.putIfAbsent(inputKey(s.node), s.node);
    }
    if (byInputs.size() > 1) {
      List<String> who = new ArrayList<>();
      for (Node n : byInputs.values()) {
        who.add(label(n));
      }
      add(
          ErrorCode.BINDING_MISMATCH,
          "chain/" + stepName(byInputs.values().iterator().next()) + "/products/" + name,
          "attestations " + String.join(" and ", who) + " both produce " + name + " " + digest
              + " from different inputs");
    }
  }

  private boolean consumes(Node n, DigestSet digest) {
    for (ResourceDescriptor in : n.ev.inputs()) {
      if (in.digest().matches(digest, acceptable)) {
        return true;
      }
    }
    return false;
  }

  private String inputKey(Node n) {
    if (n.inputKey == null) {
      n.inputKey = artifactsKey(n.ev.inputs());
    }
    return n.inputKey;
  }

  private String claimKey(Node n) {
    if (n.claimKey == null) {
      n.claimKey = inputKey(n) + "\n=>\n" + artifactsKey(n.ev.subjects());
    }
    return n.claimKey;
  }

  private String artifactsKey(List<ResourceDescriptor> artifacts) {
    TreeSet<String> parts = new TreeSet<>();
    for (ResourceDescriptor r : artifacts) {
      StringBuilder sb = new StringBuilder(nameOf(r)).append('=');
      for (Map.Entry<DigestAlgorithm, String> d : r.digest().digests().entrySet()) {
        if (acceptable.contains(d.getKey())) {
          sb.append(d.getKey()).append(':').append(d.getValue()).append(',');
        }
      }
      parts.add(sb.toString());
    }
    return String.join("\n", parts);
  }

  // ---------------------------------------------------------------- roots and externals

  private boolean matchesRoot(String step, String name, ResourceDescriptor input) {
    String uri = input.uri().orElse(input.name().filter(ArtifactNames::isUri).orElse(""));
    if (uri.isEmpty()) {
      return false;
    }
    String failure = null;
    for (ChainRoot r : policy.roots()) {
      if (r.repository().isEmpty()) {
        continue;
      }
      String repo = r.repository().get();
      Optional<String> ref;
      if (uri.equals(repo)) {
        ref = Optional.empty();
      } else if (uri.startsWith(repo + "@")) {
        ref = Optional.of(uri.substring(repo.length() + 1));
      } else {
        continue;
      }
      Optional<String> commit =
          input.digest().get(DigestAlgorithm.GIT_COMMIT).or(() -> input.digest().get(DigestAlgorithm.SHA1));
      if (commit.isEmpty()) {
        failure = "source " + uri + " has no gitCommit digest";
        continue;
      }
      if (!r.commits().isEmpty() && !r.commits().contains(commit.get())) {
        failure = "commit " + commit.get() + " of " + repo + " is not an allowed root commit";
        continue;
      }
      if (!r.refs().isEmpty() && !refAllowed(r.refs(), ref)) {
        failure = "ref " + ref.orElse("(none)") + " of " + repo + " is not an allowed root ref";
        continue;
      }
      String key = uri + "#" + commit.get();
      if (rootKeys.add(key)) {
        roots.add(input);
      }
      return true;
    }
    if (failure != null) {
      add(ErrorCode.POLICY_MISMATCH, inputLocation(step, name), "step " + step + ": " + failure);
      return true; // reported; not a missing link as well
    }
    return false;
  }

  private boolean refAllowed(List<String> refs, Optional<String> ref) {
    if (ref.isEmpty()) {
      return false;
    }
    for (String r : refs) {
      if (glob(r).matches(ref.get())) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesExternal(String step, String name, ResourceDescriptor input) {
    ExternalDependency pinnedMiss = null;
    for (ExternalDependency x : policy.externals()) {
      if (x.name().isPresent()
          && (input.name().isEmpty() || !glob(x.name().get()).matches(input.name().get()))) {
        continue;
      }
      if (x.uri().isPresent()
          && (input.uri().isEmpty() || !glob(x.uri().get()).matches(input.uri().get()))) {
        continue;
      }
      if (x.digest().isEmpty() || x.digest().matches(input.digest(), acceptable)) {
        String key = "external:" + nameOf(input) + "#" + input.digest();
        if (rootKeys.add(key)) {
          roots.add(input);
        }
        return true;
      }
      pinnedMiss = x;
    }
    if (pinnedMiss != null) {
      add(
          ErrorCode.BINDING_MISMATCH,
          inputLocation(step, name),
          "step " + step + " consumes external " + nameOf(input) + " " + input.digest()
              + ", but the policy pins " + pinnedMiss.digest());
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- per-node checks

  private void checkNode(Node n) {
    if (n.checked) {
      return;
    }
    n.checked = true;
    if (n.step == null) {
      add(n.problemCode, "attestations/" + n.ev.source(), n.problem);
      return;
    }
    String step = n.step.name();
    n.materials = artifactMap(n, n.ev.materials(), "materials");
    n.products = artifactMap(n, n.ev.subjects(), "products");
    if (n.step.allowedExternalParameters().isPresent() && n.ev.externalParameters().isPresent()) {
      List<String> allowed = n.step.allowedExternalParameters().get();
      for (String key : n.ev.externalParameters().get().members().keySet()) {
        if (!allowed.contains(key)) {
          add(
              ErrorCode.POLICY_MISMATCH,
              "chain/" + step + "/externalParameters/" + key,
              "step " + step + " (" + n.ev.source() + ") records external parameter " + key
                  + ", which the policy does not allow");
        }
      }
    }
  }

  private Map<String, DigestSet> artifactMap(Node n, List<ResourceDescriptor> list, String kind) {
    if (list.isEmpty()) {
      return Map.of();
    }
    if (list.size() == 1) {
      // the common case; the map is kept for the whole verification, so keep it small
      ResourceDescriptor r = list.get(0);
      String name = nameOf(r);
      return nameRejected(n, kind, name) ? Map.of() : Map.of(name, r.digest());
    }
    Map<String, DigestSet> out = new LinkedHashMap<>(Math.max(4, list.size() * 2));
    Map<String, String> folded = new HashMap<>();
    String step = n.step.name();
    for (ResourceDescriptor r : list) {
      String name = nameOf(r);
      if (nameRejected(n, kind, name)) {
        continue;
      }
      String prev = folded.putIfAbsent(ArtifactNames.caseFold(name), name);
      if (prev != null) {
        add(
            ErrorCode.MALFORMED_INPUT,
            "chain/" + step + "/" + kind + "/" + name,
            "step " + step + " (" + n.ev.source() + ") reports both " + prev + " and " + name
                + ", which name one file on a case-insensitive file system");
        continue;
      }
      out.put(name, r.digest());
    }
    return out;
  }

  /** Reports an artifact name that is not canonical; returns whether it was reported. */
  private boolean nameRejected(Node n, String kind, String name) {
    Optional<String> problem = ArtifactNames.problem(name);
    if (problem.isPresent()) {
      String step = n.step.name();
      add(
          ErrorCode.MALFORMED_INPUT,
          "chain/" + step + "/" + kind + "/" + name,
          "step " + step + " (" + n.ev.source() + "): artifact name rejected: " + problem.get());
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- per-step checks

  private void stepChecks(List<Node> reached, boolean chainMode) {
    Map<String, List<Node>> byStep = new LinkedHashMap<>();
    for (Node n : reached) {
      if (n.step != null) {
        byStep.computeIfAbsent(n.step.name(), k -> new ArrayList<>()).add(n);
      }
    }
    RuleEngine.OtherSteps others = (step, target) -> ruleTarget(step, target, byStep);
    java.util.function.Function<String, Glob> compiled = this::glob;
    List<Finding> sink = new SinkList();
    for (StepPolicy s : policy.steps()) {
      List<Node> ns = byStep.getOrDefault(s.name(), List.of());
      if (ns.isEmpty()) {
        if (s.required() || !chainMode) {
          add(
              ErrorCode.THRESHOLD_NOT_MET,
              "chain/" + s.name(),
              "step " + s.name() + " requires " + s.threshold()
                  + " attestation(s) from distinct functionaries, found none" + explainAbsent(s));
        }
        continue;
      }
      Map<Object, List<Node>> groups = new LinkedHashMap<>();
      boolean grouped = !chainMode || s.threshold() > 1;
      for (Node n : ns) {
        // with a threshold of one, every attestation stands alone: no need to compare claims
        Object key = grouped ? claimKey(n) : n;
        groups.computeIfAbsent(key, k -> new ArrayList<>(1)).add(n);
      }
      if (!chainMode && groups.size() > 1) {
        List<String> who = new ArrayList<>();
        for (List<Node> g : groups.values()) {
          who.add(g.get(0).ev.source());
        }
        add(
            ErrorCode.BINDING_MISMATCH,
            "chain/" + s.name(),
            "attestations of step " + s.name() + " report different materials or products: "
                + String.join(", ", who));
      }
      for (List<Node> g : groups.values()) {
        Set<String> principals = new LinkedHashSet<>();
        for (Node n : g) {
          for (String f : n.functionaries) {
            principals.add(trust.principal(f));
          }
        }
        if (principals.size() < s.threshold()) {
          add(
              ErrorCode.THRESHOLD_NOT_MET,
              "chain/" + s.name(),
              "step " + s.name() + " requires " + s.threshold()
                  + " distinct functionaries, found " + principals.size() + " ("
                  + g.get(0).ev.source() + ")");
        }
        Node rep = g.get(0);
        RuleEngine.apply(
            s.name(),
            s.expectedMaterials(),
            s.expectedProducts(),
            rep.materials,
            rep.products,
            others,
            acceptable,
            compiled,
            sink);
      }
    }
  }

  private String explainAbsent(StepPolicy s) {
    for (Node n : nodes) {
      if (n.step == null && n.problem != null && n.problem.contains("step " + s.name())) {
        return ": " + n.problem;
      }
    }
    for (Rejected r : rejected) {
      if (r.source().contains(s.name())) {
        return ": attestation " + r.source() + " did not verify: " + r.reason();
      }
    }
    return "";
  }

  private Optional<Map<String, List<DigestSet>>> ruleTarget(
      String step, ArtifactRule.Target target, Map<String, List<Node>> byStep) {
    List<Node> ns = byStep.get(step);
    if (ns == null || ns.isEmpty()) {
      return Optional.empty();
    }
    String key = step + "/" + target;
    Map<String, List<DigestSet>> m = ruleTargets.get(key);
    if (m == null) {
      m = new HashMap<>();
      for (Node n : ns) {
        Map<String, DigestSet> arts =
            target == ArtifactRule.Target.MATERIALS ? n.materials : n.products;
        for (Map.Entry<String, DigestSet> e : arts.entrySet()) {
          List<DigestSet> l = m.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1));
          if (!l.contains(e.getValue())) {
            l.add(e.getValue());
          }
        }
      }
      ruleTargets.put(key, m);
    }
    return Optional.of(m);
  }

  /** A list view whose {@code add} goes through the finding cap and de-duplication. */
  private final class SinkList extends java.util.AbstractList<Finding> {
    @Override
    public boolean add(Finding f) {
      ChainEngine.this.add(f.code(), f.location(), f.message());
      return true;
    }

    @Override
    public Finding get(int index) {
      return findings.get(index);
    }

    @Override
    public int size() {
      return findings.size();
    }
  }

  // ---------------------------------------------------------------- result

  private List<ChainStep> chainSteps(List<Node> reached) {
    List<ChainStep> out = new ArrayList<>();
    for (Node n : reached) {
      if (n.step == null || n.ev.attestation().isEmpty()) {
        continue;
      }
      out.add(
          new ChainStep(
              n.step.name(),
              n.ev.attestation().get(),
              n.ev.envelopeDigest(),
              n.ev.inputs(),
              List.copyOf(n.functionaries)));
    }
    return out;
  }

  // ---------------------------------------------------------------- utilities

  private Glob glob(String pattern) {
    return globs.computeIfAbsent(pattern, Glob::compile);
  }

  private void add(ErrorCode code, String location, String message) {
    if (!reported.add(code + "\n" + location + "\n" + message)) {
      return;
    }
    if (findings.size() >= MAX_FINDINGS) {
      omitted++;
      return;
    }
    findings.add(Finding.of(code, location, message));
  }

  /**
   * Returns the index keys of a digest set: its acceptable values. The algorithm is left out of
   * the key (hex values of different algorithms practically never collide, and every hit is
   * confirmed with {@link DigestSet#matches}), which saves building a string per lookup.
   */
  private List<String> keys(DigestSet digest) {
    java.util.SortedMap<DigestAlgorithm, String> m = digest.digests();
    if (m.size() == 1) {
      Map.Entry<DigestAlgorithm, String> e = m.entrySet().iterator().next();
      return acceptable.contains(e.getKey()) ? List.of(e.getValue()) : List.of();
    }
    List<String> out = new ArrayList<>(m.size());
    for (Map.Entry<DigestAlgorithm, String> e : m.entrySet()) {
      if (acceptable.contains(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /**
   * Returns the name artifact rules use for a descriptor: its name, else its URI, else its first
   * digest as {@code alg:hex}.
   *
   * @param r the descriptor
   * @return the name
   */
  public static String nameOf(ResourceDescriptor r) {
    if (r.name().isPresent()) {
      return r.name().get();
    }
    if (r.uri().isPresent()) {
      return r.uri().get();
    }
    if (!r.digest().isEmpty()) {
      Map.Entry<DigestAlgorithm, String> e = r.digest().digests().entrySet().iterator().next();
      return e.getKey().name() + ":" + e.getValue();
    }
    return "_";
  }

  /** Attribute-constraint evaluation. */
  static final class Attributes {
    /** Budget of character reads for one regular-expression match (guards against ReDoS). */
    static final int REGEX_BUDGET = 1_000_000;

    private Attributes() {}

    static Optional<String> check(AttributeConstraint c, JsonValue predicate, Map<String, Glob> globs) {
      Optional<JsonValue> v = JsonPointers.resolve(predicate, c.pointer());
      if (v.isEmpty()) {
        return Optional.of(c.pointer() + " is absent (expected " + expected(c) + ")");
      }
      JsonValue found = v.get();
      switch (c.operator()) {
        case EQUALS:
          return JsonPointers.jsonEquals(found, c.values().get(0))
              ? Optional.empty()
              : Optional.of(mismatch(c, found));
        case ONE_OF:
          for (JsonValue allowed : c.values()) {
            if (JsonPointers.jsonEquals(found, allowed)) {
              return Optional.empty();
            }
          }
          return Optional.of(mismatch(c, found));
        case REGEX:
          if (!(found instanceof JsonString)) {
            return Optional.of(mismatch(c, found));
          }
          String pattern = ((JsonString) c.values().get(0)).value();
          try {
            return BoundedRegex.matches(pattern, ((JsonString) found).value(), REGEX_BUDGET)
                ? Optional.empty()
                : Optional.of(mismatch(c, found));
          } catch (BoundedRegex.BudgetExceeded e) {
            return Optional.of(c.pointer() + ": regular expression exceeded its work budget");
          }
        default:
          if (!(found instanceof JsonString)) {
            return Optional.of(mismatch(c, found));
          }
          String g = ((JsonString) c.values().get(0)).value();
          return globs.computeIfAbsent(g, Glob::compile).matches(((JsonString) found).value())
              ? Optional.empty()
              : Optional.of(mismatch(c, found));
      }
    }

    private static String expected(AttributeConstraint c) {
      switch (c.operator()) {
        case EQUALS:
          return render(c.values().get(0));
        case ONE_OF:
          List<String> parts = new ArrayList<>();
          for (JsonValue v : c.values()) {
            parts.add(render(v));
          }
          return "one of " + String.join(", ", parts);
        case REGEX:
          return "a match of /" + ((JsonString) c.values().get(0)).value() + "/";
        default:
          return "a match of " + ((JsonString) c.values().get(0)).value();
      }
    }

    private static String mismatch(AttributeConstraint c, JsonValue found) {
      return c.pointer() + " expected " + expected(c) + ", found " + render(found);
    }

    private static String render(JsonValue v) {
      if (v instanceof JsonString) {
        String s = ((JsonString) v).value();
        return "\"" + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + "\"";
      }
      if (v instanceof JsonObject) {
        return "{…}";
      }
      if (v instanceof JsonArray) {
        return "[…]";
      }
      if (v instanceof JsonNumber) {
        String s = ((JsonNumber) v).literal();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
      }
      if (v instanceof JsonBoolean) {
        return Boolean.toString(((JsonBoolean) v).value());
      }
      return "null";
    }
  }
}
