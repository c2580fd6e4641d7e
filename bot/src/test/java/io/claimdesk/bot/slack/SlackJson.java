package io.claimdesk.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import io.claimdesk.bot.sync.TicketCard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Test helpers: the JSON Slack receives, its texts, and checks of Block Kit limits and of escaping. */
final class SlackJson {

  /** Customer text that tries every kind of Slack markup injection. */
  static final String INJECTION = "<!channel> <!here> <!everyone> @channel @here @everyone @Channel @HERE "
      + "<@U12345> <#C12345> <!subteam^S123> <https://evil.example|click> *bold* `code` ```pre``` a & b &amp; &lt;";

  // Markup the code itself writes on purpose: the reply link, the dashboard link, the date token.
  private static final Pattern OURS = Pattern.compile(
      "<https://[^<>|\\s]+\\|(🔗 Click here to reply|dashboard)>"
          + "|<!date\\^\\d+\\^\\{date_short_pretty} at \\{time}\\|[^<>]*>");
  private static final Pattern RAW_BROADCAST = Pattern.compile("@(channel|here|everyone)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");

  private SlackJson() {}

  static JsonElement tree(Object value) {
    // parse the string, not toJsonTree, to test exactly what goes over the wire
    return com.google.gson.JsonParser.parseString(GsonFactory.createSnakeCase().toJson(value));
  }

  static TicketCard card(String subject, String snippet, String fromName, String owner) {
    return new TicketCard("T1", "support@example.com", fromName, "dev@example.com", subject, "Open", owner, snippet,
        "https://desk.example.com/dashboard/tickets/T1/reply", 3);
  }

  /** Every object under {@code root} (itself included), depth first. */
  static List<JsonObject> objects(JsonElement root) {
    List<JsonObject> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(JsonElement element, List<JsonObject> out) {
    if (element.isJsonObject()) {
      out.add(element.getAsJsonObject());
      element.getAsJsonObject().entrySet().forEach(e -> collect(e.getValue(), out));
    } else if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> collect(e, out));
    }
  }

  /** The text of every text object of the given type ("mrkdwn" or "plain_text"). */
  static List<String> texts(JsonElement root, String type) {
    return objects(root).stream()
        .filter(o -> o.has("type") && o.get("type").getAsString().equals(type) && o.has("text"))
        .map(o -> o.get("text").getAsString()).toList();
  }

  /** Every string value in the JSON. */
  static List<String> strings(JsonElement root) {
    List<String> out = new ArrayList<>();
    objects(root).forEach(o -> o.entrySet().stream().filter(e -> e.getValue().isJsonPrimitive()
        && e.getValue().getAsJsonPrimitive().isString()).forEach(e -> out.add(e.getValue().getAsString())));
    return out;
  }

  /** No text can mention, broadcast or link; every '&' is a whole entity; no surrogate pair is split. */
  static void assertSafe(JsonElement root) {
    for (String text : texts(root, "mrkdwn")) {
      String customer = OURS.matcher(text).replaceAll("");
      assertThat(customer).as("mrkdwn %s", text).doesNotContain("<").doesNotContain("|click>");
      assertThat(ENTITY.matcher(customer).replaceAll("")).as("bare & in %s", text).doesNotContain("&");
    }
    for (String text : strings(root)) {
      assertThat(RAW_BROADCAST.matcher(text).find()).as("raw broadcast in %s", text).isFalse();
      assertWholePairs(text);
    }
  }

  static void assertWholePairs(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))).as("split at %d", i).isTrue();
        i++;
      } else {
        assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
      }
    }
  }

  /** Every Block Kit limit the code could reach, and unique block_ids. */
  static void assertWithinLimits(JsonArray blocks, int maxBlocks) {
    assertThat(blocks.size()).isLessThanOrEqualTo(maxBlocks);
    Set<String> blockIds = new HashSet<>();
    for (JsonElement element : blocks) {
      JsonObject block = element.getAsJsonObject();
      if (block.has("block_id")) {
        assertThat(blockIds.add(block.get("block_id").getAsString())).as("unique block_id").isTrue();
        assertThat(block.get("block_id").getAsString()).hasSizeLessThanOrEqualTo(255);
      }
      switch (block.get("type").getAsString()) {
        case "header" -> assertThat(text(block)).hasSizeLessThanOrEqualTo(150);
        case "section" -> {
          if (block.has("text")) {
            assertThat(text(block)).hasSizeLessThanOrEqualTo(3000);
          }
          if (block.has("fields")) {
            assertThat(block.getAsJsonArray("fields").size()).isLessThanOrEqualTo(10);
            block.getAsJsonArray("fields").forEach(f ->
                assertThat(f.getAsJsonObject().get("text").getAsString()).hasSizeLessThanOrEqualTo(2000));
          }
        }
        case "context" -> {
          assertThat(block.getAsJsonArray("elements").size()).isLessThanOrEqualTo(10);
          block.getAsJsonArray("elements").forEach(f ->
              assertThat(f.getAsJsonObject().get("text").getAsString()).hasSizeLessThanOrEqualTo(3000));
        }
        case "actions" -> assertThat(block.getAsJsonArray("elements").size()).isLessThanOrEqualTo(25);
        default -> { }
      }
    }
    for (JsonObject o : objects(blocks)) {
      if (o.has("type") && o.get("type").getAsString().equals("button")) {
        assertThat(text(o)).hasSizeLessThanOrEqualTo(75);
        assertThat(o.get("value").getAsString()).hasSizeLessThanOrEqualTo(2000);
        assertThat(o.get("action_id").getAsString()).hasSizeLessThanOrEqualTo(255);
      }
    }
  }

  static String text(JsonObject withText) {
    return withText.getAsJsonObject("text").get("text").getAsString();
  }

  /** The buttons anywhere under root. */
  static List<JsonObject> buttons(JsonElement root) {
    return objects(root).stream()
        .filter(o -> o.has("type") && o.get("type").getAsString().equals("button")).toList();
  }
}
