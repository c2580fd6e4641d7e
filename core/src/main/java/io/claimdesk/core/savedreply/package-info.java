/** Saved replies: the team's canned texts, written by managers and inserted into replies by everyone. */
package io.claimdesk.core.savedreply;
