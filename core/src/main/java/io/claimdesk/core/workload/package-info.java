/** The team's workload figures shown to managers: load per member, the queue, and response times. */
package io.claimdesk.core.workload;
