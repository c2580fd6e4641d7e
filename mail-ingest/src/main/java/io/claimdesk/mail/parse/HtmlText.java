package io.claimdesk.mail.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Email HTML made safe to show, and its readable text for mails that have no text part. */
final class HtmlText {
  // No scripts, no event handlers, no style attributes or elements, links and images only over http(s) and cid.
  private static final Safelist SAFE = Safelist.relaxed()
      .removeTags("img")
      .addTags("img")
      .addAttributes("img", "src", "alt", "width", "height")
      .addProtocols("img", "src", "http", "https", "cid")
      .addAttributes("a", "href")
      .addProtocols("a", "href", "http", "https", "mailto");

  private HtmlText() {}

  static String sanitize(String html) {
    return Jsoup.clean(html, "", SAFE, new Document.OutputSettings().prettyPrint(false));
  }

  /** The visible text, with line breaks where blocks end; scripts and styles contribute nothing. */
  static String toText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("script, style, head, title").remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
          out.append(text.text());
        } else if (node instanceof Element e && (e.normalName().equals("br") || e.normalName().equals("li"))) {
          out.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock() && !e.normalName().equals("li")) {
          out.append('\n');
        }
      }
    }, doc.body() == null ? doc : doc.body());
    return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
  }
}
