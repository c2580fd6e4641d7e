/**
 * MIME parsing with Angus Mail, lenient everywhere a real mailbox is sloppy: unknown and lying charsets, 8-bit
 * headers, broken encoded words and transfer encodings, missing headers. A message is only refused when nothing
 * of it can be read.
 */
package io.claimdesk.mail.parse;
