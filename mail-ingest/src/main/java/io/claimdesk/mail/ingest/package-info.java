/** From raw bytes to a stored mail (or to quarantine): the one path every mail source goes through. */
package io.claimdesk.mail.ingest;
