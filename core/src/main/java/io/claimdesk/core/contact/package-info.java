/** Customers who write and call: names, email addresses and phone numbers. */
package io.claimdesk.core.contact;
