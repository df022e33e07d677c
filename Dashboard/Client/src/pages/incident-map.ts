// Incident page map: the case on the city's own boundaries with its grid highlighted, and the cameras (with a
// link to their current picture) and sensors the server found near it. The server decides what is near and what
// this person may see; this module only draws it.

import * as L from 'leaflet';
import { createCityMap, mapColors } from '../map';
import { t } from '../i18n';

interface NearbyDevice {
  kind: 'camera' | 'sensor';
  name: string;
  lon: number;
  lat: number;
  metres: number;
  snapshot: string | null;
}

function popup(device: NearbyDevice, snapshotLabel: string): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = `${device.kind === 'camera' ? t('incident.camera') : t('incident.sensor')} · ${device.name}`;
  const distance = document.createElement('div');
  distance.textContent = `${device.metres} m`;
  box.append(title, distance);
  if (device.snapshot) {
    const link = document.createElement('a');
    link.href = device.snapshot;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = snapshotLabel;
    box.append(link);
  }
  return box;
}

async function main(): Promise<void> {
  const element = document.querySelector<HTMLElement>('[data-incident-map]');
  if (!element) {
    return;
  }
  const lat = Number(element.dataset['lat']);
  const lon = Number(element.dataset['lon']);
  const devices = JSON.parse(element.dataset['devices'] ?? '[]') as NearbyDevice[];
  const points: L.LatLngTuple[] = [[lat, lon], ...devices.map((d): L.LatLngTuple => [d.lat, d.lon])];
  const bounds = L.latLngBounds(points).pad(0.8);
  const city = await createCityMap(element, { layers: ['streets', 'communities', 'grids'], focus: bounds });
  const grid = element.dataset['grid'];
  if (grid) {
    city.selectGrid(grid);
  }
  // No animation: the view is final at once, so a screenshot or a person never sees a half-zoomed, scaled canvas.
  city.map.fitBounds(bounds, { maxZoom: 16, animate: false });

  const snapshotLabel = element.dataset['snapshotLabel'] ?? 'Snapshot';
  for (const device of devices) {
    L.circleMarker([device.lat, device.lon], {
      radius: 6,
      color: device.kind === 'camera' ? '#38bdf8' : '#4ade80',
      weight: 2,
      fillOpacity: 0.8,
    })
      .bindPopup(() => popup(device, snapshotLabel))
      .addTo(city.map);
  }
  L.circleMarker([lat, lon], { radius: 9, color: mapColors.selected, weight: 3, fillColor: '#ef4444', fillOpacity: 0.9 })
    .bindTooltip(t('incident.here'), { permanent: false })
    .addTo(city.map);
  element.dataset['devicesDrawn'] = String(devices.length);
  element.dataset['incidentMapReady'] = 'true';
}

void main();
