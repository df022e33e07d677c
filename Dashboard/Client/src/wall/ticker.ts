// The ticker of the newest incidents. Keyed by incident number, so a change that arrives twice (a
// catch-up overlapping a batch, a reload after a reconnect) updates its row instead of adding one.

import type { IncidentChange, WallIncident } from './model';
import { chinaTime, statusText, streetName } from './text';

export interface Ticker {
  apply(changes: readonly IncidentChange[]): void;
  reset(items: readonly WallIncident[]): void;
}

export function createTicker(list: HTMLOListElement, initial: readonly WallIncident[], length = 30): Ticker {
  let items: WallIncident[] = [...initial];
  const fresh = new Set<string>();

  const row = (incident: WallIncident): HTMLLIElement => {
    const li = document.createElement('li');
    li.className = fresh.has(incident.number) ? 'ticker-row new' : 'ticker-row';
    li.dataset['number'] = incident.number;
    li.dataset['severity'] = String(incident.severity);
    const time = document.createElement('time');
    time.dateTime = incident.reported;
    time.textContent = chinaTime(incident.reported);
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = String(incident.severity);
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = incident.title;
    const place = document.createElement('span');
    place.className = 'place';
    place.textContent = streetName(incident.street);
    const status = document.createElement('span');
    status.className = 'status';
    status.dataset['status'] = incident.status;
    status.textContent = statusText(incident.status);
    li.append(time, sev, title, place, status);
    return li;
  };

  const render = (): void => {
    list.replaceChildren(...items.map(row));
    fresh.clear();
  };

  return {
    apply(changes) {
      if (changes.length === 0) {
        return;
      }
      const byNumber = new Map(items.map((i) => [i.number, i]));
      for (const change of changes) {
        if (!byNumber.has(change.incident.number) && change.action === 'Report') {
          fresh.add(change.incident.number);
        }
        // Keep the first-seen report time; later changes carry the same incident with a newer status.
        byNumber.set(change.incident.number, change.incident);
      }
      items = [...byNumber.values()]
        .sort((a, b) => Date.parse(b.reported) - Date.parse(a.reported) || b.number.localeCompare(a.number))
        .slice(0, length);
      render();
    },
    reset(next) {
      items = [...next];
      render();
    },
  };
}
