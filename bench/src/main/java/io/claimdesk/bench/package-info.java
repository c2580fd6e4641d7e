/** Benchmarks: one command per scenario, each printing a table; figures are recorded in docs/benchmarks.md. */
package io.claimdesk.bench;
