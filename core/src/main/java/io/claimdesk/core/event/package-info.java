/**
 * The event outbox: an append-only log with a dense, monotonic sequence number that chat sync and live dashboards
 * read from a position of their own, so any number of app instances can follow it and resume after a restart.
 */
package io.claimdesk.core.event;
