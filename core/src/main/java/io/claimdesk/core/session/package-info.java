/** Dashboard login sessions and the failed-login limit, both kept in MongoDB so they survive restarts. */
package io.claimdesk.core.session;
