/** JSON reading and writing and the one place where outcomes and exceptions become HTTP statuses. */
package io.claimdesk.web.http;
