package io.claimdesk.web.page;

import io.claimdesk.core.ticket.Snippet;
import org.jsoup.nodes.Entities;

/** A search snippet as HTML: its text escaped, the hit inside {@code <mark>}. */
public final class SnippetHtml {
  private SnippetHtml() {}

  public static String of(Snippet snippet) {
    return Entities.escape(snippet.before()) + "<mark>" + Entities.escape(snippet.hit()) + "</mark>"
        + Entities.escape(snippet.after());
  }
}
