/** Twilio voice webhooks, access tokens and call logs; filled by the voice issue. */
package io.claimdesk.voice;
