/**
 * Chat synchronisation state: which chat message shows which ticket at which version, and which chat deliveries
 * were already handled. The chat adapters live in the {@code bot} module; this package holds only their ports.
 */
package io.claimdesk.core.chat;
