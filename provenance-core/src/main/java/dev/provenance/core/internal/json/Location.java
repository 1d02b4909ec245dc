package dev.provenance.core.internal.json;

/**
 * A JSON Pointer (RFC 6901) rendered only when asked for: parsers pass one down to every nested
 * value they read, and almost all of them are never printed, because only failures are located.
 * {@link #toString()} is exactly the string {@link Pointers#child} would have built step by step.
 *
 * <p>Not API; may change without notice. Instances are immutable apart from the remembered
 * rendering, which any thread may compute; safe for use by several threads.
 */
public final class Location {
  private static final Location ROOT = new Location(null, null, 0, "");

  private final Location parent;
  private final String name;
  private final int index;
  private String text;

  private Location(Location parent, String name, int index, String text) {
    this.parent = parent;
    this.name = name;
    this.index = index;
    this.text = text;
  }

  /**
   * Returns a location given as a pointer string.
   *
   * @param pointer the JSON Pointer, {@code ""} for the document
   * @return the location
   */
  public static Location of(String pointer) {
    return pointer.isEmpty() ? ROOT : new Location(null, null, 0, pointer);
  }

  /**
   * Returns the location of a member.
   *
   * @param member the member name, unescaped
   * @return the child location
   */
  public Location child(String member) {
    return new Location(this, member, 0, null);
  }

  /**
   * Returns the location of an array element.
   *
   * @param i the index
   * @return the child location
   */
  public Location child(int i) {
    return new Location(this, null, i, null);
  }

  /**
   * Returns the JSON Pointer.
   *
   * @return the pointer string
   */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = name != null ? Pointers.child(parent.toString(), name) : Pointers.child(parent.toString(), index);
      text = t;
    }
    return t;
  }
}
