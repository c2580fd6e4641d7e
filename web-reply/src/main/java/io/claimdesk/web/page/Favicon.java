package io.claimdesk.web.page;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /favicon.ico}: browsers ask for it at the root whatever the page links, and a 404 there fills logs. The
 * pages link the SVG next to it under {@code /static}.
 */
public final class Favicon {
  private static final byte[] ICON = read("/static/favicon.ico");

  private Favicon() {}

  public static void serve(Context ctx) {
    ctx.contentType("image/x-icon").header("Cache-Control", "public, max-age=86400").result(ICON);
  }

  private static byte[] read(String resource) {
    try (InputStream in = Favicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
