package io.claimdesk.core.team;

/** The fields of a member to create; optional ones may be null. */
public record NewMember(
    String name, String email, Role role, String slackUserId, String discordUserId, String phone) {}
