// Harness for the wall-apply benchmark (WallApplyBench.cs bundles it with the client's esbuild): the real
// city map and the real incidents layer of the wall, 10,000 open incidents, then batches of changes applied
// the way the wall applies them (inside an animation frame), timed with performance.now().

import { createCityMap } from '../../../Dashboard/Client/src/map';
import { createIncidentsLayer, type IncidentsLayer } from '../../../Dashboard/Client/src/wall/incidents-layer';
import type { IncidentChange, WallIncident } from '../../../Dashboard/Client/src/wall/model';

interface GridBox {
  code: string;
  south: number;
  west: number;
  north: number;
  east: number;
}

interface BatchTiming {
  applyMs: number;
  nextFrameMs: number;
}

interface BenchResult {
  loadMs: number;
  open: number;
  batches: BatchTiming[];
}

declare global {
  interface Window {
    wallBench?: { run(batches: number, size: number): Promise<BenchResult>; ready: boolean; open: number };
  }
}

// Deterministic, so every run applies the same changes.
let seed = 20261123;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
}

const titles = ['占道经营', '出店经营', '乱堆物料', '暴露垃圾', '非机动车乱停放', '道路积水', '人员聚集', '烟火'];
const statuses = ['Reported', 'Registered', 'Dispatched', 'Accepted', 'InProgress'];
let serial = 0;

function newIncident(grids: readonly GridBox[]): WallIncident {
  const grid = grids[Math.floor(random() * grids.length)]!;
  serial++;
  return {
    number: `SJ20261123${String(serial).padStart(6, '0')}`,
    title: titles[serial % titles.length]!,
    severity: 1 + Math.floor(random() * random() * 5),
    status: statuses[Math.floor(random() * statuses.length)]!,
    lat: grid.south + (grid.north - grid.south) * (0.2 + 0.6 * random()),
    lon: grid.west + (grid.east - grid.west) * (0.2 + 0.6 * random()),
    grid: grid.code,
    street: grid.code.slice(0, 9),
    source: 'Camera',
    department: null,
    reported: new Date().toISOString(),
    due: null,
  };
}

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

async function main(): Promise<void> {
  const element = document.getElementById('map')!;
  const city = await createCityMap(element, {});
  city.fitDistrict();
  const grids: GridBox[] = [];
  city.layers.grids?.eachLayer((layer) => {
    const polygon = layer as unknown as {
      feature?: { properties: { code: string } };
      getBounds(): { getSouth(): number; getWest(): number; getNorth(): number; getEast(): number };
    };
    const bounds = polygon.getBounds();
    grids.push({ code: polygon.feature!.properties.code, south: bounds.getSouth(), west: bounds.getWest(), north: bounds.getNorth(), east: bounds.getEast() });
  });

  const initial = Array.from({ length: 10_000 }, () => newIncident(grids));
  const open = new Map(initial.map((i) => [i.number, i]));
  const started = performance.now();
  const layer: IncidentsLayer = createIncidentsLayer(city, initial);
  const loadMs = performance.now() - started;

  // A batch as 1,000 events/s produce in one 200 ms window: new reports, status changes, closures, in a
  // mix that keeps the number of open incidents steady.
  const batch = (size: number): IncidentChange[] => {
    const changes: IncidentChange[] = [];
    const numbers = [...open.keys()];
    for (let i = 0; i < size; i++) {
      const roll = random();
      if (roll < 0.35 || numbers.length === 0) {
        const incident = newIncident(grids);
        open.set(incident.number, incident);
        changes.push({ seq: serial, action: 'Report', critical: incident.severity >= 5, incident });
      } else {
        const number = numbers[Math.floor(random() * numbers.length)]!;
        const current = open.get(number);
        if (!current) {
          continue;
        }
        const closing = roll >= 0.65;
        const incident = { ...current, status: closing ? 'Closed' : statuses[Math.floor(random() * statuses.length)]! };
        if (closing) {
          open.delete(number);
        } else {
          open.set(number, incident);
        }
        changes.push({ seq: serial, action: closing ? 'Close' : 'Dispatch', critical: false, incident });
      }
    }
    return changes;
  };

  window.wallBench = {
    ready: true,
    open: layer.openCount,
    async run(batches: number, size: number): Promise<BenchResult> {
      const timings: BatchTiming[] = [];
      for (let b = 0; b < batches; b++) {
        const changes = batch(size);
        // The wall applies deltas inside an animation frame (live.ts hands them over once per frame); the
        // canvas and grid restyles it requests run in the next frame, timed from that frame's start to the
        // end of its callbacks (this callback is queued after the layer's, so it runs after them).
        await frame();
        const t0 = performance.now();
        layer.apply(changes);
        const applyMs = performance.now() - t0;
        const nextFrameMs = await new Promise<number>((resolve) =>
          requestAnimationFrame((frameStart) => resolve(performance.now() - frameStart)),
        );
        timings.push({ applyMs, nextFrameMs });
      }
      return { loadMs, open: layer.openCount, batches: timings };
    },
  };
}

void main();
