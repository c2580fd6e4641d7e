// The softphone: registers this browser with Twilio under the signed-in member's identity, rings in the header's
// widget on every dashboard page, and on /dashboard/phone shows the caller's contact card, the call's controls and
// the notes box (saved to the call when it ends).
import { Device } from '@twilio/voice-sdk';
import { ApiError, fetchContact, fetchOpenTickets, fetchToken } from './api.js';
import { drawCard, drawTickets } from './card.js';
import { notes, save } from './notes.js';
import { sounds } from './tones.js';

const settings = window.claimdeskPhone || {};
const $ = (id) => document.getElementById(id);
const CALL_SID = /^CA[0-9a-f]{32}$/;
/** Twilio's codes for a token it does not accept (20xxx: JWT errors; 312xx: authorization). */
const refusedToken = (code) => (code >= 20100 && code < 20200) || (code >= 31201 && code <= 31207) || code === 51007;
const REGISTER_WITHIN_MS = 15000;
/** Twilio's codes for a signalling connection that could not be opened or was lost. */
const SIGNALLING = new Set([31000, 31005, 31009, 53000, 53001]);

let device = null;
let shown = 'starting';
let current = null;
let notesCall = null;

function status(state, text) {
  shown = state;
  const widget = $('phone-widget');
  if (widget) {
    widget.className = 'phone-widget ' + state;
    widget.title = text;
    widget.textContent = state === 'ringing' ? '📞 ' + text + ': answer' : state === 'oncall' ? '📞 Hang up'
      : '📞 Phone';
  }
  const line = $('phone-status');
  if (line) {
    line.textContent = state === 'ringing' ? 'Incoming call from ' + text : text;
    line.dataset.state = state;
    line.className = state === 'offline' || state === 'refused' ? 'error' : 'notice';
  }
}

function offline(why) {
  status('offline', 'Twilio cannot be reached: the phone is offline and calls do not ring here (' + why
    + '). It keeps trying.');
}

function tokenRefused(error) {
  if (error instanceof ApiError && error.status === 401) {
    status('refused', 'Your session has ended: sign in again to use the phone.');
  } else if (error instanceof ApiError) {
    status('refused', error.message); // a 503 names the Twilio settings claimdesk lacks
  } else {
    status('offline', 'claimdesk cannot be reached for a phone token (' + error.message + ').');
  }
}

function onDeviceError(error) {
  const code = error && error.code;
  const text = (error && (error.explanation || error.message)) || 'unknown error';
  if (refusedToken(code)) {
    status('refused', 'Twilio refused the access token (' + code + '): ' + text);
  } else if (SIGNALLING.has(code)) {
    offline('no connection to Twilio\'s signalling server, error ' + code);
  } else if (current) {
    notes('error', 'Call problem (' + code + '): ' + text);
  } else {
    offline('error ' + code + ': ' + text);
  }
}

function buttons(ringing, open) {
  const set = (id, enabled) => {
    if ($(id)) {
      $(id).disabled = !enabled;
    }
  };
  set('answer', ringing);
  set('decline', ringing);
  set('mute', open);
  set('hangup', open);
}

function onIncoming(call) {
  if (current) {
    call.reject(); // one call at a time: the caller goes on to the next step of the routing
    return;
  }
  current = call;
  const params = call.customParameters || new Map();
  const number = call.parameters.From || params.get('from') || '';
  const name = params.get('callerName') || params.get('contactName') || params.get('name') || '';
  const callSid = [params.get('callSid'), params.get('parentCallSid'), call.parameters.CallSid]
    .find((sid) => typeof sid === 'string' && CALL_SID.test(sid)) || null;
  status('ringing', name || number || 'Incoming call');
  if ($('call')) {
    $('call').hidden = false;
    $('caller-name').textContent = name || number || 'Unknown caller';
    $('caller-number').textContent = number;
    $('contact-card').replaceChildren();
    buttons(true, false);
    if (number) {
      fetchContact(number).then(async (contact) => {
        if (current !== call) {
          return;
        }
        drawCard($('contact-card'), contact, number);
        if (contact && !name && contact.name) {
          $('caller-name').textContent = contact.name;
          if (call.status() === 'pending') {
            status('ringing', contact.name);
          }
        }
        if (contact) {
          const tickets = await fetchOpenTickets(number);
          if (current === call) {
            drawTickets($('contact-card'), tickets);
          }
        }
      });
    }
  }
  let answered = false;
  call.on('accept', () => {
    answered = true;
    notesCall = callSid;
    buttons(false, true);
    if ($('save-notes')) {
      $('save-notes').disabled = !callSid;
    }
    status('oncall', 'On a call with ' + (name || number));
  });
  call.on('mute', (muted) => {
    if ($('mute')) {
      $('mute').textContent = muted ? 'Unmute' : 'Mute';
    }
  });
  const end = () => {
    if (current !== call) {
      return;
    }
    current = null;
    buttons(false, false);
    status(device && device.state === 'registered' ? 'ready' : 'offline',
      device && device.state === 'registered' ? 'Ready: calls ring here.' : 'The phone is offline.');
    if (answered) {
      save(callSid);
    } else if ($('call')) {
      $('call').hidden = true;
    }
  };
  call.on('disconnect', end);
  call.on('cancel', end);
  call.on('reject', end);
  call.on('error', (error) => notes('error', 'Call problem (' + error.code + '): ' + error.message));
}

async function refresh() {
  try {
    const grant = await fetchToken();
    device.updateToken(grant.token);
  } catch (error) {
    tokenRefused(error);
  }
}

function wire() {
  const on = (id, action) => {
    if ($(id)) {
      $(id).addEventListener('click', action);
    }
  };
  on('answer', () => current && current.accept());
  on('decline', () => current && current.reject());
  on('mute', () => current && current.mute(!current.isMuted()));
  on('hangup', () => current && current.disconnect());
  on('save-notes', () => save(notesCall));
  const widget = $('phone-widget');
  if (widget) {
    // on a page other than the phone's, the widget answers and hangs up: following its link would end the call
    widget.addEventListener('click', (event) => {
      if (current && current.status() === 'pending') {
        event.preventDefault();
        current.accept();
      } else if (SIGNALLING.has(code)) {
    offline('no connection to Twilio\'s signalling server, error ' + code);
  } else if (current) {
        event.preventDefault();
        current.disconnect();
      }
    });
  }
  // /dashboard/phone?call=CA…: notes for a call that has ended already
  const past = new URLSearchParams(location.search).get('call');
  if (past && CALL_SID.test(past) && $('notes')) {
    notesCall = past;
    $('notes-for').textContent = 'Notes for call ' + past + '.';
    $('save-notes').disabled = false;
  }
}

async function start() {
  wire();
  if (!Device.isSupported) {
    status('off', 'This browser cannot run the phone: it has no WebRTC.');
    return;
  }
  status('starting', 'Asking claimdesk for a phone token…');
  let grant;
  try {
    grant = await fetchToken();
  } catch (error) {
    tokenRefused(error);
    return;
  }
  if ($('phone-identity')) {
    $('phone-identity').textContent = grant.identity;
  }
  status('starting', 'Connecting to Twilio…');
  const options = { sounds: sounds(), disableAudioContextSounds: true, logLevel: 'error',
    closeProtection: 'A call is in progress: leaving this page ends it.' };
  if (settings.signalingHost) {
    // tests: a loopback signalling address instead of Twilio's, and no call-quality reports to Twilio
    Object.assign(options, { chunderw: settings.signalingHost, publishEvents: false });
  }
  device = new Device(grant.token, options);
  device.on('registered', () => {
    if (!current) {
      status('ready', 'Ready: calls ring here.');
    }
  });
  device.on('unregistered', () => {
    if (!current) {
      offline('unregistered');
    }
  });
  device.on('error', onDeviceError);
  device.on('incoming', onIncoming);
  device.on('tokenWillExpire', refresh);
  setTimeout(() => {
    if (device.state !== 'registered' && shown === 'starting') {
      offline('no answer within ' + REGISTER_WITHIN_MS / 1000 + ' s');
    }
  }, REGISTER_WITHIN_MS);
  try {
    await device.register();
  } catch (error) {
    onDeviceError(error);
  }
}

start();
