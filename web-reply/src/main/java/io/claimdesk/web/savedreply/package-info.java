/** The {@code /api/saved-replies} endpoints: every member lists the team's saved replies, managers change them. */
package io.claimdesk.web.savedreply;
