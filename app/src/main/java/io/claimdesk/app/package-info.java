/** The runnable claimdesk: configuration from the environment, wiring of every module, demo data. */
package io.claimdesk.app;
