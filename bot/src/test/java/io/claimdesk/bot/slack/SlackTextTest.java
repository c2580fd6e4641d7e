package io.claimdesk.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SlackTextTest {

  private static final String WJ = String.valueOf(SlackText.WORD_JOINER);

  @Test
  void escapesTheThreeCharactersSlackParses() {
    assertThat(SlackText.escape("a & b < c > d")).isEqualTo("a &amp; b &lt; c &gt; d");
    assertThat(SlackText.escape("<!channel> <@U1> <#C1> <!subteam^S1> <http://x|fake>"))
        .isEqualTo("&lt;!channel&gt; &lt;@U1&gt; &lt;#C1&gt; &lt;!subteam^S1&gt; &lt;http://x|fake&gt;");
    // an entity the customer typed is shown as typed, not decoded
    assertThat(SlackText.escape("&lt;")).isEqualTo("&amp;lt;");
    assertThat(SlackText.escape(null)).isEmpty();
  }

  @Test
  void defusesBroadcastWordsInAnyCase() {
    assertThat(SlackText.escape("hi @channel, @Here and @EVERYONE"))
        .isEqualTo("hi @" + WJ + "channel, @" + WJ + "Here and @" + WJ + "EVERYONE");
    assertThat(SlackText.escape("mail me at dev@example.com")).isEqualTo("mail me at dev@example.com");
    assertThat(SlackText.plain("@here <b>", 100)).isEqualTo("@" + WJ + "here <b>");
    assertThat(Pattern.compile("@(channel|here|everyone)", Pattern.CASE_INSENSITIVE)
        .matcher(SlackText.escape(SlackJson.INJECTION)).find()).isFalse();
  }

  @Test
  void truncateKeepsShortTextAndCutsLongTextWithAnEllipsis() {
    assertThat(SlackText.truncate("hello", 5)).isEqualTo("hello");
    assertThat(SlackText.truncate("hello!", 5)).isEqualTo("hell…");
    assertThat(SlackText.truncate(null, 5)).isEmpty();
    assertThat(SlackText.truncate("hello", 0)).isEmpty();
    assertThat(SlackText.truncate("hello", 1)).isEqualTo("…");
    assertThat(SlackText.mrkdwn(null, 10)).isEmpty();
    assertThat(SlackText.plain(null, 10)).isEmpty();
  }

  @Test
  void truncateNeverCutsAnEntityAtAnyPosition() {
    String escaped = SlackText.escape("a<b&c>d&&<<>>e".repeat(5));
    for (int max = 1; max <= escaped.length() + 1; max++) {
      String cut = SlackText.truncate(escaped, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      String kept = cut.endsWith(SlackText.ELLIPSIS) && cut.length() < escaped.length()
          ? cut.substring(0, cut.length() - 1) : cut;
      assertThat(escaped).startsWith(kept);
      assertThat(kept.replaceAll("&(amp|lt|gt);", "")).as("cut at %d: %s", max, cut).doesNotContain("&");
      // backing off costs at most the 4 chars of the longest entity but one
      assertThat(kept.length()).isGreaterThanOrEqualTo(Math.min(escaped.length(), max - 1 - 4));
    }
  }

  @Test
  void truncateNeverSplitsASurrogatePair() {
    String text = "a😀b😀😀c".repeat(10);
    for (int max = 1; max <= text.length(); max++) {
      String cut = SlackText.truncate(text, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      SlackJson.assertWholePairs(cut);
    }
    SlackJson.assertWholePairs(SlackText.plain("😀".repeat(5000), 150));
  }

  @Test
  void mrkdwnEscapesBeforeCuttingSoEntitiesCount() {
    String cut = SlackText.mrkdwn("<".repeat(100), 10);
    assertThat(cut).isEqualTo("&lt;&lt;…");
  }

  @Test
  void linksOnlyToHttpUrlsAndEncodesWhatWouldBreakTheLink() {
    assertThat(SlackText.link("https://h.example/a", "go")).isEqualTo("<https://h.example/a|go>");
    assertThat(SlackText.link("HTTP://h.example/a", "go")).isEqualTo("<HTTP://h.example/a|go>");
    assertThat(SlackText.link("javascript:alert(1)", "go")).isNull();
    assertThat(SlackText.link("slack://channel?id=1", "go")).isNull();
    assertThat(SlackText.link(null, "go")).isNull();
    assertThat(SlackText.safeUrl("https://h.example/a b|c<d>e\tf\u2028g?x=1&y=2"))
        .isEqualTo("https://h.example/a%20b%7Cc%3Cd%3Ee%09f%E2%80%A8g?x=1&amp;y=2");
    assertThat(SlackText.safeUrl("https://h.example/" + "a".repeat(5000))).isNull();
  }
}
