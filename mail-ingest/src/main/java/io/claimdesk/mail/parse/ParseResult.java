package io.claimdesk.mail.parse;

import io.claimdesk.core.mail.InboundMail;

/** A parsed mail, or the reason nothing of it could be read (the raw bytes then go to quarantine). */
public sealed interface ParseResult {

  record Parsed(InboundMail mail) implements ParseResult {}

  record Unparseable(String reason) implements ParseResult {}
}
