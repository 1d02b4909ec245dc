package dev.provenance.core.digest;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.internal.digest.DirHash;
import dev.provenance.core.internal.digest.GitTrees;
import dev.provenance.core.internal.digest.HashEngine;
import dev.provenance.core.internal.digest.HashFunction;
import dev.provenance.core.internal.digest.HashResult;
import dev.provenance.core.internal.digest.Names;
import dev.provenance.core.internal.digest.ScannedTree;
import dev.provenance.core.internal.digest.TreeScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Computes in-toto digests of bytes, streams, files, file lists and directory trees, several
 * algorithms in one pass over the content.
 *
 * <pre>{@code
 * Digester digester = Digester.newBuilder()
 *     .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
 *     .build();                                       // immutable: build once, share
 * DigestSet file = digester.digest(Path.of("app.jar"));
 * List<FileDigest> all = digester.digestAll(paths);   // files hashed in parallel, results in order
 * DirectoryDigest tree = digester.digestTree(Path.of("src"));  // dirHash, gitTree, manifest
 * }</pre>
 *
 * <p>When several algorithms are configured, each runs in its own thread over the same memory (the
 * mapped file, or the buffer just read from a stream), so hashing with SHA-256 and SHA-512 takes
 * about as long as SHA-512 alone; many files are hashed in parallel. Threads come from the
 * configured executor ({@link ForkJoinPool#commonPool()} by default), and the calling thread always
 * takes part, so a busy executor slows a call down but never blocks it.
 *
 * <p><b>Bad input.</b> Unreadable paths, directories or special files where a file is expected,
 * files that change while being read, rejected names and symbolic links in trees give {@link
 * MalformedInputException} with code {@code MALFORMED_INPUT} and the offending path as location;
 * passing a {@link DigestLimits} bound gives {@code RESOURCE_LIMIT_EXCEEDED}. No unchecked
 * exception escapes on such input.
 *
 * <p><b>Names in trees.</b> With {@link Builder#requirePortableNames(boolean)} on (the default),
 * a tree is rejected if it holds a name that another common system would change or merge: control
 * characters, backslashes, colons, names ending in a dot or space, and names that differ only in
 * case or Unicode normalization. Names that are not valid UTF-8, and case variants of {@code .git},
 * are always rejected. Entries named {@code .git} are not part of any tree.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Digester {
  private static final Digester SHA256_ONLY =
      new Digester(
          List.of(DigestAlgorithm.SHA256),
          DigestLimits.defaults(),
          GitObjectFormat.SHA1,
          true,
          ForkJoinPool.commonPool());

  private final List<DigestAlgorithm> algorithms;
  private final DigestLimits limits;
  private final GitObjectFormat gitObjectFormat;
  private final boolean portableNames;
  private final Executor executor;
  private final HashEngine engine;
  private final HashEngine treeEngine;
  private final HashEngine blobEngine;
  private final int treeSha256;
  private final int treeBlob;

  private Digester(
      List<DigestAlgorithm> algorithms,
      DigestLimits limits,
      GitObjectFormat gitObjectFormat,
      boolean portableNames,
      Executor executor) {
    this.algorithms = List.copyOf(algorithms);
    this.limits = limits;
    this.gitObjectFormat = gitObjectFormat;
    this.portableNames = portableNames;
    this.executor = executor;
    List<HashFunction> functions = new ArrayList<>();
    for (DigestAlgorithm a : this.algorithms) {
      functions.add(function(a, gitObjectFormat));
    }
    this.engine = new HashEngine(functions, executor);
    List<HashFunction> tree = new ArrayList<>(functions);
    if (!this.algorithms.contains(DigestAlgorithm.SHA256)) {
      tree.add(function(DigestAlgorithm.SHA256, gitObjectFormat));
    }
    if (!this.algorithms.contains(DigestAlgorithm.GIT_BLOB)) {
      tree.add(function(DigestAlgorithm.GIT_BLOB, gitObjectFormat));
    }
    this.treeEngine = new HashEngine(tree, executor);
    this.treeSha256 = indexOf(tree, DigestAlgorithm.SHA256);
    this.treeBlob = indexOf(tree, DigestAlgorithm.GIT_BLOB);
    this.blobEngine =
        new HashEngine(List.of(HashFunction.gitBlob(gitObjectFormat.jcaName())), executor);
  }

  private static HashFunction function(DigestAlgorithm a, GitObjectFormat format) {
    if (a.equals(DigestAlgorithm.GIT_BLOB)) {
      return HashFunction.gitBlob(format.jcaName());
    }
    try {
      return HashFunction.jca(a);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("checked by the builder: " + a, e);
    }
  }

  private static int indexOf(List<HashFunction> functions, DigestAlgorithm a) {
    for (int i = 0; i < functions.size(); i++) {
      if (functions.get(i).algorithm().equals(a)) {
        return i;
      }
    }
    throw new ProvenanceBugException("missing " + a);
  }

  /**
   * Returns a digester for {@code sha256} with the default settings.
   *
   * @return the shared instance
   */
  public static Digester sha256() {
    return SHA256_ONLY;
  }

  /**
   * Returns a builder: {@code sha256}, {@link DigestLimits#defaults()}, SHA-1 git object ids,
   * portable names required, the common fork-join pool.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the algorithms every file, stream and byte array is hashed with.
   *
   * @return the algorithms, sorted by name
   */
  public SortedSet<DigestAlgorithm> algorithms() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(algorithms));
  }

  /**
   * Returns the limits applied to each call.
   *
   * @return the limits
   */
  public DigestLimits limits() {
    return limits;
  }

  /**
   * Returns the object format of {@code gitBlob} and {@code gitTree} values.
   *
   * @return the git object format
   */
  public GitObjectFormat gitObjectFormat() {
    return gitObjectFormat;
  }

  /**
   * Returns whether trees with non-portable names are rejected.
   *
   * @return true if portable names are required
   */
  public boolean requiresPortableNames() {
    return portableNames;
  }

  /**
   * Hashes bytes held in memory.
   *
   * @param data the bytes
   * @return one digest per configured algorithm
   */
  public DigestSet digest(byte[] data) {
    Objects.requireNonNull(data, "data");
    return toDigestSet(engine.hash(data), engine.functions().size());
  }

  /**
   * Hashes a regular file. A symbolic link at {@code file} is followed.
   *
   * @param file the file
   * @return one digest per configured algorithm
   * @throws MalformedInputException MALFORMED_INPUT if the file does not exist, cannot be read, is
   *     not a regular file (directory, FIFO, device, dangling or looping link) or changes while
   *     being read; RESOURCE_LIMIT_EXCEEDED if larger than {@link DigestLimits#maxTotalBytes()};
   *     the location is the path
   */
  public DigestSet digest(Path file) throws MalformedInputException {
    Objects.requireNonNull(file, "file");
    return digestAll(List.of(file)).get(0).digests();
  }

  /**
   * Hashes a stream up to its end. The stream is not closed.
   *
   * @param in the stream
   * @return one digest per configured algorithm
   * @throws MalformedInputException MALFORMED_INPUT if reading fails; RESOURCE_LIMIT_EXCEEDED if
   *     the stream is longer than {@link DigestLimits#maxTotalBytes()}; UNSUPPORTED_FORMAT if
   *     {@code gitBlob} is configured (a blob id needs the size before the content)
   */
  public DigestSet digest(InputStream in) throws MalformedInputException {
    Objects.requireNonNull(in, "in");
    if (algorithms.contains(DigestAlgorithm.GIT_BLOB)) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT,
          DigestAlgorithm.GIT_BLOB.name(),
          "gitBlob needs the content size first; hash a file or byte array instead");
    }
    return toDigestSet(
        engine.hashStream(in, limits.maxTotalBytes()), engine.functions().size());
  }

  /**
   * Hashes many files, in parallel; the result keeps the order of {@code files}. Symbolic links
   * are followed. Every path is checked before any is hashed; when several fail, the error of the
   * first in list order is reported.
   *
   * @param files the files
   * @return one result per file, in order
   * @throws MalformedInputException as {@link #digest(Path)}, for the first failing file;
   *     RESOURCE_LIMIT_EXCEEDED if there are more than {@link DigestLimits#maxEntries()} files or
   *     more than {@link DigestLimits#maxTotalBytes()} bytes in all
   */
  public List<FileDigest> digestAll(List<Path> files) throws MalformedInputException {
    Objects.requireNonNull(files, "files");
    if (files.size() > limits.maxEntries()) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "",
          files.size() + " files exceed the limit of " + limits.maxEntries());
    }
    List<HashEngine.FileJob> jobs = new ArrayList<>(files.size());
    long total = 0;
    for (Path p : files) {
      Objects.requireNonNull(p, "files element");
      String location = p.toString();
      BasicFileAttributes attrs = stat(p, location);
      if (!attrs.isRegularFile()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            location,
            attrs.isDirectory() ? "a directory, not a file" : "not a regular file");
      }
      total = addBytes(total, attrs.size(), location);
      // The size checked against the limit is the size hashed: a file that changes in between
      // fails instead of slipping past the limit.
      jobs.add(new HashEngine.FileJob(p, location, true, attrs.size()));
    }
    List<HashResult> results = engine.hashFiles(jobs, limits.maxTotalBytes());
    List<FileDigest> out = new ArrayList<>(files.size());
    int k = engine.functions().size();
    for (int i = 0; i < files.size(); i++) {
      HashResult r = results.get(i);
      out.add(new FileDigest(files.get(i), r.size(), toDigestSet(r, k)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Hashes a directory tree: its {@code dirHash}, its git tree id and a manifest of its regular
   * files. Symbolic links inside the tree are not followed and make the call fail: {@code dirHash}
   * cannot tell a link from a file with the same bytes, and its defining tools disagree on links
   * (use {@link #gitTreeId(Path)} for trees with links). Empty directories are in no digest (git
   * and dirHash record files only). A nested git checkout (a subdirectory holding {@code .git}) is
   * recorded in the git tree as a gitlink to its HEAD commit, as {@code git add} does, while its
   * files are in the manifest and {@code dirHash}.
   *
   * @param dir the directory (a symbolic link here is followed: the caller named it)
   * @return the digests of the tree
   * @throws MalformedInputException MALFORMED_INPUT for an unreadable entry, a symbolic link, a
   *     special file, or a rejected name; RESOURCE_LIMIT_EXCEEDED past a limit; UNSUPPORTED_FORMAT
   *     for a nested checkout of another object format; the location is the offending path
   */
  public DirectoryDigest digestTree(Path dir) throws MalformedInputException {
    Objects.requireNonNull(dir, "dir");
    ScannedTree tree = scan(dir, TreeScanner.Mode.CONTENT);
    List<HashResult> results = hashScanned(tree);
    List<ManifestEntry> manifest = new ArrayList<>(results.size());
    List<DirHash.Line> lines = new ArrayList<>(results.size());
    Integer[] order = new Integer[results.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<ScannedTree.ScannedFile> files = tree.files();
    Arrays.sort(
        order, (a, b) -> Names.compareUtf8(files.get(a).relativePath(), files.get(b).relativePath()));
    int k = treeEngine.functions().size();
    for (int i : order) {
      ScannedTree.ScannedFile f = files.get(i);
      HashResult r = results.get(i);
      manifest.add(
          new ManifestEntry(f.relativePath(), r.size(), f.executable(), toDigestSet(treeEngine, r, k)));
      lines.add(new DirHash.Line(f.relativePath(), r.digest(treeSha256)));
    }
    String dirHash = HexFormat.of().formatHex(DirHash.hash(DirHash.summary(lines)));
    String gitTree =
        HexFormat.of()
            .formatHex(
                GitTrees.treeId(tree.root(), i -> results.get(i).digest(treeBlob), gitObjectFormat));
    TreeMap<DigestAlgorithm, String> digests = new TreeMap<>();
    digests.put(DigestAlgorithm.DIR_HASH, dirHash);
    digests.put(DigestAlgorithm.GIT_TREE, gitTree);
    return new DirectoryDigest(DigestSet.of(digests), manifest);
  }

  /**
   * Returns the git tree id of a directory, as {@code git add -A && git write-tree} would record
   * it in a repository of this digester's object format when nothing is ignored: regular files as
   * blobs with mode 100644 or 100755 (the owner-execute bit), symbolic links as blobs of their
   * target text (never followed), nested checkouts as gitlinks, empty directories and {@code .git}
   * left out. {@code .gitignore} files are hashed like any file but not interpreted.
   *
   * @param dir the directory (a symbolic link here is followed: the caller named it)
   * @return the tree id, lowercase hex
   * @throws MalformedInputException MALFORMED_INPUT for an unreadable entry, a special file, or a
   *     rejected name; RESOURCE_LIMIT_EXCEEDED past a limit; UNSUPPORTED_FORMAT for a nested
   *     checkout of another object format
   */
  public String gitTreeId(Path dir) throws MalformedInputException {
    Objects.requireNonNull(dir, "dir");
    ScannedTree tree = scan(dir, TreeScanner.Mode.GIT);
    List<HashResult> results = hashFiles(blobEngine, tree);
    return HexFormat.of()
        .formatHex(GitTrees.treeId(tree.root(), i -> results.get(i).digest(0), gitObjectFormat));
  }

  /**
   * Hashes the named files below {@code root}, for recording artifacts by name (in-toto materials
   * and products). Each name must be a canonical, portable relative path ({@code a/b.txt}: no
   * {@code .}, {@code ..} or empty component, not absolute, no drive letter, backslash, NUL or
   * control character) that reaches a regular file without passing through a symbolic link; two
   * names that differ only in case or Unicode normalization are rejected.
   *
   * @param root the directory the names are relative to
   * @param names the names
   * @return one entry per name, sorted by name
   * @throws MalformedInputException MALFORMED_INPUT for a rejected name (location: the name), a
   *     path through a symbolic link, or an unreadable or special file (location: the path);
   *     RESOURCE_LIMIT_EXCEEDED past a limit
   */
  public List<ManifestEntry> digestNamed(Path root, Collection<String> names)
      throws MalformedInputException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(names, "names");
    if (names.size() > limits.maxEntries()) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "",
          names.size() + " names exceed the limit of " + limits.maxEntries());
    }
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(Names.UTF8_ORDER);
    Map<String, String> seen = new HashMap<>();
    for (String name : sorted) {
      Objects.requireNonNull(name, "names element");
      Optional<String> problem = Names.checkRelativeName(name);
      if (problem.isPresent()) {
        throw new MalformedInputException(ErrorCode.MALFORMED_INPUT, name, problem.get());
      }
      String other = seen.put(Names.collisionKey(name), name);
      if (other != null) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT,
            name,
            "name collides with '" + other + "' on case- or normalization-insensitive systems");
      }
    }
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw HashEngine.unreadable(root.toString(), e);
    }
    List<HashEngine.FileJob> jobs = new ArrayList<>(sorted.size());
    List<Boolean> executable = new ArrayList<>(sorted.size());
    long total = 0;
    for (String name : sorted) {
      Path p = root.resolve(name);
      String location = p.toString();
      Path real;
      try {
        real = p.toRealPath();
      } catch (IOException e) {
        throw HashEngine.unreadable(location, e);
      }
      if (!real.equals(realRoot.resolve(name))) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, location, "path passes through a symbolic link");
      }
      BasicFileAttributes attrs = TreeScanner.lstat(p);
      if (!attrs.isRegularFile()) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, location, "not a regular file");
      }
      total = addBytes(total, attrs.size(), location);
      executable.add(TreeScanner.isExecutable(attrs));
      jobs.add(new HashEngine.FileJob(p, location, false, attrs.size()));
    }
    List<HashResult> results = treeEngine.hashFiles(jobs, limits.maxTotalBytes());
    int k = treeEngine.functions().size();
    List<ManifestEntry> out = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      HashResult r = results.get(i);
      out.add(
          new ManifestEntry(sorted.get(i), r.size(), executable.get(i), toDigestSet(treeEngine, r, k)));
    }
    return Collections.unmodifiableList(out);
  }

  private ScannedTree scan(Path dir, TreeScanner.Mode mode) throws MalformedInputException {
    return TreeScanner.scan(
        dir,
        mode,
        portableNames,
        limits.maxEntries(),
        limits.maxTotalBytes(),
        limits.maxDepth(),
        gitObjectFormat);
  }

  private List<HashResult> hashScanned(ScannedTree tree) throws MalformedInputException {
    return hashFiles(treeEngine, tree);
  }

  private List<HashResult> hashFiles(HashEngine e, ScannedTree tree)
      throws MalformedInputException {
    if (tree.files().isEmpty()) {
      return List.of();
    }
    List<HashEngine.FileJob> jobs = new ArrayList<>(tree.files().size());
    for (ScannedTree.ScannedFile f : tree.files()) {
      // Listed without following links, opened without following links: a file swapped for a
      // link after the scan fails instead of being read through the link.
      jobs.add(new HashEngine.FileJob(f.path(), f.path().toString(), false, f.size()));
    }
    return e.hashFiles(jobs, limits.maxTotalBytes());
  }

  private DigestSet toDigestSet(HashResult r, int k) {
    return toDigestSet(engine, r, k);
  }

  private static DigestSet toDigestSet(HashEngine e, HashResult r, int k) {
    HexFormat hex = HexFormat.of();
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    for (int i = 0; i < k; i++) {
      m.put(e.functions().get(i).algorithm(), hex.formatHex(r.digest(i)));
    }
    return DigestSet.of(m);
  }

  private long addBytes(long total, long size, String location) throws MalformedInputException {
    if (size > limits.maxTotalBytes() - total) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          location,
          "files exceed the limit of " + limits.maxTotalBytes() + " bytes");
    }
    return total + size;
  }

  private static BasicFileAttributes stat(Path p, String location) throws MalformedInputException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      throw HashEngine.unreadable(location, e);
    }
  }

  @Override
  public String toString() {
    return "Digester" + algorithms() + "[" + gitObjectFormat + ", " + limits + "]";
  }

  /** Builds a {@link Digester}. Not thread-safe. */
  public static final class Builder {
    private List<DigestAlgorithm> algorithms = List.of(DigestAlgorithm.SHA256);
    private DigestLimits limits = DigestLimits.defaults();
    private GitObjectFormat gitObjectFormat = GitObjectFormat.SHA1;
    private boolean portableNames = true;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /**
     * Sets the algorithms, replacing any set before. Supported: the SHA-2 and SHA-3 families,
     * {@code sha1} and {@code md5} (all through the JDK), and {@code gitBlob}.
     *
     * @param algorithms one or more algorithms
     * @return this builder
     * @throws IllegalArgumentException if none is given
     */
    public Builder algorithms(DigestAlgorithm... algorithms) {
      return algorithms(Arrays.asList(algorithms));
    }

    /**
     * Sets the algorithms, replacing any set before.
     *
     * @param algorithms one or more algorithms
     * @return this builder
     * @throws IllegalArgumentException if none is given
     */
    public Builder algorithms(Collection<DigestAlgorithm> algorithms) {
      Objects.requireNonNull(algorithms, "algorithms");
      Set<DigestAlgorithm> set = new TreeSet<>();
      for (DigestAlgorithm a : algorithms) {
        set.add(Objects.requireNonNull(a, "algorithms element"));
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("no algorithm");
      }
      this.algorithms = List.copyOf(set);
      return this;
    }

    /**
     * Sets the limits applied to each call.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(DigestLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the object format of {@code gitBlob} and {@code gitTree} values.
     *
     * @param format SHA-1 (default) or SHA-256
     * @return this builder
     */
    public Builder gitObjectFormat(GitObjectFormat format) {
      this.gitObjectFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Sets whether trees holding non-portable names are rejected (default true). Turn it off to
     * hash a POSIX tree that relies on case-only or backslash names; names that are not valid
     * UTF-8 and case variants of {@code .git} stay rejected.
     *
     * @param required whether portable names are required
     * @return this builder
     */
    public Builder requirePortableNames(boolean required) {
      this.portableNames = required;
      return this;
    }

    /**
     * Sets where helper threads come from (default {@link ForkJoinPool#commonPool()}). The
     * calling thread always does part of the work; tasks the executor does not start in time are
     * run by the caller, so any executor, even a saturated or single-threaded one, is safe.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the digester.
     *
     * @return the digester
     * @throws MalformedInputException UNSUPPORTED_FORMAT if an algorithm cannot be computed here
     *     (location: the algorithm name): names outside the spec, {@code dirHash} and {@code
     *     gitTree} (use {@link Digester#digestTree}), {@code gitCommit} and {@code gitTag}, and algorithms
     *     the JDK lacks
     */
    public Digester build() throws MalformedInputException {
      for (DigestAlgorithm a : algorithms) {
        if (a.equals(DigestAlgorithm.GIT_BLOB)) {
          continue;
        }
        try {
          HashFunction.jca(a);
        } catch (NoSuchAlgorithmException e) {
          throw new MalformedInputException(
              ErrorCode.UNSUPPORTED_FORMAT, a.name(), "digest algorithm not supported: " + a, e);
        }
      }
      return new Digester(algorithms, limits, gitObjectFormat, portableNames, executor);
    }
  }
}
