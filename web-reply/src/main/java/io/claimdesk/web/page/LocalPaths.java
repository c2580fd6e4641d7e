package io.claimdesk.web.page;

/** Redirect targets that come from the browser (a login's {@code next}, a form's {@code back}). */
public final class LocalPaths {
  private LocalPaths() {}

  /** True for a path of this server only: no scheme, no {@code //host}, no backslash or control characters. */
  public static boolean isLocal(String path) {
    return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
        && path.chars().noneMatch(c -> c < 0x20);
  }
}
