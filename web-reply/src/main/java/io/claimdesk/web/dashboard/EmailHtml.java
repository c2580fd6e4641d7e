package io.claimdesk.web.dashboard;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Email HTML made safe to show inside a dashboard page, whatever the stored copy holds: no scripts, event handlers,
 * styles, forms, frames or {@code javascript:} links, and remote images only with the reader's consent (a remote
 * image tells the sender that and when the mail was read).
 */
public final class EmailHtml {
  private static final Safelist SAFE = Safelist.relaxed()
      .removeTags("img")
      .addTags("img")
      .addAttributes("img", "src", "alt", "width", "height")
      .addProtocols("img", "src", "http", "https", "cid")
      .addProtocols("a", "href", "http", "https", "mailto")
      .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
      .addEnforcedAttribute("a", "target", "_blank");

  private EmailHtml() {}

  /** The result: safe HTML and how many remote images were held back. */
  public record Safe(String html, int blockedImages) {}

  /** Cleans {@code html}; remote images are kept only when {@code remoteImages} is true. */
  public static Safe clean(String html, boolean remoteImages) {
    Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html);
    Document clean = new Cleaner(SAFE).clean(dirty);
    int blocked = 0;
    for (Element img : clean.select("img")) {
      String src = img.attr("src");
      boolean remote = src.startsWith("http:") || src.startsWith("https:");
      if (src.startsWith("cid:") || src.isEmpty() || (remote && !remoteImages)) {
        blocked += remote ? 1 : 0;
        String alt = img.attr("alt").isBlank() ? "image" : img.attr("alt");
        img.replaceWith(new Element("span").addClass("blocked-image").text("[" + alt + "]"));
      }
    }
    clean.outputSettings().prettyPrint(false);
    return new Safe(clean.body().html(), blocked);
  }
}
