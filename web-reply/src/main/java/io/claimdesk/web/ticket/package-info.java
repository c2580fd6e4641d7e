/** The ticket endpoints: lists, detail, claim, unclaim, reassign, status and reply. */
package io.claimdesk.web.ticket;
