/** The contacts API: customers with their email addresses, phone numbers and notes. */
package io.claimdesk.web.contact;
