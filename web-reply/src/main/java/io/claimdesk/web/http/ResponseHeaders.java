package io.claimdesk.web.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Headers on every response, whoever writes it (Javalin, the Slack servlet, a refusal of the server itself):
 * no content sniffing, nothing cached but the static files (answers carry tickets, tokens and CSRF tokens), and
 * HSTS when the public URL is https.
 */
final class ResponseHeaders extends HandlerWrapper {
  private final boolean https;

  ResponseHeaders(boolean https) {
    this.https = https;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (!target.startsWith("/static/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (https) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    super.handle(target, base, request, response);
  }
}
