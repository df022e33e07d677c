// Follow-critical: a new critical incident flies the map to it with a card for a few seconds, then the
// map returns to the overview. Several at once are shown one after another.

import type { CityMap } from '../map';
import type { IncidentChange } from './model';
import { chinaTime, streetName, wallText } from './text';

export interface CriticalFollower {
  follow(changes: readonly IncidentChange[]): void;
  readonly busy: boolean;
}

export function createCriticalFollower(city: CityMap, card: HTMLElement, overview: () => void, showMs = 8000): CriticalFollower {
  const queue: IncidentChange[] = [];
  let busy = false;

  const next = (): void => {
    const change = queue.shift();
    if (!change) {
      busy = false;
      card.hidden = true;
      return;
    }
    busy = true;
    const { incident } = change;
    card.replaceChildren();
    const heading = document.createElement('strong');
    heading.textContent = wallText('Wall.Critical');
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = incident.title;
    const where = document.createElement('span');
    where.textContent = `${streetName(incident.street)} · ${chinaTime(incident.reported)} · ${incident.number}`;
    card.append(heading, title, where);
    card.dataset['number'] = incident.number;
    card.hidden = false;
    city.map.flyTo([incident.lat, incident.lon], 16, { duration: 1.2 });
    setTimeout(() => {
      overview();
      next();
    }, showMs);
  };

  return {
    follow(changes) {
      for (const change of changes) {
        if (change.critical && change.action === 'Report') {
          queue.push(change);
        }
      }
      if (!busy && queue.length > 0) {
        next();
      }
    },
    get busy() {
      return busy;
    },
  };
}
