// The KPI tiles: values rewritten in place (the server rendered the tiles and their labels).

import type { WallKpis } from './model';
import { currentCulture } from '../i18n';

const count = new Intl.NumberFormat('en-US');

function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toString()}%`;
}

function duration(minutes: number | null): string {
  const english = currentCulture() === 'en';
  if (minutes === null) {
    return '—';
  }
  return minutes < 120 ? `${Math.round(minutes)}${english ? ' min' : '分钟'}` : `${(minutes / 60).toFixed(1)}${english ? ' h' : '小时'}`;
}

export function renderKpis(root: HTMLElement, kpis: WallKpis): void {
  const values: Record<string, [string, string]> = {
    found: [count.format(kpis.found), 'accent'],
    onTheSpot: [count.format(kpis.handledOnTheSpot), 'ok'],
    dispatched: [count.format(kpis.dispatched), 'info'],
    closed: [count.format(kpis.closed), 'ok'],
    overdue: [count.format(kpis.overdue), kpis.overdue > 0 ? 'danger' : 'ok'],
    closureRate: [percent(kpis.closureRate), 'accent'],
    median: [duration(kpis.medianMinutesToClose), 'info'],
    sensors: [count.format(kpis.sensorsInAlarm), kpis.sensorsInAlarm > 0 ? 'warn' : 'ok'],
    cameras: [`${count.format(kpis.camerasOnline)}/${count.format(kpis.cameras)}`, 'info'],
  };
  for (const tile of root.querySelectorAll<HTMLElement>('[data-kpi]')) {
    const entry = values[tile.dataset['kpi'] ?? ''];
    const value = tile.querySelector<HTMLElement>('[data-kpi-value]');
    if (!entry || !value) {
      continue;
    }
    if (value.textContent !== entry[0]) {
      value.textContent = entry[0];
      // Restart the "changed" flash so a value that moves catches the eye across the hall.
      tile.classList.remove('changed');
      void tile.offsetWidth;
      tile.classList.add('changed');
    }
    tile.dataset['tone'] = entry[1];
  }
}
