package io.claimdesk.core.chat;

/** Remembers which chat deliveries (a click, a form submission, an event) were handled, for a day. */
public interface DeliveryLog {

  /** True the first time this key is seen, false for every repeat (a retry of the same delivery). */
  boolean firstDelivery(String key);
}
