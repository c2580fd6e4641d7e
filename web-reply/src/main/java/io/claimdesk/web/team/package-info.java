/** The team endpoints: list members, and (admins) add one with its first API token; the Discord link page. */
package io.claimdesk.web.team;
