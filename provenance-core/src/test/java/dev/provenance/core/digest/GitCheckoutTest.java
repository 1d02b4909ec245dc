package dev.provenance.core.digest;

import static dev.provenance.core.testing.ExternalTools.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitCheckoutTest {
  @TempDir Path tmp;

  private Path repo(GitObjectFormat format) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q", "--object-format=" + format.configName());
    commit(repo, "first");
    return repo;
  }

  private static void commit(Path repo, String message) throws Exception {
    Files.writeString(repo.resolve("file.txt"), message, StandardCharsets.UTF_8);
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", message);
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void headCommit_branch_equalsRevParseHead(GitObjectFormat format) throws Exception {
    Path repo = repo(format);
    GitHead head = GitCheckout.headCommit(repo);
    assertThat(head.commit()).isEqualTo(git(repo, "rev-parse", "HEAD"));
    assertThat(head.commit()).hasSize(format.hexLength());
    assertThat(head.objectFormat()).isEqualTo(format);
    assertThat(head.ref()).hasValue("refs/heads/main");
    assertThat(head.digestSet().get(DigestAlgorithm.GIT_COMMIT)).hasValue(head.commit());
  }

  @Test
  void headCommit_detachedHead_hasNoRef() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    String first = git(repo, "rev-parse", "HEAD");
    commit(repo, "second");
    git(repo, "checkout", "-q", "--detach", first);
    GitHead head = GitCheckout.headCommit(repo);
    assertThat(head.commit()).isEqualTo(first).isEqualTo(git(repo, "rev-parse", "HEAD"));
    assertThat(head.ref()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(GitObjectFormat.class)
  void headCommit_packedRefs_equalsRevParseHead(GitObjectFormat format) throws Exception {
    Path repo = repo(format);
    git(repo, "tag", "-a", "-m", "annotated", "v1"); // adds a peeled line to packed-refs
    git(repo, "branch", "other");
    git(repo, "pack-refs", "--all");
    assertThat(repo.resolve(".git/refs/heads/main")).doesNotExist();
    assertThat(GitCheckout.headCommit(repo).commit()).isEqualTo(git(repo, "rev-parse", "HEAD"));
  }

  @Test
  void headCommit_looseRefNewerThanPackedRef_usesLooseRef() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    git(repo, "pack-refs", "--all");
    commit(repo, "second"); // writes a loose ref that shadows the packed one
    assertThat(GitCheckout.headCommit(repo).commit()).isEqualTo(git(repo, "rev-parse", "HEAD"));
  }

  @Test
  void headCommit_linkedWorktree_readsItsOwnHead() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    Path wt = tmp.resolve("wt");
    git(repo, "worktree", "add", "-q", "-b", "feature", wt.toString());
    commit(wt, "on feature");
    GitHead head = GitCheckout.headCommit(wt);
    assertThat(head.commit()).isEqualTo(git(wt, "rev-parse", "HEAD"));
    assertThat(head.ref()).hasValue("refs/heads/feature");
    assertThat(GitCheckout.headCommit(repo).commit())
        .isEqualTo(git(repo, "rev-parse", "HEAD"))
        .isNotEqualTo(head.commit());
  }

  @Test
  void headCommit_submoduleWithGitdirFile_equalsRevParseHead() throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    git(lib, "init", "-q");
    commit(lib, "lib");
    Path app = repo(GitObjectFormat.SHA1);
    git(app, "submodule", "add", "-q", lib.toString(), "sub");
    Path sub = app.resolve("sub");
    assertThat(Files.isRegularFile(sub.resolve(".git"))).isTrue();
    GitHead head = GitCheckout.headCommit(sub);
    assertThat(head.commit()).isEqualTo(git(sub, "rev-parse", "HEAD"));
  }

  @Test
  void headCommit_gitDirectoryItself_equalsRevParseHead() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    assertThat(GitCheckout.headCommit(repo.resolve(".git")).commit())
        .isEqualTo(git(repo, "rev-parse", "HEAD"));
  }

  @Test
  void headCommit_symbolicRefChain_followsToCommit() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    git(repo, "symbolic-ref", "refs/heads/alias", "refs/heads/main");
    git(repo, "symbolic-ref", "HEAD", "refs/heads/alias");
    GitHead head = GitCheckout.headCommit(repo);
    assertThat(head.commit()).isEqualTo(git(repo, "rev-parse", "HEAD"));
    assertThat(head.ref()).hasValue("refs/heads/alias");
  }

  @Test
  void headCommit_notACheckout_throwsMalformedInputAtPath() {
    assertError(tmp, ErrorCode.MALFORMED_INPUT, tmp);
  }

  @Test
  void headCommit_unbornBranch_throwsMalformedInput() throws Exception {
    git(tmp, "init", "-q");
    assertError(tmp, ErrorCode.MALFORMED_INPUT, tmp.resolve(".git/refs/heads/main"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ref: refs/heads/../../config",
        "ref: ../config",
        "ref: /etc/passwd",
        "ref: refs/heads/main.lock",
        "ref: refs/heads/a b",
        "ref: refs//heads",
        "ref: refs/heads/.hidden",
        "ref: refs/heads/x@{1}",
        "ref: ",
        "not a ref",
        "0123",
        "ZZ3456789012345678901234567890123456789Z",
        "0123456789012345678901234567890123456789abcdef"
      })
  void headCommit_hostileHead_throwsMalformedInputAtHead(String content) throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    Files.writeString(repo.resolve(".git/HEAD"), content + "\n", StandardCharsets.UTF_8);
    assertError(repo, ErrorCode.MALFORMED_INPUT, repo.resolve(".git/HEAD"));
  }

  @Test
  void headCommit_sha1IdInSha256Repository_throwsMalformedInput() throws Exception {
    Path repo = repo(GitObjectFormat.SHA256);
    Files.writeString(
        repo.resolve(".git/HEAD"), "0123456789012345678901234567890123456789\n", StandardCharsets.UTF_8);
    assertError(repo, ErrorCode.MALFORMED_INPUT, repo.resolve(".git/HEAD"));
  }

  @Test
  void headCommit_oversizedHead_throwsResourceLimitExceeded() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    Files.write(repo.resolve(".git/HEAD"), new byte[1 << 20]);
    assertError(repo, ErrorCode.RESOURCE_LIMIT_EXCEEDED, repo.resolve(".git/HEAD"));
  }

  @Test
  void headCommit_symbolicRefLoop_throwsMalformedInput() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    Files.writeString(repo.resolve(".git/refs/heads/a"), "ref: refs/heads/b\n", StandardCharsets.UTF_8);
    Files.writeString(repo.resolve(".git/refs/heads/b"), "ref: refs/heads/a\n", StandardCharsets.UTF_8);
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/a\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> GitCheckout.headCommit(repo))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"objectFormat = sha512", "refStorage = reftable"})
  void headCommit_unsupportedExtension_throwsUnsupportedFormat(String setting) throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    Path config = repo.resolve(".git/config");
    Files.writeString(
        config,
        Files.readString(config) + "[extensions]\n\t" + setting + "\n",
        StandardCharsets.UTF_8);
    assertError(repo, ErrorCode.UNSUPPORTED_FORMAT, config);
  }

  @Test
  void headCommit_gitFileWithoutGitdir_throwsMalformedInput() throws Exception {
    Files.writeString(tmp.resolve(".git"), "nonsense\n", StandardCharsets.UTF_8);
    assertError(tmp, ErrorCode.MALFORMED_INPUT, tmp.resolve(".git"));
  }

  @Test
  void headCommit_packedRefsNotUtf8_throwsMalformedInput() throws Exception {
    Path repo = repo(GitObjectFormat.SHA1);
    git(repo, "pack-refs", "--all");
    Files.write(repo.resolve(".git/packed-refs"), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
    assertError(repo, ErrorCode.MALFORMED_INPUT, repo.resolve(".git/packed-refs"));
  }

  private static void assertError(Path repo, ErrorCode code, Path location) {
    assertThatThrownBy(() -> GitCheckout.headCommit(repo))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.location()).hasValue(location.toString());
            });
  }
}
