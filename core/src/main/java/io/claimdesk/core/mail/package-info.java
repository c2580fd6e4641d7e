/** Inbound email as the domain sees it, independent of the MIME library that parsed it, and attachment storage. */
package io.claimdesk.core.mail;
