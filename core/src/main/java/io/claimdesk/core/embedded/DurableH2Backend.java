package io.claimdesk.core.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * An H2 backend that commits the store before a command's reply leaves the server. Out of the box H2 keeps up
 * to a second of writes in memory, so a killed process loses writes the client saw acknowledged. Every command
 * (OP_MSG and legacy {@code $cmd} alike) passes through {@link #handleCommand}; the commit runs in
 * {@code finally} because a failed command may have applied part of its writes. Concurrent writers share
 * commits: whoever takes the lock first commits everyone's changes, the others find nothing left to do.
 */
final class DurableH2Backend extends H2Backend {
  private final MVStore store;
  private final Object commitLock = new Object();

  DurableH2Backend(MVStore store) {
    super(store);
    this.store = store;
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      commitIfDirty();
    }
  }

  private void commitIfDirty() {
    if (!store.hasUnsavedChanges()) {
      return;
    }
    synchronized (commitLock) {
      if (store.hasUnsavedChanges()) {
        commit();
      }
    }
  }
}
