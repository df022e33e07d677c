// A joint-triage room (laptop and wall): everyone sees the same map. The presenter's view (centre, zoom, layers,
// selected grid) goes to the room through the hub as a `view` signal, straight to the others (no store, no batching);
// followers apply it at once. Presence comes as `presence` messages; the room's recorded steps arrive as live
// deltas of topic "room" on the room's scope (docs/triage.md).

import * as L from 'leaflet';
import type * as GeoJSON from 'geojson';
import { chinaTime } from '../china-time';
import { live } from '../live';
import { createCityMap, type CityMap } from '../map';
import { localName, t } from '../i18n';
import { startShell } from '../shell';

interface RoomView {
  lat: number;
  lng: number;
  zoom: number;
  layers: string[];
  sel: string | null;
  /** Presenter's clock (ms since epoch) when the view was sent: followers measure how long it took to apply. */
  t: number;
}

interface Presence {
  scope: string;
  presenter: string | null;
  members: { key: string; name: string; role: string; guest: boolean; wall: boolean; presenter: boolean }[];
}

interface Signal {
  scope: string;
  kind: string;
  from: string | null;
  data: RoomView;
  /** Order of views in the room; a late joiner's replayed view may arrive after a newer live one. */
  version: number;
}

interface Device {
  kind: 'camera' | 'sensor';
  id: string;
  name: string;
  lon: number;
  lat: number;
  m: number;
}

interface RoomDeltaData {
  seq: number;
  kind: string;
  actor: string;
  department: string | null;
  tier: string | null;
  text: string | null;
  at: string;
}

declare global {
  interface Window {
    /** Presenter → follower latencies (ms) this page measured; read by the end-to-end test and the benchmark. */
    __triageLatencies?: number[];
  }
}

const stepLabels = JSON.parse(document.querySelector<HTMLElement>('[data-triage-room]')?.dataset['stepLabels'] ?? '{}') as Record<string, string>;

async function main(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-triage-room]');
  const element = root?.querySelector<HTMLElement>('[data-triage-map]');
  if (!root || !element) {
    return;
  }
  const scope = root.dataset['liveScope'] ?? '';
  const wall = root.dataset['mode'] === 'wall';
  const canPresent = root.dataset['canPresent'] === 'true';
  const [lat, lng] = (element.dataset['centre'] ?? '23.02,113.1').split(',').map(Number) as [number, number];
  const client = live();
  window.__triageLatencies = [];

  showGuestLink();

  let applying: RoomView | null = null;
  let presenting = false;
  let city: CityMap | undefined;
  const selectionListener = { send: (_code: string): void => undefined };
  city = await createCityMap(element, {
    fitDistrictOnResize: false,
    onGridSelected: (selection) => selectionListener.send(selection.grid.code),
  });
  const map = city.map;
  const overlays = await buildOverlays(city, element, lat, lng);
  if (!wall) {
    L.control.layers(undefined, overlays.named, { collapsed: false, position: 'topright' }).addTo(map);
  }
  map.setView([lat, lng], wall ? 16 : 16, { animate: false });
  recordView(element, map);

  let selected: string | null = null;
  const currentView = (): RoomView => {
    const centre = map.getCenter();
    return {
      lat: centre.lat,
      lng: centre.lng,
      zoom: map.getZoom(),
      layers: Object.entries(overlays.named).filter(([, layer]) => map.hasLayer(layer)).map(([name]) => overlays.keys.get(name) ?? name),
      sel: selected,
      t: Date.now(),
    };
  };
  let pending = false;
  const sendView = (): void => {
    if (!presenting || applying || pending) {
      return;
    }
    // One signal per frame at most, however many move events Leaflet fires.
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      client.signal(scope, 'view', currentView());
    });
  };
  selectionListener.send = (code) => {
    selected = code;
    sendView();
  };

  map.on('moveend', () => {
    recordView(element, map);
    if (applying) {
      const latency = Date.now() - applying.t;
      window.__triageLatencies?.push(latency);
      element.dataset['lastLatencyMs'] = String(latency);
      applying = null;
      return;
    }
    sendView();
  });
  map.on('overlayadd overlayremove', sendView);

  const apply = (view: RoomView): void => {
    for (const [name, layer] of Object.entries(overlays.named)) {
      const key = overlays.keys.get(name) ?? name;
      const on = view.layers.includes(key);
      if (on && !map.hasLayer(layer)) {
        layer.addTo(map);
      } else if (!on && map.hasLayer(layer)) {
        layer.remove();
      }
    }
    if (view.sel && view.sel !== selected) {
      selected = view.sel;
      const send = selectionListener.send;
      selectionListener.send = () => undefined;
      city?.selectGrid(view.sel);
      selectionListener.send = send;
    }
    applying = view;
    map.setView([view.lat, view.lng], view.zoom, { animate: false });
  };

  let lastVersion = 0;
  // Versions count per server node and restart with it: after a reconnect take whatever comes next.
  client.onState((state) => {
    if (state !== 'online') {
      lastVersion = 0;
    }
  });
  client.onMessage('signal', (message) => {
    const signal = message as Signal;
    if (signal.scope === scope && signal.kind === 'view' && !presenting && signal.version > lastVersion) {
      lastVersion = signal.version;
      apply(signal.data);
    }
  });
  client.onMessage('presence', (message) => {
    const presence = message as Presence;
    if (presence.scope !== scope) {
      return;
    }
    const wasPresenting = presenting;
    presenting = presence.presenter !== null && presence.presenter === client.connectionId;
    root.dataset['presenter'] = String(presenting);
    renderPresence(root, presence, client.connectionId);
    const following = root.querySelector<HTMLElement>('[data-following]');
    if (following) {
      following.hidden = presenting || presence.presenter === null;
      following.textContent = presenting ? t('triage.presenting') : t('triage.following');
    }
    if (presenting && !wasPresenting) {
      client.signal(scope, 'view', currentView());
    }
  });
  root.querySelector<HTMLButtonElement>('[data-take-presenter]')?.addEventListener('click', () => {
    if (canPresent) {
      client.signal(scope, 'present', {});
    }
  });

  client.on('room', (deltas) => {
    const steps = root.querySelector<HTMLOListElement>('[data-steps]');
    let closed = false;
    for (const delta of deltas) {
      const data = delta.data as RoomDeltaData;
      closed ||= data.kind === 'Decided' || data.kind === 'Cancelled';
      if (steps && !steps.querySelector(`[data-seq="${data.seq}"]`)) {
        steps.prepend(stepItem(data));
      }
    }
    if (closed) {
      root.dataset['roomStatus'] = 'closing';
      setTimeout(() => location.reload(), 1200);
    }
  });
  client.subscribe(scope);
  root.dataset['ready'] = 'true';
}

async function buildOverlays(city: CityMap, element: HTMLElement, lat: number, lng: number): Promise<{ named: Record<string, L.Layer>; keys: Map<string, string> }> {
  const named: Record<string, L.Layer> = {};
  const keys = new Map<string, string>();
  const add = (key: string, label: string, layer: L.Layer | undefined): void => {
    if (layer) {
      named[label] = layer;
      keys.set(label, key);
    }
  };
  add('streets', t('triage.streets'), city.layers.streets);
  add('communities', t('triage.communities'), city.layers.communities);
  add('grids', t('triage.grids'), city.layers.grids as L.Layer | undefined);

  const stroke = Math.min(3, Math.max(1, window.innerWidth / 1600));
  try {
    const response = await fetch('/api/triage/enclaves.geojson', { headers: { Accept: 'application/geo+json' } });
    if (response.ok) {
      const data = (await response.json()) as GeoJSON.FeatureCollection<GeoJSON.Geometry, { code: string; name: string; nameEn?: string }>;
      const enclaves = L.geoJSON(data, {
        style: { color: '#f97316', weight: 2.5 * stroke, dashArray: `${6 * stroke} ${4 * stroke}`, fillColor: '#f97316', fillOpacity: 0.22 },
        onEachFeature: (feature, layer) => layer.bindTooltip(`${element.dataset['enclaveLabel'] ?? ''} ${localName(feature.properties)}`, { sticky: true }),
      }).addTo(city.map);
      add('enclaves', t('triage.enclaves'), enclaves);
    }
  } catch (error) {
    console.error('enclaves failed', error);
  }

  const devices = L.layerGroup();
  for (const device of JSON.parse(element.dataset['devices'] ?? '[]') as Device[]) {
    L.circleMarker([device.lat, device.lon], {
      radius: 5 * stroke,
      color: device.kind === 'camera' ? '#38bdf8' : '#a3e635',
      weight: 2 * stroke,
      fillOpacity: 0.8,
    })
      .bindTooltip(`${device.kind === 'camera' ? t('triage.camera') : t('triage.sensor')} · ${device.name} · ${device.m} m`)
      .addTo(devices);
  }
  devices.addTo(city.map);
  add('devices', t('triage.devices'), devices);

  // The case itself stays on top and is not a switchable layer: it is what the room is about.
  L.circleMarker([lat, lng], { radius: 11 * stroke, color: '#fef08a', weight: 3 * stroke, fillColor: '#ef4444', fillOpacity: 0.95 })
    .bindTooltip(t('triage.incident'), { permanent: true, direction: 'top', offset: [0, -10 * stroke] })
    .addTo(city.map);
  return { named, keys };
}

function recordView(element: HTMLElement, map: L.Map): void {
  const centre = map.getCenter();
  element.dataset['view'] = `${centre.lat.toFixed(6)},${centre.lng.toFixed(6)},${map.getZoom()}`;
}

function renderPresence(root: HTMLElement, presence: Presence, me: string | null): void {
  const list = root.querySelector<HTMLUListElement>('[data-presence]');
  if (!list) {
    return;
  }
  list.replaceChildren(
    ...presence.members.map((member) => {
      const item = document.createElement('li');
      item.className = ['member', member.presenter ? 'presenter' : '', member.wall ? 'wall' : '', member.guest ? 'guest' : ''].join(' ').trim();
      item.dataset['member'] = member.name;
      const tags = [member.key === me ? t('triage.you') : '', member.guest ? t('triage.guest') : '']
        .filter((tag) => tag.length > 0)
        .join(' · ');
      // A wall's sign-in name is technical ("local wall"); the room calls it what the hall calls it.
      const name = member.wall ? t('triage.wall') : member.name;
      item.textContent = (member.presenter ? '★ ' : '') + name + (tags ? ` (${tags})` : '');
      if (member.presenter) {
        item.title = t('triage.presenter');
      }
      return item;
    }),
  );
  root.dataset['presentCount'] = String(presence.members.length);
}

function stepItem(data: RoomDeltaData): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset['step'] = data.kind;
  item.dataset['seq'] = String(data.seq);
  item.className = 'fresh';
  const time = document.createElement('time');
  time.dateTime = data.at;
  time.textContent = chinaTime(data.at);
  const what = document.createElement('strong');
  what.textContent = `#${data.seq} ${stepLabels[data.kind] ?? data.kind}`;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = data.actor;
  item.append(time, ' ', what, ' ', who);
  for (const [cls, value] of [['dept', data.department], ['tier', data.tier], ['why', data.text]] as const) {
    if (value) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = value;
      item.append(' ', span);
    }
  }
  return item;
}

/** A guest link just issued arrives in the URL fragment (never sent to a server): show it once, then drop it. */
function showGuestLink(): void {
  const match = /[#&]guest=([^&]+)/.exec(location.hash);
  const box = document.querySelector<HTMLElement>('[data-guest-link-box]');
  const input = document.querySelector<HTMLInputElement>('[data-guest-link-url]');
  if (!match?.[1] || !box || !input) {
    return;
  }
  input.value = `${location.origin}/triage/guest/${match[1]}`;
  box.hidden = false;
  history.replaceState(null, '', location.pathname + location.search);
}

startShell();
void main();

