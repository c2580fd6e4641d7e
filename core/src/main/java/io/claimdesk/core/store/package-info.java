/** The set of ports a storage adapter hands out, for the code that wires the application together. */
package io.claimdesk.core.store;
