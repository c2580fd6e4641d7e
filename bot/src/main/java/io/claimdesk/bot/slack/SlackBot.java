package io.claimdesk.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.claimdesk.bot.sync.ChatSync;
import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.savedreply.SavedReplyStore;
import java.util.List;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.LastSeen;
import io.claimdesk.core.ticket.TicketStore;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * claimdesk's Slack app: the Bolt app behind {@code POST /slack/events} (buttons, reply modal, {@code /tickets},
 * App Home) and the chat sync that posts and updates the ticket messages in the configured channel.
 */
public final class SlackBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
  private static final int WORKERS = 4;

  /**
   * What the Slack app works with. {@code replies} is null when no SMTP server is configured; {@code savedReplies}
   * (null: none offered) are the team's texts offered in the reply modal.
   */
  public record Dependencies(TicketStore tickets, ClaimService claims, ReplyService replies, TeamStore team,
      ChatSyncStore chatSync, DeliveryLog deliveries, EventOutbox outbox, Clock clock,
      SavedReplyStore savedReplies) {

    /** Without saved replies. */
    public Dependencies(TicketStore tickets, ClaimService claims, ReplyService replies, TeamStore team,
        ChatSyncStore chatSync, DeliveryLog deliveries, EventOutbox outbox, Clock clock) {
      this(tickets, claims, replies, team, chatSync, deliveries, outbox, clock, null);
    }

    /** The saved replies, none when there is no store. */
    List<SavedReply> saved() {
      return savedReplies == null ? List.of() : savedReplies.all();
    }
  }

  private final App app;
  private final SlackEventsServlet servlet;
  private final ChatSync sync;
  private final ExecutorService executor;
  private final Slack slack;
  private final SlackOffers offers;

  private SlackBot(App app, SlackEventsServlet servlet, ChatSync sync, ExecutorService executor, Slack slack,
      SlackOffers offers) {
    this.app = app;
    this.servlet = servlet;
    this.sync = sync;
    this.executor = executor;
    this.slack = slack;
    this.offers = offers;
  }

  /** Builds the app; call {@link #start()} to begin syncing messages. */
  public static SlackBot create(SlackSettings settings, Dependencies deps) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    // the SDK's call statistics look up the team with an extra auth.test per token; nothing here reads them
    config.setStatsEnabled(false);
    Slack slack = Slack.getInstance(config);
    MethodsClient methods = slack.methods(settings.botToken());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(WORKERS, runnable -> {
      Thread thread = new Thread(runnable, "slack-actions-" + threads.incrementAndGet());
      thread.setDaemon(true);
      // work after the ack has nobody to report to: a failure (the database, most likely) is logged here, once
      thread.setUncaughtExceptionHandler((t, e) -> log.error("a Slack click could not be handled", e));
      return thread;
    });

    SlackMembers members = new SlackMembers(deps.team(), methods, new LastSeen(deps.team(), deps.clock()));
    SlackInteractions interactions = new SlackInteractions(members, deps.deliveries(), executor);
    SlackTicketLists lists = new SlackTicketLists(deps.tickets(), interactions, methods, settings.publicBaseUrl());
    SlackActions actions = new SlackActions(deps.claims(), deps.tickets(), interactions, methods,
        settings.publicBaseUrl(), deps.replies() != null, lists::publishHome, deps::saved);
    SlackReplies replies = new SlackReplies(deps.claims(), deps.replies(), members, deps.deliveries(), methods,
        executor, id -> deps.savedReplies() == null ? Optional.empty() : deps.savedReplies().find(id));
    SlackNotes notes = new SlackNotes(deps.claims(), deps.tickets(), deps.chatSync(), interactions, members,
        deps.deliveries(), methods, settings.publicBaseUrl());

    App app = new App(AppConfig.builder()
        .singleTeamBotToken(settings.botToken())
        .signingSecret(settings.signingSecret())
        .slack(slack)
        .build());
    app.blockAction(SlackTicketMessage.CLAIM_ACTION, actions::claim);
    app.blockAction(SlackTicketMessage.UNCLAIM_ACTION, actions::unclaim);
    app.blockAction(SlackTicketMessage.REPLY_ACTION, actions::reply);
    app.viewSubmission(SlackViews.REPLY_CALLBACK, replies::submit);
    SlackReassign reassign = new SlackReassign(deps.claims(), deps.tickets(), deps.team(), members, interactions,
        methods);
    app.blockAction(SlackReassign.MENU_ACTION, reassign::menuChosen);
    app.viewSubmission(SlackReassign.CALLBACK, reassign::submit);
    app.messageShortcut(SlackNotes.SHORTCUT, notes::shortcut);
    app.viewSubmission(SlackViews.NOTE_CALLBACK, notes::submit);
    app.command("/tickets", lists::command);
    SlackOffers offers = new SlackOffers(methods, interactions, deps.tickets(), deps.team(), settings.publicBaseUrl());
    app.blockAction(SlackOffers.ACCEPT, offers::accept);
    app.blockAction(SlackOffers.DECLINE, offers::decline);
    app.event(AppHomeOpenedEvent.class, lists::homeOpened);

    ChatSync sync = settings.channelId() == null ? null
        : new ChatSync(new SlackChatTarget(methods, settings.channelId()), deps.tickets(), deps.chatSync(),
            deps.outbox(), deps.clock(), settings.sync(), settings.publicBaseUrl());
    return new SlackBot(app, new SlackEventsServlet(app, deps.clock()), sync, executor, slack, offers);
  }

  /**
   * Starts the chat sync, if a channel is configured, and has Bolt check the token ({@code auth.test}) in the
   * background now rather than inside the first click's 3 seconds. If Slack cannot be reached yet, the first
   * request tries again.
   */
  public SlackBot start() {
    if (sync != null) {
      sync.start();
    }
    executor.execute(() -> {
      try {
        app.start();
      } catch (RuntimeException e) {
        log.warn("Slack did not accept the bot token yet: {}", e.getMessage());
      }
    });
    return this;
  }

  /** The assignment policy's offers, nudges and releases in Slack, their clicks answered by {@code assignments}. */
  public AssignmentNotices offers(AssignmentService assignments, NoticeLog notices) {
    return offers.bind(assignments, notices);
  }

  /** The servlet to mount at {@code /slack/events}. */
  public HttpServlet servlet() {
    return servlet;
  }

  /** The chat sync of the channel, if one is configured. */
  public Optional<ChatSync> sync() {
    return Optional.ofNullable(sync);
  }

  @Override
  public void close() {
    // the clicks being handled first, then what they and the last requests changed is posted (a few seconds at
    // most: what is left is posted by another instance, or at the next start)
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sync != null) {
      sync.close(ChatSync.FLUSH_AT_STOP);
    }
    offers.close();
    try {
      slack.close();
    } catch (Exception e) {
      // closing the HTTP client's pools; nothing to do about a failure here
    }
  }
}
