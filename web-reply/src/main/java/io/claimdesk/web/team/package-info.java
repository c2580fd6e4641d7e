/** The team endpoints: list members, and (admins) add one with its first API token. */
package io.claimdesk.web.team;
