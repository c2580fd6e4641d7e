package io.claimdesk.app;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.bot.discord.DiscordBot;
import io.claimdesk.bot.slack.SlackBot;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.AssignmentTriggers;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.assignment.StaleClaims;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Presence;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.assignment.AssignmentRoutes;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assignment policy in a running instance: it reacts to this instance's ticket events (new, unclaimed,
 * resolved, reopened tickets), and the holder of the {@code assignment} lease ticks every second to expire offers
 * and hand out what waits (which also covers members coming online and capacity raised, on any instance), and
 * once a minute nudges and releases quiet claims and sets away members not seen for {@code awayAfter} (null: never).
 * Offers, nudges and releases reach Slack and Discord, where
 * configured, through their bots' notices.
 */
final class AssignmentWiring {
  private static final Logger log = LoggerFactory.getLogger(AssignmentWiring.class);

  private AssignmentWiring() {}

  static AssignmentService start(MongoDatabase database, Stores stores, ClaimService claims, EventRelay relay,
      Javalin web, WebDependencies webDeps, Leases leases, Clock clock, SlackBot slack, DiscordBot discord,
      Duration awayAfter) {
    NoticeFanOut notices = new NoticeFanOut();
    AssignmentService service = new AssignmentService(stores.tickets(), stores.team(), claims,
        MongoStores.assignment(database), stores.assignments(), clock, notices);
    NoticeLog noticeLog = MongoStores.notices(database);
    if (slack != null) {
      notices.add(slack.offers(service, noticeLog));
    }
    if (discord != null) {
      notices.add(discord.offers(service, noticeLog));
    }
    StaleClaims stale = new StaleClaims(service, stores.tickets(), stores.team(), noticeLog, notices, clock);
    Presence presence = new Presence(stores.team(), clock, awayAfter);
    relay.observe(new AssignmentTriggers(service));
    AssignmentRoutes.install(web, service, webDeps);
    leases.keeper().hold("assignment", epoch -> {
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "claimdesk-assignment-tick");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleWithFixedDelay(() -> tick(service, stale, presence), 1, 1, TimeUnit.SECONDS);
      return () -> {
        ticker.shutdown();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
      };
    });
    return service;
  }

  private static void tick(AssignmentService service, StaleClaims stale, Presence presence) {
    try {
      service.expireDue();
      service.assignWaiting();
      stale.sweepIfDue();
      presence.sweepIfDue();
    } catch (RuntimeException e) {
      // the database may be away for a moment: the next tick tries again
      log.warn("assignment tick failed: {}", e.toString());
    }
  }
}
