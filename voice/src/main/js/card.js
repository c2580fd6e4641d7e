// The caller's contact card, drawn from whatever GET /api/contacts answered; the number alone when nothing did.

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function list(values) {
  return Array.isArray(values) ? values.filter((v) => v !== null && v !== undefined).map(String) : [];
}

/** Adds the contact's open tickets, each with its owner, below the card. */
export function drawTickets(target, tickets) {
  if (tickets.length === 0) {
    target.append(el('p', 'No open tickets.', 'muted'));
    return;
  }
  const ul = el('ul', null, 'tickets');
  for (const t of tickets) {
    const item = el('li');
    const link = el('a', t.subject || '(no subject)');
    if (typeof t._id === 'string' && /^[0-9a-f]{24}$/.test(t._id)) {
      link.href = '/dashboard/tickets/' + t._id;
    }
    item.append(link, el('span', ' · ' + (t.assignedToName || t.assignedToEmail || 'unowned'), 'muted'));
    ul.append(item);
  }
  target.append(el('h3', 'Open tickets'), ul);
}

/** Fills `target` with the contact (textContent only: nothing from the server is parsed as HTML). */
export function drawCard(target, contact, number) {
  target.replaceChildren();
  if (!contact) {
    target.append(el('p', 'No contact with the number ' + number + '.', 'muted'));
    return;
  }
  const facts = el('dl', null, 'facts');
  const add = (label, value) => {
    if (value) {
      facts.append(el('dt', label), el('dd', value));
    }
  };
  add('Phones', list(contact.phones).join(', '));
  add('Emails', list(contact.emails).join(', '));
  add('Name', contact.name);
  add('Notes', typeof contact.notes === 'string' ? contact.notes : list(contact.notes).join('\n'));
  target.append(facts);
  if (typeof contact._id === 'string' && /^[0-9a-f]{24}$/.test(contact._id)) {
    const link = el('a', 'Contact card', 'contact-link');
    link.href = '/dashboard/contacts/' + contact._id;
    target.append(link);
  }
}
