package io.claimdesk.bot.slack;

import static io.claimdesk.bot.slack.SlackJson.buttons;
import static io.claimdesk.bot.slack.SlackJson.card;
import static io.claimdesk.bot.slack.SlackJson.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.claimdesk.bot.sync.TicketCard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlackViewsTest {

  private static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");
  private static final String DASHBOARD = "https://desk.example.com/dashboard";

  private static JsonObject json(Object view) {
    return SlackJson.tree(view).getAsJsonObject();
  }

  @Test
  void replyModalHasTheFixedIdsAndAReplyBox() {
    JsonObject view = json(SlackViews.replyModal(card("VPN keeps dropping", "x", "Dev Patel", null),
        "Dev Patel", "Still broken.\nPlease help.", AT));

    assertThat(view.get("type").getAsString()).isEqualTo("modal");
    assertThat(view.get("callback_id").getAsString()).isEqualTo("reply_modal").isEqualTo(SlackViews.REPLY_CALLBACK);
    assertThat(view.get("private_metadata").getAsString()).isEqualTo("T1");
    assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("Reply to ticket")
        .hasSizeLessThanOrEqualTo(24);
    assertThat(view.getAsJsonObject("submit").get("text").getAsString()).isEqualTo("Send");
    assertThat(view.getAsJsonObject("close").get("text").getAsString()).isEqualTo("Cancel");
    JsonArray blocks = view.getAsJsonArray("blocks");
    assertThat(texts(blocks, "mrkdwn")).contains("*VPN keeps dropping*\nFrom Dev Patel &lt;dev@example.com&gt;",
        ">Still broken.\n>Please help.").noneMatch(t -> t.contains("Claimed by"))
        .anyMatch(t -> t.startsWith("Latest message from Dev Patel · <!date^" + AT.getEpochSecond() + "^")
            && t.endsWith("|2026-03-01 09:30 UTC>"));
    JsonObject input = blocks.get(blocks.size() - 1).getAsJsonObject();
    assertThat(input.get("type").getAsString()).isEqualTo("input");
    assertThat(input.get("block_id").getAsString()).isEqualTo("reply").isEqualTo(SlackViews.REPLY_BLOCK);
    assertThat(input.getAsJsonObject("label").get("text").getAsString()).isEqualTo("Your reply");
    JsonObject box = input.getAsJsonObject("element");
    assertThat(box.get("type").getAsString()).isEqualTo("plain_text_input");
    assertThat(box.get("action_id").getAsString()).isEqualTo("body").isEqualTo(SlackViews.REPLY_ACTION);
    assertThat(box.get("multiline").getAsBoolean()).isTrue();
    assertThat(box.get("min_length").getAsInt()).isEqualTo(1);
    assertThat(box.get("max_length").getAsInt()).isEqualTo(3000);
    assertThat(box.getAsJsonObject("placeholder").get("text").getAsString()).isEqualTo("Write your reply…");
  }

  @Test
  void replyModalShowsTheOwnerAndStandsInForMissingText() {
    JsonObject view = json(SlackViews.replyModal(card("VPN", "x", "Dev", "Alice Agent"), null, "  ", null));

    assertThat(texts(view, "mrkdwn")).contains("_No message text_", "Latest message from Customer",
        "👤 Claimed by *Alice Agent*");
  }

  @Test
  void replyModalEscapesCustomerTextAndKeepsWithinLimits() {
    for (String text : List.of(SlackJson.INJECTION, SlackJson.INJECTION.repeat(200), "😀".repeat(5_000),
        "&".repeat(10_000), "line\n".repeat(3_000))) {
      TicketCard card = new TicketCard("T1", text, text, text, text, "Open", text, text, "https://h/r", 1);
      JsonObject view = json(SlackViews.replyModal(card, text, text, AT));
      SlackJson.assertSafe(view);
      SlackJson.assertWithinLimits(view.getAsJsonArray("blocks"), 100);
    }
  }

  @Test
  void sendingAndResultModalsKeepTheTicketAndCannotBeSubmitted() {
    JsonObject sending = json(SlackViews.sendingModal("T9"));
    assertThat(sending.get("type").getAsString()).isEqualTo("modal");
    assertThat(sending.get("private_metadata").getAsString()).isEqualTo("T9");
    assertThat(sending.has("submit")).isFalse();
    assertThat(texts(sending, "mrkdwn")).containsExactly("Sending your reply…");

    JsonObject result = json(SlackViews.resultModal("T9", "✅ Reply sent to *Dev Patel*"));
    assertThat(result.has("submit")).isFalse();
    assertThat(result.getAsJsonObject("close").get("text").getAsString()).isEqualTo("Close");
    assertThat(result.get("private_metadata").getAsString()).isEqualTo("T9");
    assertThat(texts(result, "mrkdwn")).containsExactly("✅ Reply sent to *Dev Patel*");
    assertThat(SlackJson.text(result.getAsJsonArray("blocks").get(0).getAsJsonObject()).length())
        .isLessThanOrEqualTo(3000);
    assertThat(texts(json(SlackViews.resultModal("T9", "x".repeat(5000))), "mrkdwn").get(0)).hasSize(3000);
  }

  @Test
  void ticketListShowsBothListsWithTheirButtons() {
    List<TicketCard> mine = List.of(ticket("M1", "Printer on fire", "Alice"));
    List<TicketCard> open = List.of(ticket("U1", "Old one", null), ticket("U2", "New one", null));
    JsonArray blocks = SlackJson.tree(SlackViews.ticketList(mine, open, DASHBOARD)).getAsJsonArray();

    assertThat(texts(blocks, "mrkdwn")).containsSubsequence("*Your tickets* (1)",
        "*Printer on fire*\nFrom Dev Patel · In progress · support@example.com", "*Unassigned* (2)",
        "*Old one*\nFrom Dev Patel · In progress · support@example.com",
        "*New one*\nFrom Dev Patel · In progress · support@example.com");
    List<JsonObject> buttons = buttons(blocks);
    assertThat(buttons).extracting(b -> b.get("action_id").getAsString()).containsExactly("reply", "claim", "claim");
    assertThat(buttons).extracting(b -> b.get("value").getAsString()).containsExactly("M1", "U1", "U2");
    assertThat(buttons).extracting(SlackJson::text).containsExactly("Reply", "Claim", "Claim");
    assertThat(buttons.get(1).get("style").getAsString()).isEqualTo("primary");
    assertThat(SlackJson.objects(blocks)).filteredOn(o -> o.has("block_id"))
        .extracting(o -> o.get("block_id").getAsString()).containsExactly("t:M1", "t:U1", "t:U2");
    assertThat(texts(blocks, "mrkdwn")).noneMatch(t -> t.contains("more on the"));
  }

  @Test
  void emptyListsSaySo() {
    JsonArray blocks = SlackJson.tree(SlackViews.ticketList(List.of(), null, DASHBOARD)).getAsJsonArray();
    assertThat(texts(blocks, "mrkdwn")).containsSubsequence("*Your tickets* (0)", "Nothing here 🎉",
        "*Unassigned* (0)", "No unassigned tickets");
    assertThat(buttons(blocks)).isEmpty();
  }

  @Test
  void longListsStayWithinFiftyBlocksAndSayHowManyMore() {
    List<TicketCard> mine = tickets("m", 60, "Alice");
    List<TicketCard> open = tickets("u", 60, null);
    JsonArray blocks = SlackJson.tree(SlackViews.ticketList(mine, open, DASHBOARD)).getAsJsonArray();

    SlackJson.assertWithinLimits(blocks, 50);
    assertThat(buttons(blocks)).hasSize(40);
    assertThat(texts(blocks, "mrkdwn")).contains("*Your tickets* (60)", "*Unassigned* (60)")
        .filteredOn(t -> t.equals("…and 40 more on the <https://desk.example.com/dashboard|dashboard>")).hasSize(2);
    assertThat(texts(json(SlackViews.homeTab(mine, open, "not a url")), "mrkdwn"))
        .contains("…and 40 more on the dashboard");
  }

  @Test
  void aTicketInBothListsDoesNotRepeatABlockId() {
    List<TicketCard> same = List.of(ticket("X", "s", null), ticket("X", "s", null));
    SlackJson.assertWithinLimits(SlackJson.tree(SlackViews.ticketList(same, same, DASHBOARD)).getAsJsonArray(), 50);
  }

  @Test
  void ticketListEscapesCustomerTextAndKeepsWithinLimits() {
    List<TicketCard> hostile = new ArrayList<>();
    for (String text : List.of(SlackJson.INJECTION, "x".repeat(10_000), "😀".repeat(5_000), "&".repeat(10_000))) {
      hostile.add(new TicketCard("id" + hostile.size(), text, text, text, text, "Open", null, text, "https://h/r", 1));
    }
    JsonObject home = json(SlackViews.homeTab(hostile, hostile.subList(0, 2), DASHBOARD));
    assertThat(home.get("type").getAsString()).isEqualTo("home");
    SlackJson.assertSafe(home);
    SlackJson.assertWithinLimits(home.getAsJsonArray("blocks"), 50);
  }

  private static TicketCard ticket(String id, String subject, String owner) {
    return new TicketCard(id, "support@example.com", "Dev Patel", "dev@example.com", subject, "In progress", owner,
        "x", "https://desk.example.com/dashboard/tickets/" + id + "/reply", 1);
  }

  private static List<TicketCard> tickets(String prefix, int n, String owner) {
    return IntStream.range(0, n).mapToObj(i -> ticket(prefix + i, "Subject " + i, owner)).toList();
  }
}
