package io.claimdesk.web.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the templates under {@code src/main/jte}, compiled to classes at build time. Every value is HTML-escaped
 * by the template engine; pages get a strict Content-Security-Policy so that even a missed escape runs no script.
 */
public final class Templates {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Scripts and styles only from this server, no frames of us elsewhere, forms only to us. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private Templates() {}

  /** Renders the template with its single parameter as the response, with the page security headers. */
  public static void render(Context ctx, String template, Object param) {
    render(ctx, template, param, CSP);
  }

  /** The same with a policy of the caller's (null: the strict one), for a page showing remote images the user allowed. */
  public static void render(Context ctx, String template, Object param, String csp) {
    StringOutput output = new StringOutput();
    ENGINE.render(template, param, output);
    ctx.header("Content-Security-Policy", csp == null ? CSP : csp)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store")
        .html(output.toString());
  }

  /** Renders a template of several parameters (a page another module serves), with the strict policy. */
  public static void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    ENGINE.render(template, params, output);
    ctx.header("Content-Security-Policy", CSP)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store")
        .html(output.toString());
  }

  /** The policy of a page whose user agreed to load the remote images of an email. */
  public static String cspWithRemoteImages() {
    return CSP.replace("img-src 'self' data:", "img-src 'self' data: https: http:");
  }
}
