/** Dashboard login: the session cookie, CSRF tokens, the login and logout forms. */
package io.claimdesk.web.session;
