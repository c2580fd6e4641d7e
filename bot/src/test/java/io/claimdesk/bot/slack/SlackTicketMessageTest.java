package io.claimdesk.bot.slack;

import static io.claimdesk.bot.slack.SlackJson.buttons;
import static io.claimdesk.bot.slack.SlackJson.card;
import static io.claimdesk.bot.slack.SlackJson.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.claimdesk.bot.sync.TicketCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTicketMessageTest {

  private static final String LINK = "<https://desk.example.com/dashboard/tickets/T1/reply|🔗 Click here to reply>";

  private static JsonArray json(TicketCard card) {
    return SlackJson.tree(SlackTicketMessage.blocks(card)).getAsJsonArray();
  }

  @Test
  void unownedTicketShowsTheSpecContentAndAClaimButton() {
    JsonArray blocks = json(card("VPN keeps dropping", "It drops every 5 minutes.", "Dev Patel", null));

    JsonObject header = blocks.get(0).getAsJsonObject();
    assertThat(header.get("type").getAsString()).isEqualTo("header");
    assertThat(SlackJson.text(header)).isEqualTo("📧 New email to support@example.com");
    assertThat(texts(blocks, "mrkdwn")).contains(
        "*From*\nDev Patel &lt;dev@example.com&gt;", "*Subject*\nVPN keeps dropping", "*Status*\nOpen",
        ">It drops every 5 minutes.", LINK);
    assertThat(texts(blocks, "mrkdwn")).noneMatch(t -> t.contains("Claimed by"));
    JsonObject actions = blocks.get(3).getAsJsonObject();
    assertThat(actions.get("type").getAsString()).isEqualTo("actions");
    assertThat(actions.get("block_id").getAsString()).isEqualTo("ticket");
    List<JsonObject> buttons = buttons(actions);
    assertThat(buttons).extracting(b -> b.get("action_id").getAsString()).containsExactly("claim", "reply");
    assertThat(buttons).extracting(b -> b.get("value").getAsString()).containsOnly("T1");
    assertThat(buttons).extracting(SlackJson::text).containsExactly("Claim", "Reply");
    assertThat(buttons.get(0).get("style").getAsString()).isEqualTo("primary");
    // the managers' Reassign: an overflow menu after the buttons, in the same actions block
    JsonArray elements = actions.getAsJsonArray("elements");
    assertThat(elements).hasSize(3);
    JsonObject overflow = elements.get(2).getAsJsonObject();
    assertThat(overflow.get("type").getAsString()).isEqualTo("overflow");
    assertThat(overflow.get("action_id").getAsString()).isEqualTo("ticket_menu");
    JsonObject option = overflow.getAsJsonArray("options").get(0).getAsJsonObject();
    assertThat(SlackJson.text(option)).isEqualTo("Reassign…");
    assertThat(option.get("value").getAsString()).isEqualTo("reassign:T1");
    assertThat(blocks).hasSize(5);
    texts(blocks, "mrkdwn").forEach(t -> assertThat(t).doesNotContain("&amp;"));
  }

  @Test
  void ownedTicketSaysWhoClaimedItAndOffersUnclaim() {
    JsonArray blocks = json(card("VPN keeps dropping", "It drops.", "Dev Patel", "Alice Agent"));

    assertThat(texts(blocks, "mrkdwn")).contains("👤 Claimed by *Alice Agent*", LINK);
    List<JsonObject> buttons = buttons(blocks);
    assertThat(buttons).extracting(b -> b.get("action_id").getAsString()).containsExactly("unclaim", "reply");
    assertThat(buttons).extracting(b -> b.get("value").getAsString()).containsOnly("T1");
    assertThat(buttons.get(0).has("style")).isFalse();
    assertThat(blocks).hasSize(6);
  }

  @Test
  void missingPartsHaveStandIns() {
    TicketCard card = new TicketCard("T2", "support@example.com", " ", "dev@example.com", " ", "Waiting", null, "",
        "https://desk.example.com/dashboard/tickets/T2/reply", 1);
    JsonArray blocks = json(card);

    assertThat(texts(blocks, "mrkdwn")).contains("*From*\ndev@example.com", "*Subject*\n(no subject)",
        "*Status*\nWaiting").noneMatch(t -> t.startsWith(">"));
    assertThat(blocks).hasSize(4);
    assertThat(SlackTicketMessage.fallbackText(card))
        .isEqualTo("📧 New email to support@example.com from dev@example.com: (no subject)");
  }

  @Test
  void fallbackTextSaysWhoWroteAboutWhat() {
    assertThat(SlackTicketMessage.fallbackText(card("VPN keeps dropping", "x", "Dev Patel", null)))
        .isEqualTo("📧 New email to support@example.com from Dev Patel: VPN keeps dropping");
    String hostile = SlackTicketMessage.fallbackText(card(SlackJson.INJECTION.repeat(50), "x",
        SlackJson.INJECTION, null));
    assertThat(hostile).hasSizeLessThanOrEqualTo(300).doesNotContain("<").doesNotContainPattern("(?i)@(channel|here)");
    assertThat(hostile.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
  }

  @Test
  void customerTextCannotMentionBroadcastOrLink() {
    for (TicketCard card : List.of(
        card(SlackJson.INJECTION, SlackJson.INJECTION, SlackJson.INJECTION, null),
        card(SlackJson.INJECTION, SlackJson.INJECTION, SlackJson.INJECTION, SlackJson.INJECTION),
        new TicketCard("T1", "<!channel>@here", SlackJson.INJECTION, "<@U1>@everyone", SlackJson.INJECTION, "Open",
            null, SlackJson.INJECTION, "https://desk.example.com/r", 1))) {
      JsonArray blocks = json(card);
      SlackJson.assertSafe(blocks);
      SlackJson.assertWithinLimits(blocks, 50);
      assertThat(texts(blocks, "mrkdwn")).anyMatch(t -> t.contains("&lt;!channel&gt;"))
          .anyMatch(t -> t.contains("a &amp; b &amp;amp; &amp;lt;"));
    }
  }

  @Test
  void anAnsweredCallShowsItsLineEscaped() {
    TicketCard card = new TicketCard("T1", "support@example.com", "Ana", "ana@example.org", "Refund", "In progress",
        "Olga", "text", "https://desk.example.com/r", 3, "📞 Call from " + SlackJson.INJECTION + " answered by Olga");
    JsonArray blocks = json(card);
    SlackJson.assertSafe(blocks);
    assertThat(texts(blocks, "mrkdwn")).anyMatch(t -> t.startsWith("📞 Call from &lt;!channel&gt;")
        && t.endsWith(" answered by Olga"));
    TicketCard without = new TicketCard("T1", "support@example.com", "Ana", "ana@example.org", "Refund", "Open",
        null, "text", "https://desk.example.com/r", 3);
    assertThat(texts(json(without), "mrkdwn")).noneMatch(t -> t.contains("📞"));
  }

  @Test
  void hugeTextStaysWithinEveryBlockKitLimit() {
    String big = "x".repeat(10_000);
    for (String text : List.of(big, "&".repeat(10_000), "<".repeat(9_999) + "&", "😀".repeat(5_000),
        "a" + "😀".repeat(5_000), "ab&" + "<>".repeat(5_000), SlackJson.INJECTION.repeat(100))) {
      TicketCard card = new TicketCard("T1", text, text, text, text, "In progress", text, text,
          "https://desk.example.com/dashboard/tickets/T1/reply", 1);
      JsonArray blocks = json(card);
      SlackJson.assertWithinLimits(blocks, 50);
      SlackJson.assertSafe(blocks);
      assertThat(texts(blocks, "mrkdwn")).contains(LINK);
      assertThat(SlackTicketMessage.fallbackText(card)).hasSizeLessThanOrEqualTo(300);
      SlackJson.assertWholePairs(SlackTicketMessage.fallbackText(card));
    }
  }

  @Test
  void replyLinkIsSanitizedOrLeftOut() {
    TicketCard odd = new TicketCard("T1", "m", "n", "e", "s", "Open", null, "x",
        "https://desk.example.com/r?a=1|<b> c", 1);
    assertThat(texts(json(odd), "mrkdwn"))
        .contains("<https://desk.example.com/r?a=1%7C%3Cb%3E%20c|🔗 Click here to reply>");
    TicketCard evil = new TicketCard("T1", "m", "n", "e", "s", "Open", null, "x", "javascript:alert(1)", 1);
    assertThat(texts(json(evil), "mrkdwn")).noneMatch(t -> t.contains("Click here"));
  }

  @Test
  void renderIsTheJsonOfTheBlocksAndChangesWithWhatIsShown() {
    TicketCard open = card("VPN", "x", "Dev", null);
    TicketCard claimed = card("VPN", "x", "Dev", "Alice");
    assertThat(SlackTicketMessage.render(open)).isEqualTo(SlackTicketMessage.render(card("VPN", "x", "Dev", null)));
    assertThat(SlackTicketMessage.render(open)).isNotEqualTo(SlackTicketMessage.render(claimed));
    assertThat(SlackJson.tree(SlackTicketMessage.blocks(open)))
        .isEqualTo(com.google.gson.JsonParser.parseString(SlackTicketMessage.render(open)));
    assertThat(SlackTicketMessage.render(open)).contains("\"action_id\"").contains("\"block_id\"");
  }
}
