// The command-hall wall (/wall): the server rendered the first frame and embedded the snapshot it drew
// from (#wall-snapshot, consistent at change-log position `head`). This module draws the map and the
// charts, subscribes to the live hub from `head`, applies incident deltas once per animation frame
// (the live client batches them) and reloads the aggregates shortly after changes arrive.

import type * as GeoJSON from 'geojson';
import type * as L from 'leaflet';
import { live, type LiveState } from '../live';
import { createCityMap, type CityMap } from '../map';
import { startShell } from '../shell';
import { createCharts, type WallCharts } from '../wall/charts';
import { createCriticalFollower, type CriticalFollower } from '../wall/follow';
import { createIncidentsLayer, type IncidentsLayer } from '../wall/incidents-layer';
import { renderKpis } from '../wall/kpis';
import { incidentChanges, type WallSnapshot, type WallStats } from '../wall/model';
import { renderAlarms, renderBoard } from '../wall/panels';
import { createTicker } from '../wall/ticker';
import { chinaTimeWithSeconds, loadWallText } from '../wall/text';

/** Aggregates are reloaded at most this often while changes flow (and at least every minute for overdue clocks). */
const statsThrottleMs = 1500;
const statsEveryMs = 60_000;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

function streetBounds(city: CityMap, code: string): L.LatLngBounds | undefined {
  let bounds: L.LatLngBounds | undefined;
  city.layers.streets?.eachLayer((layer) => {
    const feature = (layer as L.Polygon).feature as GeoJSON.Feature<GeoJSON.Geometry, { code: string }> | undefined;
    if (feature?.properties.code === code) {
      bounds = (layer as L.Polygon).getBounds();
    }
  });
  return bounds;
}

async function main(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-wall]');
  const embedded = document.getElementById('wall-snapshot')?.textContent;
  if (!root || !embedded) {
    return;
  }
  loadWallText();
  startShell();
  const snapshot = JSON.parse(embedded) as WallSnapshot;
  const scope = snapshot.scope;
  const scopeQuery = `scope=${encodeURIComponent(scope)}`;
  const kpiRoot = root.querySelector<HTMLElement>('[data-wall-kpis]');
  const tickerList = root.querySelector<HTMLOListElement>('[data-wall-ticker]');
  const alarmList = root.querySelector<HTMLElement>('[data-wall-alarms]');
  const alarmCount = root.querySelector<HTMLElement>('[data-alarm-count]');
  const boardBody = root.querySelector<HTMLElement>('[data-wall-board]');
  const freshAt = root.querySelector<HTMLTimeElement>('[data-fresh-at]');
  const freshness = root.querySelector<HTMLElement>('[data-freshness]');
  const mapElement = root.querySelector<HTMLElement>('[data-wall-map]');
  const card = root.querySelector<HTMLElement>('[data-critical-card]');

  const ticker = tickerList ? createTicker(tickerList, snapshot.ticker) : undefined;
  const charts: WallCharts = createCharts(root, snapshot.stats);
  let layer: IncidentsLayer | undefined;
  let follower: CriticalFollower | undefined;
  let statsHead = snapshot.stats.head;

  const touch = (): void => {
    if (freshAt) {
      const now = new Date();
      freshAt.dateTime = now.toISOString();
      freshAt.textContent = chinaTimeWithSeconds(now);
    }
  };

  const applyStats = (stats: WallStats): void => {
    // An answer older than one already drawn (two refreshes crossing) must not roll the tiles back.
    if (stats.head < statsHead) {
      return;
    }
    statsHead = stats.head;
    if (kpiRoot) {
      renderKpis(kpiRoot, stats.kpis);
    }
    charts.update(stats);
    if (alarmList) {
      renderAlarms(alarmList, alarmCount, stats.sensorAlarms);
    }
    if (boardBody) {
      renderBoard(boardBody, stats.dispatch);
    }
    layer?.setAlarmGrids(new Set(stats.sensorAlarms.map((a) => a.grid).filter((g): g is string => Boolean(g))));
    touch();
  };

  // Leading-edge throttle: the first change after a quiet spell reloads at once, a stream of changes at most every 1.5 s.
  let lastStats = 0;
  let statsTimer: ReturnType<typeof setTimeout> | undefined;
  let statsInFlight = false;
  const refreshStats = async (): Promise<void> => {
    if (statsInFlight) {
      scheduleStats();
      return;
    }
    statsInFlight = true;
    lastStats = Date.now();
    try {
      applyStats(await fetchJson<WallStats>(`/api/wall/stats?${scopeQuery}`));
    } catch (error) {
      console.warn('wall stats refresh failed', error);
    } finally {
      statsInFlight = false;
    }
  };
  function scheduleStats(): void {
    if (statsTimer !== undefined) {
      return;
    }
    const wait = Math.max(0, lastStats + statsThrottleMs - Date.now());
    statsTimer = setTimeout(() => {
      statsTimer = undefined;
      void refreshStats();
    }, wait);
  }
  setInterval(() => void refreshStats(), statsEveryMs);

  const client = live();
  client.onState((state: LiveState) => {
    if (freshness) {
      freshness.dataset['stale'] = String(state !== 'online');
    }
  });
  client.on('incident', (deltas, fromScope) => {
    if (fromScope !== scope) {
      return;
    }
    const changes = incidentChanges(deltas, scope);
    touch();
    if (changes.length === 0) {
      return;
    }
    ticker?.apply(changes);
    layer?.apply(changes);
    follower?.follow(changes);
    scheduleStats();
  });
  client.onSnapshot((_, fromScope) => {
    if (fromScope !== scope) {
      return;
    }
    // Too far behind for a catch-up (e.g. a long outage): redraw from a fresh snapshot. Changes after its
    // head that the hub also sends are applied by incident number, so they never show twice.
    void fetchJson<WallSnapshot>(`/api/wall/snapshot?${scopeQuery}`).then((fresh) => {
      ticker?.reset(fresh.ticker);
      layer?.reset(fresh.incidents);
      statsHead = 0;
      applyStats(fresh.stats);
    });
  });
  client.subscribe(scope, snapshot.head);

  if (mapElement && mapElement.offsetParent !== null) {
    const city = await createCityMap(mapElement, {
      tileUrl: mapElement.dataset['tileUrl'] || undefined,
      tileAttribution: mapElement.dataset['tileAttribution'] || undefined,
    });
    const [kind, code] = scope.split(':');
    const own = kind === 'district' || !code ? undefined : streetBounds(city, code.slice(0, 9));
    const overview = (): void => {
      if (own) {
        city.map.flyToBounds(own, { padding: [16, 16], duration: 0.8 });
      } else {
        city.fitDistrict();
      }
    };
    if (own) {
      city.map.fitBounds(own, { padding: [16, 16] });
    }
    layer = createIncidentsLayer(city, snapshot.incidents);
    layer.setAlarmGrids(new Set(snapshot.stats.sensorAlarms.map((a) => a.grid).filter((g): g is string => Boolean(g))));
    if (card) {
      follower = createCriticalFollower(city, card, overview);
    }
    mapElement.dataset['incidentsReady'] = 'true';
    startRotation(root, city, overview, () => follower?.busy ?? false);
  }
}

/** Kiosk rotation (?rotate=<seconds>): the map tours the overview and each street in turn. */
function startRotation(root: HTMLElement, city: CityMap, overview: () => void, paused: () => boolean): void {
  const seconds = Number(root.dataset['rotate'] ?? '0');
  if (!(seconds >= 5)) {
    return;
  }
  const views: (() => void)[] = [overview];
  city.layers.streets?.eachLayer((layer) => {
    views.push(() => city.map.flyToBounds((layer as L.Polygon).getBounds(), { padding: [24, 24], duration: 1 }));
  });
  let index = 0;
  setInterval(() => {
    if (paused()) {
      return;
    }
    index = (index + 1) % views.length;
    views[index]?.();
    root.dataset['view'] = String(index);
  }, seconds * 1000);
}

void main();
