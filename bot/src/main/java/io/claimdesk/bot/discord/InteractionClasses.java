package io.claimdesk.bot.discord;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's classes for the interactions the bot answers, loaded and initialised when the gateway connects instead of
 * at the first click. JDA reads the gateway on one thread and builds each interaction there before any listener
 * runs; the first interaction of a process loaded and verified these classes on that thread (about 160 ms in the
 * bench, in which every interaction behind it waited). Loading by name: a JDA version that renames one only leaves
 * it to the first click again ({@code InteractionClassesTest} names the missing ones).
 */
final class InteractionClasses {
  private static final Logger log = LoggerFactory.getLogger(InteractionClasses.class);

  static final List<String> NAMES = List.of(
      "net.dv8tion.jda.internal.handle.InteractionCreateHandler",
      "net.dv8tion.jda.internal.handle.InteractionCreateHandler$1",
      "net.dv8tion.jda.internal.entities.InteractionEntityBuilder",
      "net.dv8tion.jda.internal.entities.channel.mixin.attribute.IInteractionPermissionMixin",
      "net.dv8tion.jda.internal.interactions.IntegrationOwnersImpl",
      "net.dv8tion.jda.internal.interactions.InteractionImpl",
      "net.dv8tion.jda.internal.interactions.InteractionHookImpl",
      "net.dv8tion.jda.internal.interactions.components.buttons.ButtonInteractionImpl",
      "net.dv8tion.jda.internal.interactions.modal.ModalInteractionImpl",
      "net.dv8tion.jda.internal.interactions.command.SlashCommandInteractionImpl",
      "net.dv8tion.jda.internal.interactions.response.InteractionCallbackResponseImpl",
      "net.dv8tion.jda.internal.components.tree.MessageComponentTreeImpl",
      "net.dv8tion.jda.internal.requests.restaction.interactions.MessageEditCallbackActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.interactions.ReplyCallbackActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.interactions.ModalCallbackActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.WebhookMessageCreateActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.WebhookMessageEditActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.WebhookMessageDeleteActionImpl",
      "net.dv8tion.jda.internal.requests.restaction.WebhookMessageRetrieveActionImpl",
      "net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent",
      "net.dv8tion.jda.api.events.interaction.ModalInteractionEvent",
      "net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent",
      "net.dv8tion.jda.api.utils.messages.MessageEditBuilder");

  private InteractionClasses() {}

  /** Loads and initialises every class of {@link #NAMES} that exists; the names that do not. */
  static List<String> preload() {
    long start = System.nanoTime();
    ClassLoader loader = InteractionClasses.class.getClassLoader();
    List<String> missing = NAMES.stream().filter(name -> {
      try {
        Class.forName(name, true, loader);
        return false;
      } catch (ClassNotFoundException | LinkageError e) {
        return true;
      }
    }).toList();
    log.debug("Discord: {} interaction classes loaded in {} ms; not found: {}", NAMES.size() - missing.size(),
        (System.nanoTime() - start) / 1_000_000, missing);
    return missing;
  }
}
