/**
 * Twilio's voice webhooks: signed form posts in, TwiML out. Every post's {@code X-Twilio-Signature} is checked
 * against the public URL before anything is read or recorded; the decisions are core's {@code CallRouter} and
 * {@code CallRecorder}.
 */
package io.claimdesk.voice.webhook;
