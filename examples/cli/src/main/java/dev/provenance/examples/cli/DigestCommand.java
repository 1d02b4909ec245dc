package dev.provenance.examples.cli;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.digest.Digester;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code provenance digest [--algorithm A,...] PATH...}: prints the in-toto digests of files
 * (default {@code sha256}) and directory trees ({@code dirHash} and {@code gitTree}), one {@code
 * alg:hex  path} line per digest. Stateless and thread-safe.
 */
public final class DigestCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder("provenance digest [--algorithm A,...] PATH...")
          .single("--algorithm")
          .positionals(1, Integer.MAX_VALUE)
          .build();

  private static final Set<DigestAlgorithm> TREE_ALGORITHMS =
      Set.of(DigestAlgorithm.DIR_HASH, DigestAlgorithm.GIT_TREE);

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    Set<DigestAlgorithm> requested = algorithms(args.value("--algorithm").orElse("sha256"));
    Set<DigestAlgorithm> fileAlgorithms = new LinkedHashSet<>(requested);
    fileAlgorithms.removeAll(TREE_ALGORITHMS);
    Set<DigestAlgorithm> treeAlgorithms = new LinkedHashSet<>(requested);
    treeAlgorithms.retainAll(TREE_ALGORITHMS);
    if (treeAlgorithms.isEmpty()) {
      treeAlgorithms.addAll(List.of(DigestAlgorithm.DIR_HASH, DigestAlgorithm.GIT_TREE));
    }
    Digester digester = fileAlgorithms.isEmpty() ? null : digester(fileAlgorithms);

    List<String> text = new ArrayList<>();
    List<JsonValue> json = new ArrayList<>();
    for (String name : args.positionals()) {
      Path path = Path.of(name);
      DigestSet digests;
      if (Files.isDirectory(path)) {
        digests = select(Digester.sha256().digestTree(path).digests(), treeAlgorithms);
      } else {
        InputFiles.existingFile("PATH", name);
        if (digester == null) {
          throw new UsageException(
              name + " is a file, but only directory algorithms were asked for");
        }
        digests = digester.digest(path);
      }
      for (Map.Entry<DigestAlgorithm, String> d : digests.digests().entrySet()) {
        text.add(d.getKey().name() + ":" + d.getValue() + "  " + name);
      }
      json.add(
          JsonObject.newBuilder()
              .put("path", name)
              .put("digest", digestJson(digests))
              .build());
    }
    return output.success(
        JsonObject.newBuilder().put("digests", JsonValue.of(json)).build(), text);
  }

  /** Returns a digest set as the in-toto JSON object {@code {"alg": "hex", ...}}. */
  static JsonObject digestJson(DigestSet digests) {
    JsonObject.Builder b = JsonObject.newBuilder();
    digests.digests().forEach((alg, hex) -> b.put(alg.name(), hex));
    return b.build();
  }

  private static DigestSet select(DigestSet all, Set<DigestAlgorithm> wanted) {
    DigestSet out = DigestSet.empty();
    for (Map.Entry<DigestAlgorithm, String> d : all.digests().entrySet()) {
      if (wanted.contains(d.getKey())) {
        out = out.with(d.getKey(), d.getValue());
      }
    }
    return out;
  }

  /**
   * Parses a comma-separated list of in-toto digest algorithm names.
   *
   * @param list for example {@code sha256,sha512}
   * @return the algorithms, in order, without repeats
   * @throws UsageException for an empty or unknown name
   */
  static Set<DigestAlgorithm> algorithms(String list) throws UsageException {
    Set<DigestAlgorithm> out = new LinkedHashSet<>();
    for (String name : list.split(",", -1)) {
      String n = name.strip();
      if (n.isEmpty()) {
        throw new UsageException("--algorithm: empty algorithm name in '" + list + "'");
      }
      DigestAlgorithm a = DigestAlgorithm.of(n);
      if (!a.isKnown()) {
        throw new UsageException("--algorithm: unknown digest algorithm '" + n + "'");
      }
      out.add(a);
    }
    return out;
  }

  /**
   * Builds a digester for file algorithms.
   *
   * @param algorithms the algorithms
   * @return the digester
   * @throws UsageException for an algorithm that cannot hash files here
   */
  static Digester digester(Set<DigestAlgorithm> algorithms) throws UsageException {
    try {
      return Digester.newBuilder().algorithms(algorithms).build();
    } catch (MalformedInputException e) {
      throw new UsageException("--algorithm: cannot hash files with " + e.location().orElse("") + ": " + Output.bareMessage(e.getMessage(), e.location().orElse("")));
    }
  }
}
