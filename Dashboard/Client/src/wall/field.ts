// Field layers of the wall's map: grid workers on duty (网格员在岗) with today's patrol tracks, and the cameras,
// online ones as small green dots and offline ones as larger grey dots ringed in red (the ones to notice).
// Workers move live: each `worker` delta (one upload from a worker's app) extends that worker's track.

import L from 'leaflet';
import type { LiveDelta } from '../live';
import type { CityMap } from '../map';
import type { WallField } from './model';
import { wallText } from './text';

/** Minutes without a fix before a worker counts as off duty (WallFieldQuery.OnDutyMinutes). */
const onDutyMinutes = 30;

export interface FieldLayers {
  reset(field: WallField): void;
  /** `worker` deltas: the hub sends only those of this wall's scope. */
  apply(deltas: readonly LiveDelta[]): void;
}

interface WorkerDeltaData {
  worker?: string;
  positions?: { lon: number; lat: number; at: string }[];
}

interface Worker {
  track: L.Polyline;
  marker: L.CircleMarker;
  lastSeen: number;
}

export function createFieldLayers(city: CityMap, mapElement: HTMLElement, summary: HTMLElement | null): FieldLayers {
  const scale = Math.max(1, window.innerWidth / 1920);
  const renderer = L.canvas({ padding: 0.2 });
  const cameras = L.layerGroup().addTo(city.map);
  const tracks = L.layerGroup().addTo(city.map);
  const workers = new Map<string, Worker>();

  const onDuty = (worker: Worker): boolean => Date.now() - worker.lastSeen <= onDutyMinutes * 60_000;

  const styleWorker = (worker: Worker): void => {
    const active = onDuty(worker);
    worker.marker.setStyle({ fillColor: active ? '#22d3ee' : '#64748b', color: active ? '#ecfeff' : '#334155' });
    worker.track.setStyle({ opacity: active ? 0.75 : 0.3 });
  };

  const count = (): void => {
    const active = [...workers.values()].filter(onDuty).length;
    mapElement.dataset['workersOnDuty'] = String(active);
    if (summary) {
      summary.textContent = `${wallText('Wall.Workers')} ${active}`;
      summary.hidden = workers.size === 0;
    }
  };

  const addWorker = (id: string, points: [number, number][], lastSeen: number): Worker => {
    const last = points[points.length - 1] ?? [0, 0];
    const worker: Worker = {
      track: L.polyline(points.map(([lon, lat]) => [lat, lon] as L.LatLngTuple), {
        renderer,
        color: '#22d3ee',
        weight: 2.2 * scale,
        dashArray: `${4 * scale} ${3 * scale}`,
        interactive: false,
      }),
      marker: L.circleMarker([last[1], last[0]], { renderer, radius: 5.5 * scale, weight: 2 * scale, fillOpacity: 1, interactive: false }),
      lastSeen,
    };
    tracks.addLayer(worker.track);
    tracks.addLayer(worker.marker);
    workers.set(id, worker);
    styleWorker(worker);
    return worker;
  };

  // Off-duty colouring follows the clock, not only new fixes.
  setInterval(() => {
    workers.forEach(styleWorker);
    count();
  }, 60_000);

  return {
    reset(field) {
      cameras.clearLayers();
      tracks.clearLayers();
      workers.clear();
      let online = 0;
      for (const camera of field.cameras) {
        online += camera.online ? 1 : 0;
        cameras.addLayer(
          L.circleMarker([camera.lat, camera.lon], camera.online
            ? { renderer, radius: 2.2 * scale, weight: 0, fillColor: '#4ade80', fillOpacity: 0.7, interactive: false }
            : { renderer, radius: 4.5 * scale, weight: 2 * scale, color: '#ef4444', fillColor: '#94a3b8', fillOpacity: 0.95, interactive: false }),
        );
      }
      mapElement.dataset['camerasOnline'] = String(online);
      mapElement.dataset['camerasOffline'] = String(field.cameras.length - online);
      for (const w of field.workers) {
        addWorker(w.id, w.track, Date.parse(w.lastSeen));
      }
      count();
      mapElement.dataset['fieldReady'] = 'true';
    },
    apply(deltas) {
      for (const delta of deltas) {
        const data = delta.data as WorkerDeltaData | null;
        const fixes = (data?.positions ?? []).filter((p) => typeof p.lon === 'number' && typeof p.lat === 'number');
        const id = data?.worker ?? delta.entityId;
        if (!id || fixes.length === 0) {
          continue;
        }
        const points = fixes.map((p) => [p.lon, p.lat] as [number, number]);
        const lastSeen = Math.max(...fixes.map((p) => Date.parse(p.at)));
        const worker = workers.get(id);
        if (!worker) {
          addWorker(id, points, lastSeen);
          continue;
        }
        for (const [lon, lat] of points) {
          worker.track.addLatLng([lat, lon]);
        }
        const last = points[points.length - 1];
        if (last) {
          worker.marker.setLatLng([last[1], last[0]]);
        }
        worker.lastSeen = Math.max(worker.lastSeen, lastSeen);
        styleWorker(worker);
      }
      count();
    },
  };
}
