package dev.provenance.api.internal;

import dev.provenance.api.Bytes;
import java.util.Objects;
import java.util.function.Function;

/**
 * Read access to the array behind a {@link Bytes}, for the SDK's own parsers, which read a verified
 * payload without copying it first and never write to it or keep it. Not API.
 *
 * <p>Thread-safe: the accessor is installed once, by {@link Bytes}'s class initialisation, before
 * any instance exists.
 */
public final class BytesAccess {
  private static volatile Function<Bytes, byte[]> accessor;

  private BytesAccess() {}

  /**
   * Installs the accessor; called once by {@link Bytes}.
   *
   * @param reader returns the array behind an instance
   * @throws IllegalStateException if an accessor is already installed
   */
  public static synchronized void install(Function<Bytes, byte[]> reader) {
    if (accessor != null) {
      throw new IllegalStateException("already installed");
    }
    accessor = Objects.requireNonNull(reader, "reader");
  }

  /**
   * Returns the array behind {@code bytes}, not a copy: the caller must not change it, and must not
   * let it reach code that might.
   *
   * @param bytes the bytes
   * @return the array holding them
   */
  public static byte[] array(Bytes bytes) {
    Objects.requireNonNull(bytes, "bytes");
    // bytes exists, so Bytes is initialised and the accessor installed
    return accessor.apply(bytes);
  }
}
