/**
 * The embedded database used when no MONGODB_URI is set: mongo-java-server with its H2 file backend, started
 * in-process on loopback and reached through the normal MongoDB driver, committing before every acknowledgement.
 */
package io.claimdesk.store.embedded;
