// What every page's layout needs from the browser: the header clock in China time.

const clockFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function tick(clock: HTMLTimeElement): void {
  const now = new Date();
  // sv-SE formats as "2026-11-23 21:05", the same shape ChinaTime.Format renders on the server.
  clock.textContent = clockFormat.format(now);
  clock.dateTime = now.toISOString();
}

export function startShell(): void {
  const clock = document.querySelector<HTMLTimeElement>('time[data-clock]');
  if (clock) {
    tick(clock);
    setInterval(() => tick(clock), 10_000);
  }
}
