// The call notes box: saved to the call (POST /api/voice/calls/{callSid}/notes) when the call ends, or by its button.
import { saveNotes } from './api.js';

const $ = (id) => document.getElementById(id);

/** Shows how saving went: state saving, saved or error. */
export function notes(state, text) {
  const line = $('notes-status');
  if (line) {
    line.textContent = text;
    line.dataset.state = state;
    line.className = state === 'error' ? 'error' : 'muted';
  }
}

export async function save(callSid) {
  const box = $('notes');
  const body = box ? box.value.trim() : '';
  if (!body) {
    return;
  }
  if (!callSid) {
    notes('error', 'Notes not saved: this call has no call id to save them to. Copy them to the contact.');
    return;
  }
  notes('saving', 'Saving the notes…');
  try {
    await saveNotes(callSid, body);
    box.value = '';
    notes('saved', 'Notes saved to call ' + callSid + '.');
  } catch (error) {
    notes('error', 'Notes not saved: ' + error.message + '. They are still in the box; save again.');
  }
}
