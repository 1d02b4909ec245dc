package dev.provenance.core.internal.util;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one sanctioned use of an API that the build's forbidden-API check rejects elsewhere.
 * Not API; may change without notice.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
  /**
   * Says why the forbidden API is needed here.
   *
   * @return the reason
   */
  String reason();
}
