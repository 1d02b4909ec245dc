package dev.provenance.core.internal.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps in UTC, the form in-toto and SLSA require ({@code field_types.md}): {@code
 * YYYY-MM-DDTHH:MM:SS[.fraction]Z}. Offsets other than {@code Z}, lowercase separators, leap
 * seconds and years outside 0000-9999 are rejected. Not API; may change without notice.
 * Thread-safe: stateless.
 */
public final class Timestamps {
  private static final Pattern FORM =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z");

  private Timestamps() {}

  /**
   * Parses a timestamp.
   *
   * @param text the timestamp
   * @return the instant
   * @throws DateTimeException if the text is not an RFC 3339 UTC timestamp
   */
  public static Instant parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new DateTimeException("not an RFC 3339 UTC timestamp");
    }
    int nanos = 0;
    if (m.group(7) != null) {
      String f = m.group(7);
      nanos = Integer.parseInt(f);
      for (int i = f.length(); i < 9; i++) {
        nanos *= 10;
      }
    }
    return LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            Integer.parseInt(m.group(6)),
            nanos)
        .toInstant(ZoneOffset.UTC);
  }

  /**
   * Formats an instant with as many fraction digits as needed (none, 3, 6 or 9).
   *
   * @param instant the instant, in years 0000 to 9999
   * @return the timestamp
   * @throws IllegalArgumentException if the year is outside 0000-9999
   */
  public static String format(Instant instant) {
    int year = LocalDateTime.ofInstant(instant, ZoneOffset.UTC).getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("timestamp year outside 0000-9999: " + instant);
    }
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
