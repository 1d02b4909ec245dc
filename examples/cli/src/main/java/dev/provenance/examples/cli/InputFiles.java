package dev.provenance.examples.cli;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the command line's input files with a size bound, so that no file can make the tool
 * allocate without limit. A file that cannot be read at all is a {@link UsageException}; one that
 * is too large is a typed {@code RESOURCE_LIMIT_EXCEEDED} failure. Stateless and thread-safe.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Reads a whole file.
   *
   * @param option the option that named the file, for messages (for example {@code --attestation})
   * @param path the path as given on the command line
   * @param maxBytes the largest file accepted
   * @return the bytes
   * @throws UsageException if the file does not exist, is not a regular file or cannot be read
   * @throws MalformedInputException {@code RESOURCE_LIMIT_EXCEEDED} if it is larger than maxBytes
   */
  public static byte[] read(String option, String path, int maxBytes)
      throws UsageException, MalformedInputException {
    Path p = existingFile(option, path);
    try (InputStream in = Files.newInputStream(p)) {
      byte[] bytes = in.readNBytes(maxBytes);
      if (bytes.length == maxBytes && in.read() != -1) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            "",
            path + " is larger than the limit of " + maxBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new UsageException(option + ": cannot read " + path + ": " + e.getMessage());
    }
  }

  /**
   * Reads a whole text file as UTF-8 (for PEM keys).
   *
   * @param option the option that named the file
   * @param path the path as given on the command line
   * @param maxBytes the largest file accepted
   * @return the text
   * @throws UsageException if the file cannot be read
   * @throws MalformedInputException {@code RESOURCE_LIMIT_EXCEEDED} if it is too large
   */
  public static String readText(String option, String path, int maxBytes)
      throws UsageException, MalformedInputException {
    return new String(read(option, path, maxBytes), StandardCharsets.UTF_8);
  }

  /**
   * Checks that a path names a readable regular file.
   *
   * @param option the option that named the file
   * @param path the path as given on the command line
   * @return the path
   * @throws UsageException if it does not
   */
  public static Path existingFile(String option, String path) throws UsageException {
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new UsageException(option + ": no such file: " + path);
    }
    if (!Files.isRegularFile(p)) {
      throw new UsageException(option + ": not a regular file: " + path);
    }
    if (!Files.isReadable(p)) {
      throw new UsageException(option + ": cannot read " + path);
    }
    return p;
  }
}
