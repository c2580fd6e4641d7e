/** The claim rules: who may claim, unclaim, reassign, reply to and change the status of a ticket. */
package io.claimdesk.core.claim;
