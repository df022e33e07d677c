// The command-hall wall (/wall): the server rendered the first frame and embedded the snapshot it drew
// from (#wall-snapshot, consistent at change-log position `head`). This module draws the map and the
// charts, subscribes to the live hub from `head`, applies incident deltas once per animation frame
// (the live client batches them) and reloads the aggregates shortly after changes arrive.
// With ?at= (or the laptop's slider) it shows the past instead, rebuilt by the server from the change log,
// under a 回放 / REPLAY banner, and applies no live deltas until it is back to live.

import type * as GeoJSON from 'geojson';
import type * as L from 'leaflet';
import { chinaDateTime } from '../china-time';
import { live, type LiveState } from '../live';
import { createCityMap, type CityMap } from '../map';
import { startShell } from '../shell';
import { createCharts, type WallCharts } from '../wall/charts';
import { createChoropleth, metrics, type Choropleth, type Metric } from '../wall/choropleth';
import { createControls } from '../wall/controls';
import { createDrivenWall, driveWall, refusalText, type DrivenWall } from '../wall/drive';
import { createFieldLayers, type FieldLayers } from '../wall/field';
import { createCriticalFollower, type CriticalFollower } from '../wall/follow';
import { createIncidentsLayer, type IncidentsLayer } from '../wall/incidents-layer';
import { renderKpis } from '../wall/kpis';
import { incidentChanges, type WallField, type WallSnapshot, type WallStats } from '../wall/model';
import { renderAlarms, renderBoard } from '../wall/panels';
import { createTicker } from '../wall/ticker';
import { chinaTimeWithSeconds, loadWallText, wallText } from '../wall/text';

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
  const banner = root.querySelector<HTMLElement>('[data-replay-banner]');
  const controlsBox = root.querySelector<HTMLElement>('[data-wall-controls]');

  const ticker = tickerList ? createTicker(tickerList, snapshot.ticker) : undefined;
  const charts: WallCharts = createCharts(root, snapshot.stats);
  let layer: IncidentsLayer | undefined;
  let follower: CriticalFollower | undefined;
  let choropleth: Choropleth | undefined;
  let field: FieldLayers | undefined;
  let driven: DrivenWall | undefined;
  let statsHead = snapshot.stats.head;
  let replayAt: Date | null = snapshot.replayAt ? new Date(snapshot.replayAt) : null;
  let lastAreas = snapshot.stats.areas;
  const requested = new URLSearchParams(location.search).get('metric') as Metric | null;
  let metric: Metric = requested && metrics.includes(requested) ? requested : 'open';

  const showReplay = (): void => {
    root.dataset['replay'] = String(replayAt !== null);
    if (banner) {
      banner.hidden = replayAt === null;
      banner.textContent = replayAt ? `${wallText('Wall.Replay')}  ${chinaDateTime(replayAt)}` : '';
    }
  };
  showReplay();

  const touch = (at?: Date): void => {
    if (freshAt) {
      const now = at ?? new Date();
      freshAt.dateTime = now.toISOString();
      freshAt.textContent = chinaTimeWithSeconds(now);
    }
  };

  const alarmGrids = (stats: WallStats): Set<string> =>
    new Set(stats.sensorAlarms.map((a) => a.grid).filter((g): g is string => Boolean(g)));

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
    lastAreas = stats.areas;
    choropleth?.setAlarmGrids(alarmGrids(stats));
    choropleth?.setAreas(stats.areas);
    touch(replayAt ?? undefined);
  };

  const fieldUrl = (): string => `/api/wall/field?${scopeQuery}${replayAt ? `&at=${encodeURIComponent(replayAt.toISOString())}` : ''}`;
  const loadField = (): void => {
    if (field) {
      void fetchJson<WallField>(fieldUrl()).then((f) => field?.reset(f), (error: unknown) => console.warn('wall field failed', error));
    }
  };

  const redraw = (fresh: WallSnapshot): void => {
    ticker?.reset(fresh.ticker);
    layer?.reset(fresh.incidents);
    statsHead = 0;
    applyStats(fresh.stats);
    loadField();
  };

  // Leading-edge throttle: the first change after a quiet spell reloads at once, a stream of changes at most every 1.5 s.
  let lastStats = 0;
  let statsTimer: ReturnType<typeof setTimeout> | undefined;
  let statsInFlight = false;
  const refreshStats = async (): Promise<void> => {
    if (replayAt) {
      return;
    }
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

  /** Into the past (a replay rebuilt by the server) or, with null, back to the live state. */
  const replay = async (at: Date | null): Promise<void> => {
    replayAt = at;
    const url = new URL(location.href);
    if (at) {
      url.searchParams.set('at', at.toISOString());
    } else {
      url.searchParams.delete('at');
    }
    history.replaceState(null, '', url);
    showReplay();
    const fresh = await fetchJson<WallSnapshot>(at
      ? `/api/wall/replay?${scopeQuery}&at=${encodeURIComponent(at.toISOString())}`
      : `/api/wall/snapshot?${scopeQuery}`);
    if (replayAt?.getTime() === at?.getTime()) {
      redraw(fresh);
    }
  };

  const client = live();
  client.onState((state: LiveState) => {
    if (freshness) {
      freshness.dataset['stale'] = String(state !== 'online');
    }
  });
  client.on('incident', (deltas, fromScope) => {
    if (fromScope !== scope || replayAt) {
      return;
    }
    const changes = incidentChanges(deltas, scope);
    touch();
    if (changes.length === 0) {
      return;
    }
    ticker?.apply(changes);
    layer?.apply(changes);
    if (!driven?.holding) {
      follower?.follow(changes);
    }
    scheduleStats();
  });
  client.on('worker', (deltas, fromScope) => {
    if (fromScope === scope && !replayAt) {
      field?.apply(deltas);
    }
  });
  client.on('wall', (deltas, fromScope) => {
    if (fromScope === scope) {
      driven?.apply(deltas);
    }
  });
  client.onSnapshot((_, fromScope) => {
    if (fromScope !== scope || replayAt) {
      return;
    }
    // Too far behind for a catch-up (e.g. a long outage): redraw from a fresh snapshot. Changes after its
    // head that the hub also sends are applied by incident number, so they never show twice.
    void fetchJson<WallSnapshot>(`/api/wall/snapshot?${scopeQuery}`).then(redraw);
  });
  client.subscribe(scope, snapshot.head);

  if (mapElement && mapElement.offsetParent !== null) {
    const [kind, code] = scope.split(':');
    const picked = new URLSearchParams(location.search).get('street');
    let city: CityMap | undefined;
    city = await createCityMap(mapElement, {
      tileUrl: mapElement.dataset['tileUrl'] || undefined,
      tileAttribution: mapElement.dataset['tileAttribution'] || undefined,
      // Drill-down: a click on the map opens the street (or, inside a street, the community) it falls in.
      onGridSelected: (selection) => {
        const target = choropleth?.level === 'street' ? selection.street?.code : undefined;
        const bounds = target && city ? streetBounds(city, target) : undefined;
        if (bounds && city) {
          city.map.flyToBounds(bounds, { padding: [24, 24], duration: 0.8 });
          root.dataset['street'] = target ?? '';
        }
      },
    });
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
    choropleth = createChoropleth(city, root.querySelector<HTMLElement>('[data-map-legend]'), metric);
    choropleth.setAlarmGrids(alarmGrids(snapshot.stats));
    choropleth.setAreas(lastAreas);
    const pickedBounds = picked ? streetBounds(city, picked) : undefined;
    if (pickedBounds) {
      city.map.fitBounds(pickedBounds, { padding: [24, 24] });
      root.dataset['street'] = picked ?? '';
    }
    layer = createIncidentsLayer(city, snapshot.incidents);
    field = createFieldLayers(city, mapElement, root.querySelector<HTMLElement>('[data-field-summary]'));
    loadField();
    if (card) {
      follower = createCriticalFollower(city, card, overview);
    }
    const mapCity = city;
    driven = createDrivenWall(root, scope, city, (street) => streetBounds(mapCity, street), root.querySelector<HTMLElement>('[data-driven-badge]'));
    mapElement.dataset['incidentsReady'] = 'true';
    startRotation(root, city, overview, (m) => {
      metric = m;
      choropleth?.setMetric(m);
    }, () => (follower?.busy ?? false) || (driven?.holding ?? false) || replayAt !== null);

    if (controlsBox) {
      const controls = createControls(controlsBox, {
        metric: () => metric,
        setMetric: (m) => {
          metric = m;
          choropleth?.setMetric(m);
        },
        replayAt: () => replayAt,
        replay: (at) => {
          void replay(at).then(() => controls.refresh());
        },
        drive: async () => {
          const centre = mapCity.map.getCenter();
          try {
            // A picked street is sent as the street (the wall fits it to its own screen); otherwise the map's centre and zoom.
            const street = root.dataset['street'];
            const command = await driveWall(street
              ? { target: controlsBox.dataset['driveTarget'] || scope, street }
              : {
                  target: controlsBox.dataset['driveTarget'] || scope,
                  lon: Math.round(centre.lng * 1e6) / 1e6,
                  lat: Math.round(centre.lat * 1e6) / 1e6,
                  zoom: mapCity.map.getZoom(),
                });
            return `✓ ${command.target}`;
          } catch (error) {
            throw new Error(refusalText(error));
          }
        },
      });
    }
  }
}

/**
 * Kiosk rotation (?rotate=<seconds>): the map tours the district once per choropleth measure, then each street,
 * and starts over. Paused while a critical incident is shown, a director's view is held, or a replay runs.
 */
function startRotation(root: HTMLElement, city: CityMap, overview: () => void, setMetric: (m: Metric) => void, paused: () => boolean): void {
  const seconds = Number(root.dataset['rotate'] ?? '0');
  if (!(seconds >= 5)) {
    return;
  }
  const views: { name: string; show: () => void }[] = metrics.map((m) => ({
    name: `overview:${m}`,
    show: () => {
      setMetric(m);
      overview();
    },
  }));
  city.layers.streets?.eachLayer((layer) => {
    const code = ((layer as L.Polygon).feature as GeoJSON.Feature<GeoJSON.Geometry, { code: string }> | undefined)?.properties.code ?? '';
    views.push({
      name: `street:${code}`,
      show: () => {
        setMetric('open');
        city.map.flyToBounds((layer as L.Polygon).getBounds(), { padding: [24, 24], duration: 1 });
      },
    });
  });
  let index = 0;
  root.dataset['view'] = views[0]?.name ?? '';
  setInterval(() => {
    if (paused()) {
      return;
    }
    index = (index + 1) % views.length;
    views[index]?.show();
    root.dataset['view'] = views[index]?.name ?? '';
  }, seconds * 1000);
}

void main();
