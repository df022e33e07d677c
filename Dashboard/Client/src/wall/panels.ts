// The sensor-alarm panel and the dispatch board, redrawn from each stats refresh.

import type { WallStats } from './model';
import { chinaTime, wallText } from './text';

export function renderAlarms(list: HTMLElement, count: HTMLElement | null, alarms: WallStats['sensorAlarms']): void {
  if (count) {
    count.textContent = String(alarms.length);
  }
  if (alarms.length === 0) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = list.dataset['emptyText'] ?? wallText('Wall.NoAlarms');
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...alarms.slice(0, 12).map((alarm) => {
      const li = document.createElement('li');
      li.dataset['device'] = alarm.deviceId;
      const device = document.createElement('span');
      device.className = 'device';
      device.textContent = alarm.deviceName;
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = alarm.alarmName;
      const time = document.createElement('time');
      time.textContent = alarm.since ? chinaTime(alarm.since) : '';
      li.append(device, key, time);
      return li;
    }),
  );
}

export function renderBoard(body: HTMLElement, rows: WallStats['dispatch'], maxRows = 8): void {
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    const td = document.createElement('td');
    td.colSpan = 4;
    td.textContent = body.dataset['emptyText'] ?? wallText('Wall.NoDispatch');
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...rows.slice(0, maxRows).map((row) => {
      const tr = document.createElement('tr');
      tr.dataset['department'] = row.code;
      for (const [value, overdue] of [
        [row.name, false],
        [String(row.waiting), false],
        [String(row.inProgress), false],
        [String(row.overdue), row.overdue > 0],
      ] as const) {
        const td = document.createElement('td');
        td.textContent = value;
        if (overdue) {
          td.className = 'overdue';
        }
        tr.append(td);
      }
      return tr;
    }),
  );
}
