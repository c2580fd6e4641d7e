/** Operations endpoints. */
package io.claimdesk.web.health;
