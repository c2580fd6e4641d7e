// Ring tones made in the page as WAV data: URLs, so that the SDK fetches none of its sounds from Twilio's CDN.
const RATE = 8000;

function wav(samples) {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at, s) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, RATE, true); view.setUint32(28, RATE * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => view.setInt16(44 + i * 2, Math.round(v * 32767), true));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return 'data:audio/wav;base64,' + btoa(binary);
}

/** Two tones together for onMs, then silence for offMs. */
function tone(freqs, onMs, offMs, volume) {
  const on = Math.round(RATE * onMs / 1000);
  const samples = new Array(on + Math.round(RATE * offMs / 1000)).fill(0);
  for (let i = 0; i < on; i++) {
    samples[i] = volume * freqs.reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * i / RATE), 0) / freqs.length;
  }
  return wav(samples);
}

const DTMF = {
  dtmf0: [941, 1336], dtmf1: [697, 1209], dtmf2: [697, 1336], dtmf3: [697, 1477], dtmf4: [770, 1209],
  dtmf5: [770, 1336], dtmf6: [770, 1477], dtmf7: [852, 1209], dtmf8: [852, 1336], dtmf9: [852, 1477],
  dtmfs: [941, 1209], dtmfh: [941, 1477],
};

/** The SDK's `sounds` option: every sound it would otherwise download. */
export function sounds() {
  const all = {
    incoming: tone([440, 480], 2000, 4000, 0.5),
    outgoing: tone([440, 480], 2000, 4000, 0.3),
    disconnect: tone([480, 620], 250, 0, 0.4),
  };
  for (const [name, freqs] of Object.entries(DTMF)) {
    all[name] = tone(freqs, 150, 0, 0.4);
  }
  return all;
}
