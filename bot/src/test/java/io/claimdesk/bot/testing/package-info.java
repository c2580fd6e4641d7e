/**
 * Test support for the chat adapters: an in-process fake of Slack's Web API ({@link io.claimdesk.bot.testing.FakeSlackApi}),
 * a request signer ({@link io.claimdesk.bot.testing.SlackSigner}), realistic interaction payloads
 * ({@link io.claimdesk.bot.testing.SlackPayloads}), a fake Discord with REST and gateway
 * ({@link io.claimdesk.bot.testing.FakeDiscord}, payloads in {@link io.claimdesk.bot.testing.DiscordPayloads}), the
 * real services on the embedded database ({@link io.claimdesk.bot.testing.SyncFixture},
 * {@link io.claimdesk.bot.testing.DiscordFixture}) and a polling helper ({@link io.claimdesk.bot.testing.Await}).
 */
package io.claimdesk.bot.testing;
