package io.claimdesk.web.session;

import io.claimdesk.web.page.Chrome;

/** The login form: the address typed so far, where to go after login, the form's token and an error if any. */
public record LoginView(Chrome chrome, String email, String next, String formToken, String error) {}
