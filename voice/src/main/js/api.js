// The claimdesk endpoints the softphone uses, with the dashboard session (and its CSRF token for writes).

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : '';
}

async function errorOf(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') {
      return body.error;
    }
  } catch (e) {
    // not JSON: the status says enough
  }
  return 'HTTP ' + response.status;
}

/** A refusal of the server, with its status and {"error"} message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** {token, identity, ttlSeconds} for the signed-in member. */
export async function fetchToken() {
  const response = await fetch('/api/voice/token', { credentials: 'same-origin', cache: 'no-store',
    headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new ApiError(response.status, await errorOf(response));
  }
  return response.json();
}

/** The contact whose number this is, or null when there is none (or the contacts API is not there). */
export async function fetchContact(phone) {
  try {
    const response = await fetch('/api/contacts?phone=' + encodeURIComponent(phone), { credentials: 'same-origin',
      headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return null;
    }
    const body = await response.json();
    const list = Array.isArray(body) ? body : Array.isArray(body && body.contacts) ? body.contacts : [body];
    return list.length > 0 && list[0] && typeof list[0] === 'object' ? list[0] : null;
  } catch (e) {
    return null;
  }
}

/** The open tickets of the contact with this number, each with its owner; [] when none or on failure. */
export async function fetchOpenTickets(phone) {
  try {
    const response = await fetch('/api/voice/caller-tickets?phone=' + encodeURIComponent(phone), {
      credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return [];
    }
    const body = await response.json();
    return body && Array.isArray(body.tickets) ? body.tickets : [];
  } catch (e) {
    return [];
  }
}

/** Appends the notes to the call's log and the contact; throws an ApiError with the server's message. */
export async function saveNotes(callSid, body) {
  const response = await fetch('/api/voice/calls/' + encodeURIComponent(callSid) + '/notes', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf() },
    body: JSON.stringify({ body }),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await errorOf(response));
  }
  return response.json().catch(() => ({}));
}
