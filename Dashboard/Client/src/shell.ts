// What every page's layout needs from the browser: the header clock in China time.

import { chinaDateTime } from './china-time';

function tick(clock: HTMLTimeElement): void {
  const now = new Date();
  clock.textContent = chinaDateTime(now);
  clock.dateTime = now.toISOString();
}

export function startShell(): void {
  const clock = document.querySelector<HTMLTimeElement>('time[data-clock]');
  if (clock) {
    tick(clock);
    setInterval(() => tick(clock), 10_000);
  }
}
