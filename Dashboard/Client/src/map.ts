// The district map: Leaflet on a canvas renderer, with the city's own boundaries as the basemap
// (no tile server is reachable from a command hall's network by default). A tile layer is added
// only when the page supplies a URL in `data-tile-url`.

import type * as GeoJSON from 'geojson';
import * as L from 'leaflet';
import { createFrameQueue } from './frame';
import { localName, t } from './i18n';

export type CityLayerName = 'district' | 'streets' | 'communities' | 'grids';

/** Properties the map reads from `/api/city/*.geojson` features. Extra properties are kept. */
export interface CityFeatureProperties {
  code: string;
  name: string;
  nameEn?: string;
  streetCode?: string;
  communityCode?: string;
  [key: string]: unknown;
}

type CityFeature = GeoJSON.Feature<GeoJSON.Geometry, CityFeatureProperties>;

export interface GridSelection {
  grid: CityFeatureProperties;
  community: CityFeatureProperties | undefined;
  street: CityFeatureProperties | undefined;
}

export interface CityMapOptions {
  /** Base URL of the city GeoJSON endpoints (default `/api/city`). */
  apiBase?: string;
  layers?: readonly CityLayerName[];
  /** Raster tiles under the boundaries, e.g. an intranet tile server. Default: none. */
  tileUrl?: string | undefined;
  tileAttribution?: string | undefined;
  onGridSelected?: (selection: GridSelection) => void;
  /** Keep this area in view instead of the whole district (e.g. one case and its surroundings). */
  focus?: L.LatLngBoundsExpression;
  /** Refit the whole district when the map resizes before anyone moved it (default true). A triage room
   *  sets its own view and keeps it. */
  fitDistrictOnResize?: boolean;
}

export interface GridStyle {
  fillColor?: string;
  fillOpacity?: number;
  color?: string;
  weight?: number;
}

export interface CityMap {
  readonly map: L.Map;
  readonly layers: Readonly<Partial<Record<CityLayerName, L.GeoJSON>>>;
  readonly gridCount: number;
  /** Restyles grids by code; calls made within one frame are applied together. */
  styleGrids(styles: ReadonlyMap<string, GridStyle>): void;
  selectGrid(code: string): GridSelection | undefined;
  fitDistrict(): void;
}

/** Dark palette shared with the CSS (site.css custom properties). */
export const mapColors = {
  background: '#0b1220',
  district: '#5eead4',
  street: '#38bdf8',
  streetFill: ['#0e7490', '#1d4ed8', '#7c3aed', '#b45309'],
  community: '#64748b',
  grid: '#334155',
  selected: '#facc15',
} as const;

const defaultLayers: readonly CityLayerName[] = ['district', 'streets', 'communities', 'grids'];

const layerFiles: Record<CityLayerName, string> = {
  district: 'district.geojson',
  streets: 'streets.geojson',
  communities: 'communities.geojson',
  grids: 'grids.geojson',
};

async function fetchLayer(apiBase: string, name: CityLayerName): Promise<GeoJSON.FeatureCollection<GeoJSON.Geometry, CityFeatureProperties>> {
  const response = await fetch(`${apiBase}/${layerFiles[name]}`, { headers: { Accept: 'application/geo+json' } });
  if (!response.ok) {
    throw new Error(`${layerFiles[name]}: HTTP ${response.status}`);
  }
  return (await response.json()) as GeoJSON.FeatureCollection<GeoJSON.Geometry, CityFeatureProperties>;
}

function streetCodeOf(props: CityFeatureProperties): string {
  // Grid codes are 6 district + 3 street + 3 community + 3 grid digits (DOMAIN.md §1b).
  return props.streetCode ?? props.code.slice(0, 9);
}

function communityCodeOf(props: CityFeatureProperties): string {
  return props.communityCode ?? props.code.slice(0, 12);
}

/**
 * Builds the map inside `element` and loads the boundary layers. Resolves when all layers are drawn;
 * the element then carries `data-map-ready="true"` and `data-grid-count` (for tests and the wall).
 */
export async function createCityMap(element: HTMLElement, options: CityMapOptions = {}): Promise<CityMap> {
  const apiBase = options.apiBase ?? '/api/city';
  const wanted = options.layers ?? defaultLayers;
  const renderer = L.canvas({ padding: 0.2, tolerance: 2 });
  const map = L.map(element, {
    renderer,
    preferCanvas: true,
    zoomControl: true,
    attributionControl: Boolean(options.tileUrl),
    zoomSnap: 0.25,
    minZoom: 9,
    maxZoom: 19,
  });
  element.dataset['mapReady'] = 'false';
  element.setAttribute('aria-busy', 'true');
  map.setView([23.02, 113.1], 12);

  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution ?? '', maxZoom: 19 }).addTo(map);
  }

  const results = await Promise.allSettled(wanted.map((name) => fetchLayer(apiBase, name)));
  const data = new Map<CityLayerName, GeoJSON.FeatureCollection<GeoJSON.Geometry, CityFeatureProperties>>();
  wanted.forEach((name, i) => {
    const result = results[i];
    if (result?.status === 'fulfilled') {
      data.set(name, result.value);
    } else {
      console.error(`city layer ${name} failed`, result?.reason);
    }
  });
  if (data.size < wanted.length) {
    element.dataset['mapError'] = t('map.loadFailed');
  }

  const streetIndex = new Map<string, number>();
  const streets = new Map<string, CityFeatureProperties>();
  const communities = new Map<string, CityFeatureProperties>();
  for (const f of data.get('streets')?.features ?? []) {
    streetIndex.set(f.properties.code, streetIndex.size);
    streets.set(f.properties.code, f.properties);
  }
  for (const f of data.get('communities')?.features ?? []) {
    communities.set(f.properties.code, f.properties);
  }

  const streetFill = (code: string): string =>
    mapColors.streetFill[(streetIndex.get(code) ?? 0) % mapColors.streetFill.length] ?? mapColors.street;

  // Strokes are in CSS pixels: on a 4K wall at scale 1 the outlines would be hairlines across the hall.
  const stroke = Math.min(3, Math.max(1, window.innerWidth / 1600));
  const layers: Partial<Record<CityLayerName, L.GeoJSON>> = {};
  const gridLayers = new Map<string, L.Path>();
  let selected: L.Path | undefined;
  const gridBaseStyle = (props: CityFeatureProperties): L.PathOptions => ({
    renderer,
    color: mapColors.grid,
    weight: 0.6 * stroke,
    opacity: 0.9,
    fillColor: streetFill(streetCodeOf(props)),
    fillOpacity: 0.18,
  });
  const selection = (props: CityFeatureProperties): GridSelection => ({
    grid: props,
    community: communities.get(communityCodeOf(props)),
    street: streets.get(streetCodeOf(props)),
  });
  const highlight = (layer: L.Path | undefined): void => {
    if (selected && selected !== layer) {
      const props = (selected as L.Path & { feature?: CityFeature }).feature?.properties;
      if (props) {
        selected.setStyle(gridBaseStyle(props));
      }
    }
    selected = layer;
    layer?.setStyle({ color: mapColors.selected, weight: 2.5 * stroke, fillOpacity: 0.35 });
    layer?.bringToFront();
  };

  // Order matters: grids are drawn first so that street and district outlines stay visible above
  // them, but only grids take clicks (the outlines are not interactive).
  const grids = data.get('grids');
  if (grids) {
    layers.grids = L.geoJSON(grids, {
      style: (feature) => gridBaseStyle((feature as CityFeature).properties),
      onEachFeature: (feature: CityFeature, layer) => {
        const path = layer as L.Path;
        gridLayers.set(feature.properties.code, path);
        path.bindTooltip(() => `${feature.properties.code} ${localName(feature.properties)}`, { sticky: true, direction: 'top' });
        path.on('click', () => {
          highlight(path);
          options.onGridSelected?.(selection(feature.properties));
        });
      },
    }).addTo(map);
  }
  const communitiesData = data.get('communities');
  if (communitiesData) {
    layers.communities = L.geoJSON(communitiesData, {
      interactive: false,
      style: { renderer, color: mapColors.community, weight: 1 * stroke, opacity: 0.9, fill: false },
    }).addTo(map);
  }
  const streetsData = data.get('streets');
  if (streetsData) {
    layers.streets = L.geoJSON(streetsData, {
      interactive: false,
      style: { renderer, color: mapColors.street, weight: 2 * stroke, opacity: 0.95, fill: false },
    }).addTo(map);
  }
  const districtData = data.get('district');
  if (districtData) {
    layers.district = L.geoJSON(districtData, {
      interactive: false,
      style: { renderer, color: mapColors.district, weight: 3 * stroke, opacity: 1, fill: false },
    }).addTo(map);
  }

  const outline = layers.district ?? layers.streets ?? layers.grids;
  const fitDistrict = (): void => {
    if (options.focus) {
      map.fitBounds(options.focus, { padding: [16, 16], maxZoom: 16, animate: false });
      return;
    }
    const bounds = outline?.getBounds();
    if (bounds?.isValid()) {
      // Not animated: a page that sets its own view right after (a triage room) must not be overridden when the
      // animation ends.
      map.fitBounds(bounds, { padding: [16, 16], animate: false });
    }
  };
  fitDistrict();
  // The container may change size after load (fonts, side panel, a wall switching resolution). Until a
  // person zooms or pans, keep the whole district filling the map; afterwards keep their view.
  let viewChosenByUser = false;
  for (const type of ['pointerdown', 'wheel', 'keydown'] as const) {
    element.addEventListener(type, () => (viewChosenByUser = true), { passive: true });
  }
  new ResizeObserver(() => {
    // A map that keeps its own view (a triage room) keeps its centre through a resize, so every screen in the
    // room shows the same place whatever its size; the district map keeps its top-left corner as before.
    map.invalidateSize({ pan: options.fitDistrictOnResize === false });
    if (!viewChosenByUser && options.fitDistrictOnResize !== false) {
      fitDistrict();
    }
  }).observe(element);

  const styleQueue = createFrameQueue<[string, GridStyle]>((items) => {
    for (const [code, style] of items) {
      const layer = gridLayers.get(code);
      if (layer && layer !== selected) {
        layer.setStyle(style);
      }
    }
  });

  element.dataset['gridCount'] = String(gridLayers.size);
  element.dataset['mapReady'] = 'true';
  element.removeAttribute('aria-busy');

  return {
    map,
    layers,
    gridCount: gridLayers.size,
    styleGrids: (styles) => styleQueue.pushMany(styles.entries()),
    selectGrid: (code) => {
      const layer = gridLayers.get(code) as (L.Path & { feature?: CityFeature }) | undefined;
      const props = layer?.feature?.properties;
      if (!layer || !props) {
        return undefined;
      }
      highlight(layer);
      const result = selection(props);
      options.onGridSelected?.(result);
      return result;
    },
    fitDistrict,
  };
}
