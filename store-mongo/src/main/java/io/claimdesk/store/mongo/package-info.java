/**
 * The MongoDB store: one class per collection, written against the plain driver so that it runs the same on a
 * real MongoDB and on the embedded server. Filters on hot paths name exactly the keys of a unique index, the only
 * kind of index the embedded server uses.
 */
package io.claimdesk.store.mongo;
