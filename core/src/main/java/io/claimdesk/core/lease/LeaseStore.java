package io.claimdesk.core.lease;

import java.time.Duration;
import java.util.Optional;

/** The {@code leases} collection: named leases, each taken by compare-and-set. Times come from the store's clock. */
public interface LeaseStore {

  /**
   * Takes the lease for {@code holder} until now + {@code ttl} when it is free, expired or held by {@code holder}
   * already, raising its epoch; empty when another holder has it. Of several callers at once, at most one wins.
   */
  Optional<Lease> tryAcquire(String name, String holder, Duration ttl);

  /**
   * Extends the lease to now + {@code ttl} if it is still {@code holder}'s at {@code epoch}, nobody having taken it
   * since; empty when it was lost.
   */
  Optional<Lease> renew(String name, String holder, long epoch, Duration ttl);

  /** Frees the lease if it is {@code holder}'s at {@code epoch}, so another can take it at once; true if it was. */
  boolean release(String name, String holder, long epoch);

  /** The lease as it stands, if it was ever taken. */
  Optional<Lease> find(String name);
}
