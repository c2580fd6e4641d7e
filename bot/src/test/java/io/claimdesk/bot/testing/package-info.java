/**
 * Test support for the Slack adapter: an in-process fake of Slack's Web API ({@link io.claimdesk.bot.testing.FakeSlackApi}),
 * a request signer ({@link io.claimdesk.bot.testing.SlackSigner}), realistic interaction payloads
 * ({@link io.claimdesk.bot.testing.SlackPayloads}) and a polling helper ({@link io.claimdesk.bot.testing.Await}).
 */
package io.claimdesk.bot.testing;
