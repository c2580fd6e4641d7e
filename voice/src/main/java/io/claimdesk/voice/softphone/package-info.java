/**
 * The browser softphone: access tokens for the Twilio Voice JS SDK (identity from the signed-in session), the
 * {@code /dashboard/phone} page and the bundled script that registers the browser and rings in every dashboard page.
 */
package io.claimdesk.voice.softphone;
