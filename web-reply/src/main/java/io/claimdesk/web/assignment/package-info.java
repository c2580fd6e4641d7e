/** The assignment policy over HTTP: settings, offers, a manager's unclaim-all and the history export. */
package io.claimdesk.web.assignment;
