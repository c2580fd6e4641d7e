/** The calls API: call logs listed by member, contact and time, and notes written on a call. */
package io.claimdesk.voice.calls;
