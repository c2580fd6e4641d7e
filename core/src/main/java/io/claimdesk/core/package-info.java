/**
 * The claimdesk domain: tickets, team, claim rules and events. Knows no web server, chat tool, telephony or mail
 * library; adapters in the other modules translate their transport into calls on these services.
 */
package io.claimdesk.core;
