package io.claimdesk.core.store;

/** Whether the database behind the stores answers. */
public interface StoreHealth {
  /** True when the database answers a ping now; never throws. */
  boolean up();
}
