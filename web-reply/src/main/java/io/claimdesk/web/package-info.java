/** The HTTP side of claimdesk on Javalin: the JSON API now, the dashboard and reply pages later. */
package io.claimdesk.web;
