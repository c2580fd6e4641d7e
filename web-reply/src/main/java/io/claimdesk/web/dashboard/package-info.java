/**
 * The dashboard pages: ticket lists, the ticket and reply pages, the team page, and the live-update stream that
 * refreshes them. Controllers turn a request into one service call; templates under {@code src/main/jte} render.
 */
package io.claimdesk.web.dashboard;
