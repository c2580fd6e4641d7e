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
  add('Notes', typeof contact.notes === 'string' ? contact.notes : list(contact.notes).join('\n'));
  target.append(facts);
  const tickets = contact.openTickets || contact.tickets;
  if (Array.isArray(tickets) && tickets.length > 0) {
    const ul = el('ul', null, 'tickets');
    for (const t of tickets) {
      const id = t._id || t.id;
      const item = el('li');
      const link = el('a', t.subject || '(no subject)');
      if (typeof id === 'string' && /^[0-9a-f]{24}$/.test(id)) {
        link.href = '/dashboard/tickets/' + id;
      }
      item.append(link, el('span', ' · ' + (t.assignedToName || t.assignedToEmail || 'unowned'), 'muted'));
      ul.append(item);
    }
    target.append(el('h3', 'Open tickets'), ul);
  }
  if (typeof contact._id === 'string' || typeof contact.id === 'string') {
    const link = el('a', 'Contact card');
    link.href = '/dashboard/contacts/' + encodeURIComponent(contact._id || contact.id);
    target.append(link);
  }
}
