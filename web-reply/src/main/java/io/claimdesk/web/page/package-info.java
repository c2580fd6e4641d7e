/** Rendering of server-side pages: the compiled templates, the frame every page shares, formatting helpers. */
package io.claimdesk.web.page;
