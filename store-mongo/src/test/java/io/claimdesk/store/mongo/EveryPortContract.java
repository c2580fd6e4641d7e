package io.claimdesk.store.mongo;

/** Every port's contract: what a complete storage backend passes. */
interface EveryPortContract extends TicketStoreContract, TicketQueueContract, TicketMessagesContract, TicketSearchContract,
    EventOutboxContract, TeamStoreContract, ContactStoreContract, MessageIndexContract, ChatSyncStoreContract,
    DeliveryLogContract, ApiTokenStoreContract, LeaseStoreContract, MailboxCheckpointsContract,
    CallLogStoreContract, AssignmentStoresContract, NoticeLogContract, LinkTokenStoreContract,
    SavedReplyStoreContract, AttachmentStoreContract {}
