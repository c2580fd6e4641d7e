package io.claimdesk.app;

/**
 * The words of the demo tickets: each subject once (one sender asking the same thing twice reads like a threading
 * bug), each with a first mail that fits it. Kept apart from {@link DemoData}, which decides who did what when.
 */
final class DemoTickets {
  /** Subject and first mail of each demo ticket; the sender signs with their first name ({@code %s}). */
  static final String[][] TICKETS = {
      {"Cannot log in after password reset", "I reset my password this morning and the new one is refused on the sign-in page. The reset mail said it worked."},
      {"Invoice #4821 charged twice", "Our card was charged twice for invoice #4821 (EUR 240 each, on the 3rd). Please refund one of them."},
      {"Export to CSV is empty", "When I export last month's orders to CSV the file only has the header row. The list shows 312 orders."},
      {"How do I add a second mailbox?", "We want sales@ to come into the same account as support@. Is that possible on our plan?"},
      {"Order 1187 never arrived", "Order 1187 was marked as shipped ten days ago and the tracking link still says \"label created\"."},
      {"Refund for cancelled plan", "We cancelled the Pro plan on the 1st but were billed again on the 5th. Could you refund that charge?"},
      {"Two-factor codes not accepted", "The codes from my authenticator app are refused since I changed phones. I moved the app with its backup."},
      {"API returns 500 on /orders", "Since this morning every POST to /v2/orders answers 500. GET requests still work. Request id: 7f3a-91c2."},
      {"Change billing address", "We moved offices: the invoices should go to Hauptstrasse 12, 10115 Berlin from now on."},
      {"Feature request: dark mode", "Our night shift would love a dark theme for the dashboard. Is it on the roadmap?"},
      {"Attachment too large to upload", "Uploading a 14 MB PDF fails with \"file too large\". What is the limit?"},
      {"Account locked after failed sign-ins", "A colleague mistyped my password a few times and now my account says it is locked."},
      {"Webhook deliveries delayed by an hour", "Our webhook endpoint has been getting order events about an hour late since yesterday."},
      {"Wrong VAT number on invoices", "The invoices show our old VAT number. The correct one is in our account settings since March."},
      {"Can we get an annual plan?", "We would like to switch to yearly billing for 12 seats. Is there a discount?"},
      {"Search ignores accented names", "Searching for \"Muller\" does not find \"Müller\" in the customer list."},
      {"Mobile app crashes on start (Android 14)", "The app closes right after the splash screen on a Pixel 8 with Android 14. Reinstalling did not help."},
      {"Please delete my old workspace", "We no longer use the workspace \"acme-test\". Please delete it and its data."},
      {"Slack notifications stopped", "We stopped getting Slack notifications on Monday. Nothing changed on our side that we know of."},
      {"Invite link expired", "The invite link you sent our new colleague says it has expired. Could you send a new one?"},
      {"Upgrade to the Team plan", "We are growing to 25 people. How do we move from Pro to Team, and what happens to our data?"},
      {"Report totals do not match", "The monthly report says 1,204 orders, the dashboard says 1,198 for the same month."},
      {"SSO with Okta", "Do you support single sign-on with Okta? Our security team asks before we roll out."},
      {"Duplicate contacts after import", "Importing our address book created every contact twice. Can you merge them?"},
      {"Email replies land in spam", "Customers tell us your reply mails end up in their spam folder. Do you sign them with DKIM?"},
      {"Price change next month?", "We got a mail about new prices. Does it apply to us, we are on a yearly contract?"},
      {"Reset API key", "I think our API key leaked in a public repository. How do I replace it quickly?"},
      {"Timezone wrong in reports", "All times in the PDF reports are in UTC although our account is set to Europe/Lisbon."},
      {"Add a user to our account", "Please add jon.berg@example.org as an agent to our account; I cannot find the button."},
      {"Where is my receipt for October?", "I need the receipt for October for our accounting and cannot find it under Billing."},
  };

  /** The agent's first answer, by the status the ticket ends in; {@code %s}: the customer's, then the agent's first name. */
  static final String WORKING_ON_IT = "Hi %s,\n\nthanks for the details. I am looking into this now and will write "
      + "again here today.\n\n%s";
  static final String NEED_DETAILS = "Hi %s,\n\nthanks for writing in. Could you send us a screenshot and the time "
      + "it happened, with your timezone? That lets us find it in our logs.\n\n%s";
  static final String FIXED = "Hi %s,\n\nthis is fixed on our side now. Could you try again and tell us whether it "
      + "works?\n\n%s";
  static final String THANKS = "That worked, thank you for the quick help!\n\n%s";
  static final String ANY_NEWS = "Any news on this? It is still happening today.\n\n%s";

  /** One longer conversation: a customer's details, an internal note, and the fix. */
  static final String[] LONG_THREAD = {
      "Here is one that failed a minute ago: POST /v2/orders with a 3-line order, request id 9b1e-44d0.\n\n%s",
      "Reproduced on staging: orders with a discount code of 0 % fail validation. Bug filed as ENG-2231, the fix is "
          + "in review; tell the customer to leave the code field empty until then.",
      "Hi %s,\n\nthank you, that request showed us the problem: an empty discount code. Until the fix is out "
          + "(tomorrow), sending the order without the discount field works.\n\n%s",
  };

  private DemoTickets() {}
}
