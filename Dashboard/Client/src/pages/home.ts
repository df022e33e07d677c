// Home: the district map with the street list and the grid details panel.

import { t, localName } from '../i18n';
import { startShell } from '../shell';
import { live } from '../live';
import type * as GeoJSON from 'geojson';
import type * as L from 'leaflet';
import { createCityMap, type GridSelection } from '../map';

function showGrid(panel: HTMLElement, selection: GridSelection): void {
  const rows: [string, string][] = [
    [t('grid.code'), selection.grid.code],
    [t('grid.name'), localName(selection.grid)],
    [t('grid.community'), selection.community ? localName(selection.community) : '—'],
    [t('grid.street'), selection.street ? localName(selection.street) : '—'],
  ];
  const list = document.createElement('dl');
  for (const [label, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
  panel.replaceChildren(list);
  panel.dataset['gridCode'] = selection.grid.code;
}

async function main(): Promise<void> {
  const element = document.querySelector<HTMLElement>('[data-city-map]');
  if (!element) {
    return;
  }
  const panel = document.querySelector<HTMLElement>('[data-grid-details]');
  const city = await createCityMap(element, {
    tileUrl: element.dataset['tileUrl'] || undefined,
    tileAttribution: element.dataset['tileAttribution'] || undefined,
    onGridSelected: (selection) => {
      if (panel) {
        showGrid(panel, selection);
      }
    },
  });

  // Street list entries zoom to their street.
  for (const item of document.querySelectorAll<HTMLElement>('[data-street-code]')) {
    item.addEventListener('click', () => {
      const code = item.dataset['streetCode'];
      city.layers.streets?.eachLayer((layer) => {
        const feature = (layer as L.Polygon).feature as GeoJSON.Feature<GeoJSON.Geometry, { code: string }> | undefined;
        if (feature?.properties.code === code) {
          city.map.flyToBounds((layer as L.Polygon).getBounds(), { padding: [24, 24], duration: 0.6 });
        }
      });
    });
  }

  const scope = element.dataset['liveScope'];
  if (scope) {
    live().subscribe(scope);
  }
}

startShell();
void main();
