package io.claimdesk.core.lease;

import java.time.Instant;

/**
 * A lease as the database holds it: {@code holder} until {@code expiresAt} (null holder: free). {@code epoch} grows
 * by one at each acquisition and never goes back, so it orders every holder the lease ever had.
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {}
