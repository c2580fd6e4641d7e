/**
 * Phone calls: who a call rings at each step (owners of the caller's tickets, then everyone online), the call log,
 * voicemail as a ticket message, and the claim an answered call makes.
 */
package io.claimdesk.core.voice;
