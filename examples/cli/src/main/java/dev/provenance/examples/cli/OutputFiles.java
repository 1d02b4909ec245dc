package dev.provenance.examples.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Writes the command line's output files. Stateless and thread-safe. */
public final class OutputFiles {
  private OutputFiles() {}

  /** How a file is written. */
  public enum Mode {
    /** Create or replace the file. */
    REPLACE,
    /** Append to the file, creating it if needed. */
    APPEND,
    /** Create the file; fail if it exists. */
    CREATE_NEW,
    /** Create the file readable only by its owner (where the file system allows); fail if it exists. */
    CREATE_SECRET
  }

  /**
   * Writes a file.
   *
   * @param option the option that named the file, for messages
   * @param path the path as given on the command line
   * @param bytes the content
   * @param mode how to write
   * @throws UsageException if the file exists (for the create modes) or cannot be written
   */
  public static void write(String option, String path, byte[] bytes, Mode mode)
      throws UsageException {
    Path p = Path.of(path);
    try {
      switch (mode) {
        case REPLACE:
          Files.write(p, bytes);
          break;
        case APPEND:
          Files.write(p, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          break;
        case CREATE_NEW:
          Files.write(p, bytes, StandardOpenOption.CREATE_NEW);
          break;
        case CREATE_SECRET:
          Optional<FileAttribute<?>> perms = ownerOnly(p);
          if (perms.isPresent()) {
            Files.createFile(p, perms.get());
          } else {
            Files.createFile(p);
          }
          try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.WRITE)) {
            out.write(bytes);
          }
          break;
        default:
          throw new IllegalArgumentException(mode.name());
      }
    } catch (FileAlreadyExistsException e) {
      throw new UsageException(option + ": " + path + " exists; not overwriting it");
    } catch (NoSuchFileException e) {
      throw new UsageException(option + ": cannot create " + path + ": no such directory");
    } catch (IOException e) {
      throw new UsageException(option + ": cannot write " + path + ": " + e.getMessage());
    }
  }

  private static Optional<FileAttribute<?>> ownerOnly(Path p) {
    if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Optional.of(
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Optional.empty();
  }
}
