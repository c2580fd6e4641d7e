package io.claimdesk.bench;

import io.claimdesk.core.store.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.claimdesk.store.embedded.EmbeddedMongo;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.store.embedded.QueueIndexedTicketStore;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;

/**
 * Scenario {@code queues}: the unassigned and per-member queues on the embedded H2 database with N tickets (a
 * third resolved, a third claimed by 10 members, a third unassigned), read by C concurrent clients through the
 * plain MongoDB store (a filtered, sorted query: a collection scan on this server) and through the in-memory
 * queue index the app uses with the embedded database (ids from memory, tickets fetched by id).
 */
final class QueueScenario {
  private static final int CALLS = 400;
  private static final int PAGE = 50;

  private QueueScenario() {}

  static void run(int tickets, int clients) throws Exception {
    Path dataDir = ScratchDir.create("claimdesk-bench-");
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      Stores stores = MongoStores.open(client.getDatabase("claimdesk"), Clock.systemUTC());
      List<String> members = new ArrayList<>();
      for (int m = 0; m < 10; m++) {
        members.add(new ObjectId().toHexString());
      }
      long seedStart = System.nanoTime();
      Instant now = Instant.now();
      for (int i = 0; i < tickets; i++) {
        String id = stores.tickets().insert(new NewThread("support@example.com", "Queue ticket " + i,
            "c" + i + "@example.org", "Customer", i % 3 == 0 ? TicketStatus.RESOLVED : TicketStatus.OPEN,
            now.minusSeconds(tickets - i))).id();
        if (i % 3 == 1) {
          String member = members.get(i % members.size());
          stores.tickets().compareAndSetOwner(id, null, new Owner(member, member + "@example.com", "M", now),
              new TicketEvent(new ObjectId().toHexString(), OutboxEvent.CLAIMED, id, member, member + "@example.com",
                  null, null, member, member + "@example.com", "api", 0, now));
        }
      }
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      long indexStart = System.nanoTime();
      TicketStore indexed = new QueueIndexedTicketStore(stores.tickets());
      double indexMillis = (System.nanoTime() - indexStart) / 1e6;

      System.out.printf("%nscenario queues: %d tickets, %d concurrent clients, embedded H2 database, %d-ticket pages;"
          + " seeded in %.1f s; index built in %.0f ms%n%n", tickets, clients, PAGE, seedSeconds, indexMillis);
      System.out.println("| query | store | calls | calls/s | p50 ms | p95 ms | p99 ms |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|");
      for (TicketStore store : List.of(stores.tickets(), indexed)) {
        String name = store == indexed ? "in-memory queue index" : "MongoDB query (scan)";
        Concurrent.run(CALLS / 4, clients, i -> store.unassigned(PAGE)); // warm-up
        row("unassigned, oldest first", name, Concurrent.run(CALLS, clients, i -> store.unassigned(PAGE)));
        row("mine, oldest first", name,
            Concurrent.run(CALLS, clients, i -> store.ownedBy(members.get(i % members.size()), PAGE)));
      }
    }
  }

  private static void row(String query, String store, Latencies l) {
    System.out.printf("| %s | %s | %d | %.0f | %.2f | %.2f | %.2f |%n", query, store, l.count(), l.perSecond(),
        l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99));
  }
}
