package io.claimdesk.web.page;

/**
 * A page that only says what went wrong. Here rather than with the dashboard's views because the error mapping of
 * every route renders it, the API's included.
 */
public record ErrorView(Chrome chrome, int status, String message) {}
