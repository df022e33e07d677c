// Incidents on the wall's map: open incidents as canvas circles coloured by severity, clustered where
// dense; new ones as pulsing markers for a minute before they join the clusters. The grids' shading is
// the choropleth's (choropleth.ts).

import L from 'leaflet';
import 'leaflet.markercluster';
import type { CityMap } from '../map';
import { isOpen, type IncidentChange, type WallIncident } from './model';

export const severityColors: Record<number, string> = {
  1: '#38bdf8',
  2: '#22c55e',
  3: '#facc15',
  4: '#f97316',
  5: '#ef4444',
};

const pulseMs = 60_000;

export interface IncidentsLayer {
  apply(changes: readonly IncidentChange[]): void;
  reset(incidents: readonly WallIncident[]): void;
  readonly openCount: number;
}

export function createIncidentsLayer(city: CityMap, initial: readonly WallIncident[]): IncidentsLayer {
  const radius = Math.max(5, Math.min(12, window.innerWidth / 380));
  const renderer = L.canvas({ padding: 0.2 });
  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: false,
    maxClusterRadius: Math.round(radius * 6),
    iconCreateFunction: (cluster) => {
      const markers = cluster.getAllChildMarkers() as unknown as { options: { severity?: number } }[];
      const worst = markers.reduce((max, m) => Math.max(max, m.options.severity ?? 1), 1);
      const size = Math.round(radius * 4.2);
      return L.divIcon({
        html: `<span>${cluster.getChildCount()}</span>`,
        className: `wall-cluster sev-${worst}`,
        iconSize: [size, size],
      });
    },
  });
  const pulses = L.layerGroup();
  city.map.addLayer(clusters);
  city.map.addLayer(pulses);

  const incidents = new Map<string, WallIncident>();
  const circles = new Map<string, L.CircleMarker>();
  const pulsing = new Map<string, { marker: L.Marker; timer: ReturnType<typeof setTimeout> }>();

  const circleFor = (incident: WallIncident): L.CircleMarker =>
    L.circleMarker([incident.lat, incident.lon], {
      renderer,
      radius,
      color: '#0b1220',
      weight: 1.5,
      fillColor: severityColors[incident.severity] ?? '#94a3b8',
      fillOpacity: 0.95,
      severity: incident.severity,
    } as L.CircleMarkerOptions);

  const unpulse = (number: string): void => {
    const entry = pulsing.get(number);
    if (entry) {
      clearTimeout(entry.timer);
      pulses.removeLayer(entry.marker);
      pulsing.delete(number);
    }
  };

  const remove = (number: string): void => {
    incidents.delete(number);
    unpulse(number);
    const circle = circles.get(number);
    if (circle) {
      clusters.removeLayer(circle);
      circles.delete(number);
    }
  };

  const place = (incident: WallIncident, pulse: boolean): void => {
    remove(incident.number);
    incidents.set(incident.number, incident);
    if (pulse) {
      const size = Math.round(radius * 3);
      const marker = L.marker([incident.lat, incident.lon], {
        icon: L.divIcon({
          className: `wall-pulse sev-${incident.severity}`,
          html: `<span data-incident="${incident.number}"></span>`,
          iconSize: [size, size],
        }),
        interactive: false,
        keyboard: false,
      });
      pulses.addLayer(marker);
      const timer = setTimeout(() => {
        unpulse(incident.number);
        const current = incidents.get(incident.number);
        if (current) {
          const circle = circleFor(current);
          circles.set(current.number, circle);
          clusters.addLayer(circle);
        }
      }, pulseMs);
      pulsing.set(incident.number, { marker, timer });
      return;
    }
    const circle = circleFor(incident);
    circles.set(incident.number, circle);
    clusters.addLayer(circle);
  };

  const reset = (list: readonly WallIncident[]): void => {
    for (const number of [...pulsing.keys()]) {
      unpulse(number);
    }
    clusters.clearLayers();
    circles.clear();
    incidents.clear();
    const layers: L.CircleMarker[] = [];
    for (const incident of list) {
      if (isOpen(incident.status)) {
        incidents.set(incident.number, incident);
        const circle = circleFor(incident);
        circles.set(incident.number, circle);
        layers.push(circle);
      }
    }
    clusters.addLayers(layers);
  };

  reset(initial);

  return {
    apply(changes) {
      for (const change of changes) {
        if (!isOpen(change.incident.status)) {
          remove(change.incident.number);
        } else if (change.action === 'Report' && !incidents.has(change.incident.number)) {
          place(change.incident, true);
        } else if (pulsing.has(change.incident.number)) {
          incidents.set(change.incident.number, change.incident);
        } else {
          place(change.incident, false);
        }
      }
    },
    reset,
    get openCount() {
      return incidents.size;
    },
  };
}
