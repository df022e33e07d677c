// The grid choropleth (网格热力): every grid cell shaded by open cases, overdue rate or repeat cases, rolled up to
// community (村居) and street (镇街) while the map shows the whole district, and down to single grids as it zooms in
// (or a street is picked). Rolled-up levels paint every grid of a unit in the unit's colour with the inner grid lines
// muted, so a street reads as one patch. The legend is sized to be read from the back of the hall.

import type * as GeoJSON from 'geojson';
import type * as L from 'leaflet';
import type { CityMap, GridStyle } from '../map';
import type { WallArea } from './model';
import { wallText } from './text';

export type Metric = 'open' | 'overdue' | 'recurrence';
export type Level = 'street' | 'community' | 'grid';

export const metrics: readonly Metric[] = ['open', 'overdue', 'recurrence'];

const ramp = ['#fde68a', '#fbbf24', '#f97316', '#dc2626', '#7f1d1d'] as const;
const quiet: GridStyle = { fillColor: '#1e293b', fillOpacity: 0.16, color: '#334155', weight: 0.6 };
const codeLength: Record<Level, number> = { street: 9, community: 12, grid: 15 };
const rateBreaks = [0.1, 0.25, 0.5, 0.75] as const;

export interface Choropleth {
  setAreas(areas: readonly WallArea[]): void;
  setAlarmGrids(grids: ReadonlySet<string>): void;
  setMetric(metric: Metric): void;
  readonly metric: Metric;
  readonly level: Level;
}

interface Totals {
  open: number;
  overdue: number;
  recurring: number;
}

function value(metric: Metric, t: Totals | undefined): number | null {
  if (!t) {
    return metric === 'overdue' ? null : 0;
  }
  switch (metric) {
    case 'open':
      return t.open;
    case 'overdue':
      return t.open === 0 ? null : t.overdue / t.open;
    case 'recurrence':
      return t.recurring;
  }
}

/** Four upper bounds of the first four classes: 1,2,3,4 for small counts, else even steps of a round number. */
function countBreaks(max: number): number[] {
  if (max <= 5) {
    return [1, 2, 3, 4];
  }
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return [1, 2, 3, 4].map((k) => Math.round(k * step));
}

function classOf(metric: Metric, v: number | null, breaks: number[]): number {
  if (v === null || v <= 0) {
    return -1;
  }
  const bounds = metric === 'overdue' ? rateBreaks : breaks;
  const index = bounds.findIndex((b) => v <= b);
  return index < 0 ? 4 : index;
}

function labels(metric: Metric, breaks: number[]): string[] {
  if (metric === 'overdue') {
    return ['≤10%', '10–25%', '25–50%', '50–75%', '>75%'];
  }
  return [0, 1, 2, 3, 4].map((k) => {
    const low = k === 0 ? 1 : (breaks[k - 1] ?? 0) + 1;
    if (k === 4) {
      return `≥${low}`;
    }
    const high = breaks[k] ?? low;
    return low === high ? String(low) : `${low}–${high}`;
  });
}

export function createChoropleth(city: CityMap, legend: HTMLElement | null, initialMetric: Metric): Choropleth {
  const gridCodes: string[] = [];
  city.layers.grids?.eachLayer((layer) => {
    const feature = (layer as L.Polygon).feature as GeoJSON.Feature<GeoJSON.Geometry, { code: string }> | undefined;
    if (feature) {
      gridCodes.push(feature.properties.code);
    }
  });
  const districtBounds = (city.layers.district ?? city.layers.streets)?.getBounds();
  const districtZoom = districtBounds?.isValid() ? city.map.getBoundsZoom(districtBounds) : city.map.getZoom();

  let areas = new Map<string, Totals>();
  let alarms: ReadonlySet<string> = new Set();
  let metric = initialMetric;
  let level: Level = 'street';

  const levelFor = (zoom: number): Level => (zoom < districtZoom + 0.9 ? 'street' : zoom < districtZoom + 2 ? 'community' : 'grid');

  const renderLegend = (breaks: number[], shown: number): void => {
    if (!legend) {
      return;
    }
    legend.dataset['metric'] = metric;
    legend.dataset['level'] = level;
    const title = document.createElement('strong');
    title.textContent = `${wallText(`Wall.Metric.${metric === 'open' ? 'Open' : metric === 'overdue' ? 'Overdue' : 'Recurrence'}`)} · ${wallText(
      `Wall.Level.${level === 'street' ? 'Street' : level === 'community' ? 'Community' : 'Grid'}`,
    )}`;
    const rows = labels(metric, breaks).map((text, i) => {
      const row = document.createElement('span');
      row.className = 'legend-row';
      const swatch = document.createElement('i');
      swatch.style.background = ramp[i] ?? ramp[4];
      const label = document.createElement('span');
      label.textContent = text;
      row.append(swatch, label);
      return row;
    });
    legend.replaceChildren(title, ...rows);
    legend.dataset['units'] = String(shown);
  };

  const render = (): void => {
    level = levelFor(city.map.getZoom());
    const length = codeLength[level];
    const totals = new Map<string, Totals>();
    for (const [grid, t] of areas) {
      const key = grid.slice(0, length);
      const sum = totals.get(key) ?? { open: 0, overdue: 0, recurring: 0 };
      sum.open += t.open;
      sum.overdue += t.overdue;
      sum.recurring += t.recurring;
      totals.set(key, sum);
    }
    const values = [...totals.values()].map((t) => value(metric, t) ?? 0);
    const breaks = countBreaks(Math.max(0, ...values));
    const styles = new Map<string, GridStyle>();
    let shaded = 0;
    for (const code of gridCodes) {
      const cls = classOf(metric, value(metric, totals.get(code.slice(0, length))), breaks);
      const alarm = alarms.has(code);
      if (cls < 0) {
        styles.set(code, alarm ? { ...quiet, color: '#ef4444', weight: 3 } : quiet);
        continue;
      }
      shaded++;
      const fill = ramp[cls] ?? ramp[4];
      styles.set(code, {
        fillColor: fill,
        fillOpacity: (level === 'grid' ? 0.4 : 0.3) + cls * 0.09,
        // Rolled up: the unit is one patch, its inner grid lines in its own colour.
        color: alarm ? '#ef4444' : level === 'grid' ? '#0b1220' : fill,
        weight: alarm ? 3 : level === 'grid' ? 0.8 : 0.4,
      });
    }
    city.styleGrids(styles);
    renderLegend(breaks, shaded);
  };

  city.map.on('zoomend', () => {
    if (levelFor(city.map.getZoom()) !== level) {
      render();
    }
  });

  return {
    setAreas(next) {
      areas = new Map(next.map((a) => [a.grid, { open: a.open, overdue: a.overdue, recurring: a.recurring }]));
      render();
    },
    setAlarmGrids(grids) {
      alarms = grids;
      render();
    },
    setMetric(next) {
      metric = next;
      render();
    },
    get metric() {
      return metric;
    },
    get level() {
      return level;
    },
  };
}
