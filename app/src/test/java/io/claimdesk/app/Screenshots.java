package io.claimdesk.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where browser tests save the README's screenshots: the system property {@code screenshots.dir} (or the variable
 * {@code SCREENSHOTS_DIR}), a path relative to the repository root. Unset, nothing is written, so that ordinary
 * runs leave the tree clean:
 * {@code ./mvnw -B test -pl app -am -Dtest=LayoutBrowserTest -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir=docs/screenshots}.
 */
final class Screenshots {
  private Screenshots() {}

  static Optional<Path> dir() {
    String dir = System.getProperty("screenshots.dir", System.getenv("SCREENSHOTS_DIR"));
    if (dir == null || dir.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(dir);
    if (path.isAbsolute()) {
      return Optional.of(path);
    }
    // the tests run in the module's folder (app/); the path is meant from the repository root
    Path here = Path.of("").toAbsolutePath();
    Path root = here.getFileName() != null && here.getFileName().toString().equals("app") ? here.getParent() : here;
    return Optional.of(root.resolve(path));
  }

  /** Saves what the browser shows as {@code <name>.png} when a folder is set. */
  static void save(Browser browser, String name) {
    dir().ifPresent(dir -> browser.screenshot(dir.resolve(name + ".png")));
  }
}
