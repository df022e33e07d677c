// The laptop's controls over the same live wall: the choropleth's measure, the time machine (a slider over the
// last 24 hours, play, back to live) and "send this view to the wall". Built here; the server renders only the box.

import type { Metric } from './choropleth';
import { metrics } from './choropleth';
import { chinaTime, wallText } from './text';

export interface ControlHandlers {
  metric: () => Metric;
  setMetric: (metric: Metric) => void;
  /** The instant shown, or null when live. */
  replayAt: () => Date | null;
  replay: (at: Date | null) => void;
  /** Absent when this screen may not drive the wall. */
  drive?: () => Promise<string>;
}

const stepMinutes = 10;

function button(text: string, onClick: () => void, data: Record<string, string> = {}): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  Object.assign(b.dataset, data);
  b.addEventListener('click', onClick);
  return b;
}

export function createControls(box: HTMLElement, handlers: ControlHandlers): { refresh(): void } {
  const metricButtons = metrics.map((m) =>
    button(wallText(`Wall.Metric.${m === 'open' ? 'Open' : m === 'overdue' ? 'Overdue' : 'Recurrence'}`), () => {
      handlers.setMetric(m);
      refresh();
    }, { metric: m }),
  );
  const metricGroup = document.createElement('div');
  metricGroup.className = 'control-group';
  metricGroup.append(...metricButtons);

  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = String(-24 * 60);
  slider.max = '0';
  slider.step = String(stepMinutes);
  slider.dataset['replaySlider'] = '';
  slider.setAttribute('aria-label', wallText('Wall.ReplayAt'));
  const shown = document.createElement('output');
  shown.dataset['replayShown'] = '';
  const toInstant = (): Date | null => (Number(slider.value) >= 0 ? null : new Date(Date.now() + Number(slider.value) * 60_000));
  slider.addEventListener('change', () => handlers.replay(toInstant()));
  slider.addEventListener('input', () => (shown.textContent = label(toInstant())));
  let playing: ReturnType<typeof setInterval> | undefined;
  const play = button(wallText('Wall.ReplayPlay'), () => {
    if (playing) {
      clearInterval(playing);
      playing = undefined;
      return;
    }
    playing = setInterval(() => {
      const next = Math.min(0, Number(slider.value) + stepMinutes);
      slider.value = String(next);
      handlers.replay(toInstant());
      if (next >= 0 && playing) {
        clearInterval(playing);
        playing = undefined;
      }
      refresh();
    }, 1500);
  }, { replayPlay: '' });
  const live = button(wallText('Wall.BackToLive'), () => {
    slider.value = '0';
    handlers.replay(null);
    refresh();
  }, { backToLive: '' });
  const replayGroup = document.createElement('div');
  replayGroup.className = 'control-group replay-group';
  replayGroup.append(slider, shown, play, live);

  const groups: HTMLElement[] = [metricGroup, replayGroup];
  if (handlers.drive) {
    const drive = handlers.drive;
    const result = document.createElement('span');
    result.className = 'drive-result';
    result.dataset['driveResult'] = '';
    const send = button(wallText('Wall.Drive'), () => {
      result.textContent = '…';
      drive().then(
        (text) => {
          result.dataset['outcome'] = 'sent';
          result.textContent = text;
        },
        (error: unknown) => {
          result.dataset['outcome'] = 'refused';
          result.textContent = error instanceof Error ? error.message : String(error);
        },
      );
    }, { driveWall: '' });
    const driveGroup = document.createElement('div');
    driveGroup.className = 'control-group';
    driveGroup.append(send, result);
    groups.push(driveGroup);
  }
  box.replaceChildren(...groups);

  function label(at: Date | null): string {
    return at ? `${wallText('Wall.Replay')} ${chinaTime(at)}` : wallText('Wall.BackToLive');
  }

  function refresh(): void {
    for (const b of metricButtons) {
      b.setAttribute('aria-pressed', String(b.dataset['metric'] === handlers.metric()));
    }
    const at = handlers.replayAt();
    if (at && document.activeElement !== slider) {
      slider.value = String(Math.max(-24 * 60, Math.round((at.getTime() - Date.now()) / 60_000 / stepMinutes) * stepMinutes));
    }
    shown.textContent = label(at);
    live.hidden = at === null;
  }

  refresh();
  return { refresh };
}
