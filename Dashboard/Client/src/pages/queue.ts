// Director workspace (queue and incident detail): SLA countdowns that tick, and live arrivals over the hub.
// The server renders the list; this module only tells the person that it changed (banner, sound, and a browser
// notification they can switch off) and reloads on request, so the server stays the one place that filters
// and authorizes what is shown.

import { startShell } from '../shell';
import { live, type LiveDelta } from '../live';

const notifyKey = 'workspace.notify';

interface IncidentDeltaData {
  number?: string;
  title?: string;
  status?: string;
  action?: string;
}

/** Actions that put something in (or take it out of) a director's approval inbox. */
const inboxActions = new Set([
  'RequestExtension', 'ApproveExtension', 'DenyExtension', 'RequestPause', 'ApprovePause', 'DenyPause',
  'Return', 'Escalate', 'SendBack', 'Dispatch',
]);

/** The approval inbox reloads when a request arrives or one it shows is decided, unless the person is typing. */
function followInbox(root: HTMLElement): void {
  const scope = root.dataset['liveScope'];
  if (!scope) {
    return;
  }
  const client = live();
  client.on('incident', (deltas) => {
    const relevant = (deltas as IncidentDelta[]).some((delta) => inboxActions.has(((delta.data ?? {}) as IncidentDeltaData).action ?? ''));
    const typing = Array.from(root.querySelectorAll<HTMLInputElement>('input[name=reason]')).some((f) => f.value !== '');
    if (relevant && !typing) {
      window.location.reload();
    }
  });
  const seq = Number(root.dataset['liveSeq']);
  client.subscribe(scope, Number.isFinite(seq) ? seq : null);
}

interface IncidentDelta extends LiveDelta {
  kind?: string;
  id?: string;
}

function formatLeft(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number): string => n.toString().padStart(2, '0');
  return days >= 1 ? `${sign}${days}d ${two(hours)}:${two(minutes)}` : `${sign}${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

function tickCountdowns(): void {
  const now = Date.now();
  for (const element of document.querySelectorAll<HTMLTimeElement>('time[data-countdown]')) {
    const due = Date.parse(element.dateTime);
    if (!Number.isNaN(due)) {
      const left = due - now;
      element.textContent = formatLeft(left);
      if (left < 0) {
        element.classList.add('sla-red');
      }
    }
  }
}

function beep(): void {
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.4);
  } catch {
    // No audio device or autoplay blocked: the banner still shows.
  }
}

function setUpNotifyToggle(): () => boolean {
  const toggle = document.querySelector<HTMLInputElement>('[data-notify-toggle]');
  const enabled = (): boolean => localStorage.getItem(notifyKey) === 'on';
  if (toggle) {
    toggle.checked = enabled();
    toggle.addEventListener('change', () => {
      localStorage.setItem(notifyKey, toggle.checked ? 'on' : 'off');
      if (toggle.checked && 'Notification' in window && Notification.permission === 'default') {
        void Notification.requestPermission();
      }
    });
  }
  return enabled;
}

/**
 * The incident page follows its scope too: when this case changes (someone else acted on it, a new report
 * joined it) the page reloads from the server, unless the person is typing into one of its forms.
 */
function followIncident(page: HTMLElement): void {
  const number = page.dataset['incidentPage'];
  const scope = page.dataset['liveScope'];
  if (!number || !scope) {
    return;
  }
  const client = live();
  // A form this page is submitting navigates on its own; reloading now would cancel that navigation.
  let submitting = false;
  page.addEventListener('submit', () => (submitting = true));
  client.on('incident', (deltas) => {
    const touched = (deltas as IncidentDelta[]).some((delta) => ((delta.data ?? {}) as IncidentDeltaData).number === number || delta.id === number);
    const typing = Array.from(page.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type=text], input:not([type]), textarea')).some((f) => f.value !== '');
    if (touched && !typing && !submitting) {
      window.location.reload();
    }
  });
  const seq = Number(page.dataset['liveSeq']);
  client.subscribe(scope, Number.isFinite(seq) ? seq : null);
}

function main(): void {
  tickCountdowns();
  window.setInterval(tickCountdowns, 1000);

  const incidentPage = document.querySelector<HTMLElement>('[data-incident-page]');
  if (incidentPage) {
    followIncident(incidentPage);
    return;
  }

  const inbox = document.querySelector<HTMLElement>('[data-inbox]');
  if (inbox) {
    followInbox(inbox);
    return;
  }

  const root = document.querySelector<HTMLElement>('[data-queue]');
  const scope = root?.dataset['liveScope'];
  if (!root || !scope) {
    return;
  }

  const notifyEnabled = setUpNotifyToggle();
  const banner = document.querySelector<HTMLButtonElement>('[data-new-arrivals]');
  banner?.addEventListener('click', () => window.location.reload());
  const known = new Set(Array.from(document.querySelectorAll<HTMLElement>('[data-incident]'), (row) => row.dataset['incident'] ?? ''));
  let arrivals = 0;

  const client = live();
  client.on('incident', (deltas) => {
    const fresh: IncidentDeltaData[] = [];
    for (const delta of deltas as IncidentDelta[]) {
      const data = (delta.data ?? {}) as IncidentDeltaData;
      const number = data.number ?? delta.id;
      if (!number) {
        continue;
      }
      if (!known.has(number) && delta.kind === 'incident.report') {
        known.add(number);
        fresh.push(data);
      } else if (known.has(number)) {
        document.querySelector(`[data-incident="${CSS.escape(number)}"]`)?.classList.add('fresh');
      }
    }
    if (fresh.length === 0) {
      return;
    }
    arrivals += fresh.length;
    if (banner) {
      banner.hidden = false;
      banner.dataset['count'] = String(arrivals);
    }
    root.dataset['arrivals'] = String(arrivals);
    beep();
    if (notifyEnabled() && 'Notification' in window && Notification.permission === 'granted') {
      const first = fresh[0];
      new Notification(`${fresh.length} new`, { body: `${first?.number ?? ''} ${first?.title ?? ''}`, tag: 'workspace-arrivals' });
    }
  });
  client.subscribe(scope);
}

startShell();
main();
