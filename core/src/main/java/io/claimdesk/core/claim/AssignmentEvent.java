package io.claimdesk.core.claim;

import java.time.Instant;

/** One change of a ticket's owner, kept forever as the ticket's assignment history. */
public record AssignmentEvent(
    String id,
    String threadId,
    AssignmentAction action,
    String actorId,
    String actorEmail,
    String previousOwnerId,
    String previousOwnerEmail,
    String newOwnerId,
    String newOwnerEmail,
    Via via,
    Instant at) {}
