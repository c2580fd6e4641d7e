package io.claimdesk.core.assignment;

/** The ports the assignment policy keeps its state in, opened together by a storage adapter. */
public record AssignmentStores(SettingsStore settings, OfferStore offers, PickLog picks) {}
