/** Team members, their roles and credentials (password and API token hashes). */
package io.claimdesk.core.team;
