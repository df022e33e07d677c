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
const maxPulses = 50;

interface SeverityMarker {
  options: { severity?: number };
  __parent?: ClusterNode;
}

/** markercluster's tree (its own fields); getAllChildMarkers would copy every marker below a cluster into a new array. */
interface ClusterNode {
  _markers?: SeverityMarker[];
  _childClusters?: ClusterNode[];
  __parent?: ClusterNode;
}

/**
 * The worst severity below each cluster, remembered per cluster and forgotten along a circle's chain of parent
 * clusters when the circle joins or leaves. A batch redraws the icon of every visible cluster it touches; computing
 * each from all its child markers was a tenth of a batch's time on a map of 10,000 incidents.
 */
function createSeverityCache(): { worst(cluster: L.MarkerCluster): number; forget(circle: L.Layer): void } {
  const known = new WeakMap<ClusterNode, number>();
  const worstOf = (node: ClusterNode): number => {
    const cached = known.get(node);
    if (cached !== undefined) {
      return cached;
    }
    let worst = 1;
    for (const marker of node._markers ?? []) {
      worst = Math.max(worst, marker.options.severity ?? 1);
    }
    for (const child of node._childClusters ?? []) {
      worst = Math.max(worst, worstOf(child));
    }
    known.set(node, worst);
    return worst;
  };
  return {
    worst(cluster) {
      const node = cluster as unknown as ClusterNode;
      if (!node._markers || !node._childClusters) {
        // A markercluster without these fields: fall back to its public (slower) way.
        const markers = cluster.getAllChildMarkers() as unknown as SeverityMarker[];
        return markers.reduce((max, m) => Math.max(max, m.options.severity ?? 1), 1);
      }
      return worstOf(node);
    },
    forget(circle) {
      for (let node = (circle as unknown as SeverityMarker).__parent; node; node = node.__parent) {
        known.delete(node);
      }
    },
  };
}

export interface IncidentsLayer {
  apply(changes: readonly IncidentChange[]): void;
  reset(incidents: readonly WallIncident[]): void;
  readonly openCount: number;
}

export function createIncidentsLayer(city: CityMap, initial: readonly WallIncident[]): IncidentsLayer {
  const radius = Math.max(5, Math.min(12, window.innerWidth / 380));
  const renderer = L.canvas({ padding: 0.2 });
  const severities = createSeverityCache();
  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: false,
    maxClusterRadius: Math.round(radius * 6),
    iconCreateFunction: (cluster) => {
      const worst = severities.worst(cluster);
      const size = Math.round(radius * 4.2);
      return L.divIcon({
        html: `<span>${cluster.getChildCount()}</span>`,
        className: `wall-cluster sev-${worst}`,
        iconSize: [size, size],
      });
    },
  });
  // markercluster fires layeradd once the circle sits in its clusters and before it redraws their icons.
  clusters.on('layeradd', (event) => severities.forget(event.layer));
  const pulses = L.layerGroup();
  city.map.addLayer(clusters);
  city.map.addLayer(pulses);

  const incidents = new Map<string, WallIncident>();
  // Circles in the cluster group, by case number.
  const circles = new Map<string, L.CircleMarker>();
  // In start order, so the oldest pulse is always first.
  const pulsing = new Map<string, { marker: L.Marker; endsAt: number }>();
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  // Cluster changes are gathered and committed in bulk once per batch: markercluster re-walks its tree and
  // refreshes the visible cluster icons on every addLayer/removeLayer call, so a 200-change batch applied one
  // by one cost hundreds of tree walks (docs/benchmarks.md, wall-apply).
  let adding = new Map<string, L.CircleMarker>();
  let removing: L.CircleMarker[] = [];

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

  const uncluster = (number: string): void => {
    if (adding.delete(number)) {
      return;
    }
    const circle = circles.get(number);
    if (circle) {
      removing.push(circle);
      circles.delete(number);
    }
  };

  const cluster = (incident: WallIncident): void => {
    uncluster(incident.number);
    adding.set(incident.number, circleFor(incident));
  };

  const commit = (): void => {
    if (removing.length > 0) {
      for (const circle of removing) {
        severities.forget(circle);
      }
      clusters.removeLayers(removing);
      removing = [];
    }
    if (adding.size > 0) {
      clusters.addLayers([...adding.values()]);
      for (const [number, circle] of adding) {
        circles.set(number, circle);
      }
      adding = new Map();
    }
  };

  const unpulse = (number: string): void => {
    const entry = pulsing.get(number);
    if (entry) {
      pulses.removeLayer(entry.marker);
      pulsing.delete(number);
    }
  };

  /** Ends a pulse: the incident joins the clusters as a circle (at the next commit). */
  const settle = (number: string): void => {
    unpulse(number);
    const current = incidents.get(number);
    if (current) {
      cluster(current);
    }
  };

  // One timer for all pulses: those ending within a quarter second of each other settle in one bulk add.
  const scheduleSweep = (): void => {
    const first = pulsing.values().next();
    if (sweepTimer !== undefined || first.done) {
      return;
    }
    sweepTimer = setTimeout(() => {
      sweepTimer = undefined;
      const now = performance.now();
      for (const [number, entry] of pulsing) {
        if (entry.endsAt > now) {
          break;
        }
        settle(number);
      }
      commit();
      scheduleSweep();
    }, Math.max(0, first.value.endsAt - performance.now()) + 250);
  };

  const pulse = (incident: WallIncident): void => {
    // At a thousand events a second a minute of pulses would be thousands of animated DOM markers; past the cap
    // the oldest pulse ends early, so the newest ones stay visible and the page stays fast.
    for (let oldest = pulsing.keys().next(); pulsing.size >= maxPulses && !oldest.done; oldest = pulsing.keys().next()) {
      settle(oldest.value);
    }
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
    pulsing.set(incident.number, { marker, endsAt: performance.now() + pulseMs });
    scheduleSweep();
  };

  const reset = (list: readonly WallIncident[]): void => {
    for (const number of [...pulsing.keys()]) {
      unpulse(number);
    }
    clearTimeout(sweepTimer);
    sweepTimer = undefined;
    adding = new Map();
    removing = [];
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
      // New cases of this batch, pulsed after the loop: only the newest maxPulses of them get a pulse, the others
      // go straight into the clusters instead of pulsing and being evicted again within the same batch.
      const fresh = new Map<string, WallIncident>();
      for (const { action, incident } of changes) {
        const number = incident.number;
        const current = incidents.get(number);
        if (!isOpen(incident.status)) {
          incidents.delete(number);
          fresh.delete(number);
          unpulse(number);
          uncluster(number);
        } else if ((action === 'Report' && !current) || fresh.has(number)) {
          incidents.set(number, incident);
          fresh.set(number, incident);
        } else if (pulsing.has(number)) {
          incidents.set(number, incident);
        } else {
          incidents.set(number, incident);
          // Most changes are status steps (dispatched, accepted...) of a case that stays where it is with the same
          // severity: the map shows nothing new, so the clusters are left alone.
          const unchanged =
            current !== undefined &&
            (circles.has(number) || adding.has(number)) &&
            current.lat === incident.lat &&
            current.lon === incident.lon &&
            current.severity === incident.severity;
          if (!unchanged) {
            cluster(incident);
          }
        }
      }
      let skip = fresh.size - maxPulses;
      for (const incident of fresh.values()) {
        if (skip-- > 0) {
          cluster(incident);
        } else {
          pulse(incident);
        }
      }
      commit();
    },
    reset,
    get openCount() {
      return incidents.size;
    },
  };
}
