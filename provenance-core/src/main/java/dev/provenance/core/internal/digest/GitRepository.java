package dev.provenance.core.internal.digest;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.core.digest.GitHead;
import dev.provenance.core.digest.GitObjectFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads which commit a git checkout has checked out, from the files git keeps (no git process, no
 * object database): {@code .git} as a directory or as a {@code gitdir:} file (worktrees,
 * submodules), {@code commondir}, {@code HEAD}, loose refs and {@code packed-refs}, and the object
 * format from {@code extensions.objectFormat}. See <a
 * href="https://git-scm.com/docs/gitrepository-layout">gitrepository-layout</a>.
 *
 * <p>Every file read is bounded; ref names are checked before they are used as paths, so a
 * crafted HEAD cannot name a file outside the repository.
 */
public final class GitRepository {
  /** Largest HEAD, ref, {@code .git} or {@code commondir} file accepted. */
  static final int MAX_SMALL_FILE = 4096;

  /** Largest repository config accepted. */
  static final int MAX_CONFIG = 1 << 20;

  /** Git follows at most this many symbolic refs (its SYMREF_MAXDEPTH). */
  static final int MAX_SYMREF_DEPTH = 5;

  private GitRepository() {}

  /**
   * Reads the HEAD commit of the checkout at {@code checkout}: a working tree containing {@code
   * .git}, or a git directory itself.
   *
   * @param checkout the working tree or git directory
   * @return the head
   * @throws MalformedInputException MALFORMED_INPUT if this is not a git checkout, a file is
   *     malformed, or HEAD names a branch without commits; UNSUPPORTED_FORMAT for an unknown object
   *     format or the reftable ref store; RESOURCE_LIMIT_EXCEEDED for oversized files
   */
  public static GitHead readHead(Path checkout) throws MalformedInputException {
    Path gitDir = locateGitDir(checkout);
    Path commonDir = commonDir(gitDir);
    GitObjectFormat format = readObjectFormat(commonDir);
    Path headFile = gitDir.resolve("HEAD");
    String head = readHeadFile(headFile);
    if (!head.startsWith("ref:")) {
      return new GitHead(objectId(head, format, headFile), format, Optional.empty());
    }
    String ref = head.substring(4).strip();
    String firstRef = ref;
    Path from = headFile;
    for (int depth = 0; ; depth++) {
      if (depth >= MAX_SYMREF_DEPTH) {
        throw malformed(from, "symbolic refs nested deeper than " + MAX_SYMREF_DEPTH);
      }
      checkRefName(ref, from);
      Path refDir = isPerWorktree(ref) ? gitDir : commonDir;
      Path loose = refDir.resolve(ref);
      Optional<String> value = readLooseRef(loose);
      if (value.isEmpty()) {
        value = readPackedRef(commonDir.resolve("packed-refs"), ref);
        if (value.isEmpty()) {
          throw malformed(
              loose, "HEAD names " + ref + ", which does not exist (a branch without commits)");
        }
        return new GitHead(
            objectId(value.get(), format, commonDir.resolve("packed-refs")),
            format,
            Optional.of(firstRef));
      }
      String v = value.get();
      if (!v.startsWith("ref:")) {
        return new GitHead(objectId(v, format, loose), format, Optional.of(firstRef));
      }
      ref = v.substring(4).strip();
      from = loose;
    }
  }

  private static Path locateGitDir(Path checkout) throws MalformedInputException {
    Path dotGit = checkout.resolve(".git");
    if (Files.isDirectory(dotGit)) {
      return dotGit;
    }
    if (Files.isRegularFile(dotGit)) {
      String text = readText(dotGit, MAX_SMALL_FILE).strip();
      if (!text.startsWith("gitdir:")) {
        throw malformed(dotGit, ".git file does not start with 'gitdir:'");
      }
      Path target = resolveRelative(checkout, text.substring(7).strip(), dotGit);
      if (!Files.isDirectory(target)) {
        throw malformed(dotGit, "gitdir does not name a directory");
      }
      return target;
    }
    if (Files.isRegularFile(checkout.resolve("HEAD"))
        && (Files.isDirectory(checkout.resolve("objects"))
            || Files.isRegularFile(checkout.resolve("commondir")))) {
      return checkout;
    }
    throw malformed(checkout, "not a git checkout (no .git and not a git directory)");
  }

  private static Path commonDir(Path gitDir) throws MalformedInputException {
    Path file = gitDir.resolve("commondir");
    if (!Files.isRegularFile(file)) {
      return gitDir;
    }
    Path dir = resolveRelative(gitDir, readText(file, MAX_SMALL_FILE).strip(), file);
    if (!Files.isDirectory(dir)) {
      throw malformed(file, "commondir does not name a directory");
    }
    return dir;
  }

  private static Path resolveRelative(Path base, String value, Path source)
      throws MalformedInputException {
    if (value.isEmpty() || value.indexOf('\0') >= 0) {
      throw malformed(source, "empty or invalid path");
    }
    try {
      return base.resolve(base.getFileSystem().getPath(value)).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw malformed(source, "invalid path");
    }
  }

  /**
   * Reads the object format and checks the ref store from the repository config. Keys are
   * case-insensitive; only the {@code [extensions]} section matters here.
   */
  private static GitObjectFormat readObjectFormat(Path commonDir) throws MalformedInputException {
    Path config = commonDir.resolve("config");
    if (!Files.isRegularFile(config)) {
      return GitObjectFormat.SHA1;
    }
    String text = readText(config, MAX_CONFIG);
    String section = "";
    GitObjectFormat format = GitObjectFormat.SHA1;
    for (String raw : text.split("\n", -1)) {
      String line = stripComment(raw).strip();
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        String inner = end < 0 ? line.substring(1) : line.substring(1, end);
        int space = inner.indexOf(' ');
        section = (space < 0 ? inner : inner.substring(0, space)).strip().toLowerCase(Locale.ROOT);
        continue;
      }
      if (!section.equals("extensions")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = unquote(line.substring(eq + 1).strip()).toLowerCase(Locale.ROOT);
      if (key.equals("objectformat")) {
        if (value.equals("sha256")) {
          format = GitObjectFormat.SHA256;
        } else if (value.equals("sha1")) {
          format = GitObjectFormat.SHA1;
        } else {
          throw new MalformedInputException(
              ErrorCode.UNSUPPORTED_FORMAT, config.toString(), "unknown object format " + value);
        }
      } else if (key.equals("refstorage") && !value.equals("files")) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT,
            config.toString(),
            "ref storage " + value + " is not supported (only loose and packed refs)");
      }
    }
    return format;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '#' || c == ';')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static String readHeadFile(Path headFile) throws MalformedInputException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(headFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw HashEngine.unreadable(headFile.toString(), e);
    }
    if (attrs.isSymbolicLink()) {
      // Git before 1.5 wrote HEAD as a symbolic link to the branch's ref file.
      try {
        return "ref: " + Files.readSymbolicLink(headFile).toString().replace('\\', '/');
      } catch (IOException e) {
        throw HashEngine.unreadable(headFile.toString(), e);
      }
    }
    return readText(headFile, MAX_SMALL_FILE).strip();
  }

  private static Optional<String> readLooseRef(Path file) throws MalformedInputException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(readText(file, MAX_SMALL_FILE).strip());
  }

  private static Optional<String> readPackedRef(Path packed, String ref)
      throws MalformedInputException {
    try (InputStream in = Files.newInputStream(packed);
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      String line;
      while ((line = readBoundedLine(r, packed)) != null) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '^') {
          continue;
        }
        int space = line.indexOf(' ');
        if (space < 0) {
          throw malformed(packed, "packed-refs line without a space");
        }
        if (line.substring(space + 1).equals(ref)) {
          return Optional.of(line.substring(0, space));
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      throw malformed(packed, "not valid UTF-8");
    } catch (IOException e) {
      throw HashEngine.unreadable(packed.toString(), e);
    }
  }

  /** Reads a line of at most {@link #MAX_SMALL_FILE} characters, or null at the end. */
  private static String readBoundedLine(BufferedReader r, Path source)
      throws IOException, MalformedInputException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = r.read()) >= 0) {
      if (c == '\n') {
        return sb.toString();
      }
      if (sb.length() >= MAX_SMALL_FILE) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            source.toString(),
            "line longer than " + MAX_SMALL_FILE + " characters");
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static String objectId(String hex, GitObjectFormat format, Path source)
      throws MalformedInputException {
    if (hex.length() != format.hexLength() || !DigestAlgorithm.GIT_COMMIT.isValidValue(hex)) {
      throw malformed(
          source, "not a " + format.configName() + " object id (" + format.hexLength() + " hex)");
    }
    return hex;
  }

  /** Refs git keeps per worktree; all others live in the common directory. */
  private static boolean isPerWorktree(String ref) {
    return ref.startsWith("refs/bisect/")
        || ref.startsWith("refs/worktree/")
        || ref.startsWith("refs/rewritten/");
  }

  /**
   * Applies git's ref name rules (git-check-ref-format) that matter here, and requires the
   * {@code refs/} prefix, so a ref can only name a file below the refs directory.
   */
  static void checkRefName(String ref, Path source) throws MalformedInputException {
    if (!ref.startsWith("refs/") || ref.endsWith("/") || ref.endsWith(".") || ref.contains("@{")) {
      throw malformed(source, "invalid ref name");
    }
    for (String component : ref.split("/", -1)) {
      if (component.isEmpty() || component.startsWith(".") || component.endsWith(".lock")) {
        throw malformed(source, "invalid ref name");
      }
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c < 0x20
          || c == 0x7f
          || c == ' '
          || c == '~'
          || c == '^'
          || c == ':'
          || c == '?'
          || c == '*'
          || c == '['
          || c == '\\'
          || c == '\uFFFD'
          || (c == '.' && i + 1 < ref.length() && ref.charAt(i + 1) == '.')) {
        throw malformed(source, "invalid ref name");
      }
    }
  }

  private static String readText(Path file, int max) throws MalformedInputException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(max + 1);
    } catch (IOException e) {
      throw HashEngine.unreadable(file.toString(), e);
    }
    if (bytes.length > max) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          file.toString(),
          "file larger than " + max + " bytes");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(file, "not valid UTF-8");
    }
  }

  private static MalformedInputException malformed(Path path, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, path.toString(), message);
  }
}
