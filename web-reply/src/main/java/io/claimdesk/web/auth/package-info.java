/** Who is calling: API tokens now, dashboard sessions later; and the exchange of a password for a token. */
package io.claimdesk.web.auth;
