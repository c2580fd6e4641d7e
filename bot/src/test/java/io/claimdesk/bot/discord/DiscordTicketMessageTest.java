package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.bot.sync.TicketCard;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

class DiscordTicketMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "65a1b2c3d4e5f60718293a4b";
  private static final String URL = "https://desk.example.com/dashboard/tickets/" + ID + "/reply";

  private static TicketCard card(String owner, String status) {
    return new TicketCard(ID, "support@example.com", "Carla Customer", "carla@example.net", "Printer on fire",
        status, owner, "It started smoking this morning.", URL, 3);
  }

  private static JsonNode json(TicketCard card) throws Exception {
    String json = DiscordTicketMessage.json(card);
    System.out.println(json);
    return JSON.readTree(json);
  }

  private static List<String> customIds(JsonNode message) {
    List<String> ids = new ArrayList<>();
    message.get("components").get(0).get("components").forEach(b -> ids.add(b.path("custom_id").asText(
        "link:" + b.path("url").asText())));
    return ids;
  }

  @Test
  void anUnownedTicketShowsItsFactsAndAClaimButton() throws Exception {
    JsonNode message = json(card(null, "open"));
    JsonNode embed = message.get("embeds").get(0);
    assertThat(embed.get("title").asText()).isEqualTo("📧 New email to support@example.com");
    assertThat(embed.get("description").asText()).isEqualTo("It started smoking this morning\\.");
    assertThat(embed.get("fields")).hasSize(3);
    assertThat(embed.get("fields").get(0).get("name").asText()).isEqualTo("From");
    assertThat(embed.get("fields").get(0).get("value").asText()).isEqualTo("Carla Customer (carla@example\\.net)");
    assertThat(embed.get("fields").get(1).get("value").asText()).isEqualTo("open");
    assertThat(embed.get("fields").get(2).get("value").asText()).isEqualTo("Printer on fire");
    assertThat(customIds(message)).containsExactly("claim:" + ID, "reply:" + ID, "link:" + URL);
    JsonNode buttons = message.get("components").get(0).get("components");
    assertThat(buttons.get(0).get("label").asText()).isEqualTo("Claim");
    assertThat(buttons.get(2).get("label").asText()).isEqualTo("🔗 Click here to reply");
    assertThat(buttons.get(2).get("style").asInt()).isEqualTo(5);
    // the managers' Reassign, a fourth button in a row of its own
    assertThat(message.get("components")).hasSize(2);
    assertThat(message.get("components").get(1).get("components")).hasSize(1);
    assertThat(message.get("components").get(1).get("components").get(0).get("custom_id").asText())
        .isEqualTo("reassign:" + ID);
    assertThat(message.get("components").get(1).get("components").get(0).get("label").asText())
        .isEqualTo("Reassign…");
    assertThat(message.get("allowed_mentions").get("parse")).isEmpty();
    assertThat(message.get("allowed_mentions").path("replied_user").asBoolean(false)).isFalse();
  }

  @Test
  void anOwnedTicketNamesItsOwnerAndOffersUnclaim() throws Exception {
    JsonNode message = json(card("Ana Agent", "in progress"));
    JsonNode fields = message.get("embeds").get(0).get("fields");
    assertThat(fields).hasSize(4);
    assertThat(fields.get(3).get("value").asText()).isEqualTo("👤 Claimed by Ana Agent");
    assertThat(customIds(message)).containsExactly("unclaim:" + ID, "reply:" + ID, "link:" + URL);
    assertThat(message.get("embeds").get(0).get("color").asInt()).isEqualTo(0x3498DB);
  }

  @Test
  void aResolvedTicketIsGreenAndStillNamesItsOwner() throws Exception {
    JsonNode message = json(card("ana@example.com", "resolved"));
    JsonNode embed = message.get("embeds").get(0);
    assertThat(embed.get("color").asInt()).isEqualTo(0x2ECC71);
    assertThat(embed.get("fields").get(1).get("value").asText()).isEqualTo("resolved");
    assertThat(embed.get("fields").get(3).get("value").asText()).isEqualTo("👤 Claimed by ana@example\\.com");
    assertThat(customIds(message).get(0)).isEqualTo("unclaim:" + ID);
  }

  @Test
  void mentionsAndMarkdownInCustomerTextAreNeutralised() throws Exception {
    TicketCard card = new TicketCard(ID, "support@example.com", "@here **Boss** <@&456>", "x@example.com",
        "@everyone <@123> [click](https://evil.example) # big", "open", "Ana", "`code` > quote ||spoiler|| <#789>",
        URL, 1);
    JsonNode embed = json(card).get("embeds").get(0);
    String subject = embed.get("fields").get(2).get("value").asText();
    assertThat(subject).isEqualTo("@\u200Beveryone \\<@123\\> \\[click\\]\\(https\\://evil\\.example\\) \\# big");
    assertThat(embed.get("fields").get(0).get("value").asText())
        .isEqualTo("@\u200Bhere \\*\\*Boss\\*\\* \\<@&456\\> (x@example\\.com)");
    assertThat(embed.get("description").asText())
        .isEqualTo("\\`code\\` \\> quote \\|\\|spoiler\\|\\| \\<\\#789\\>");
    String all = embed.toString();
    assertThat(all).doesNotContain("@everyone", "@here").doesNotContainPattern("(?<!\\\\)<[@#]");
  }

  @Test
  void anOversizedTicketStaysWithinEveryEmbedLimitWithoutSplittingACharacter() throws Exception {
    String emoji = "😀".repeat(3000); // 6000 UTF-16 units, every one half of a pair
    TicketCard card = new TicketCard(ID, "a".repeat(400) + "@example.com", "N".repeat(2000), "c@example.com",
        emoji, "open", "O".repeat(2000), "x".repeat(1000) + emoji, URL, 1);
    MessageEmbed embed = DiscordTicketMessage.embed(card);
    assertThat(embed.getTitle()).hasSizeLessThanOrEqualTo(256).endsWith("…");
    assertThat(embed.getDescription()).hasSizeLessThanOrEqualTo(4096);
    assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25)
        .allSatisfy(f -> assertThat(f.getValue()).hasSizeLessThanOrEqualTo(1024));
    assertThat(embed.getLength()).isLessThanOrEqualTo(6000);
    int utf16 = embed.getTitle().length() + embed.getDescription().length() + embed.getFooter().getText().length()
        + embed.getFields().stream().mapToInt(f -> f.getName().length() + f.getValue().length()).sum();
    assertThat(utf16).as("UTF-16 units in the whole embed").isLessThanOrEqualTo(6000);
    System.out.println("oversized embed UTF-16 length " + utf16);
    System.out.println("oversized embed length " + embed.getLength() + ", description "
        + embed.getDescription().length() + ", subject " + embed.getFields().get(2).getValue().length());
    for (String text : List.of(embed.getTitle(), embed.getDescription(), embed.getFields().get(2).getValue(),
        embed.getFields().get(3).getValue())) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertThat(Character.isLowSurrogate(text.charAt(i + 1))).as("pair at %d", i).isTrue();
          i++;
        } else {
          assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
        }
      }
    }
    assertThat(embed.getFields().get(2).getValue()).endsWith("😀…");
  }

  @Test
  void truncationNeverLeavesALoneEscapingBackslash() {
    assertThat(DiscordText.truncate("ab\\*cd", 4)).isEqualTo("ab…");
    assertThat(DiscordText.truncate("a😀b", 2)).isEqualTo("a…");
    assertThat(DiscordText.truncate("short", 10)).isEqualTo("short");
  }
}
