/** Twilio voice: webhooks and the calls API ({@code webhook}, {@code calls}), the softphone. */
package io.claimdesk.voice;
