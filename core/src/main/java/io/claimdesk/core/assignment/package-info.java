/**
 * Assignment policies: which online member with room gets an unowned ticket (round robin, least loaded), claimed
 * at once or offered with a timeout, and what happens to reopened tickets.
 */
package io.claimdesk.core.assignment;
