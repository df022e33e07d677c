// "Drive the wall": a director's laptop sends a view (an incident, a street, or the map's centre and zoom) to the
// walls of a scope through /hubs/wall; the server checks it lies in the director's scope and writes it to the change
// log, whose `wall` delta reaches every wall of that scope through the live hub. The wall flies there and says who
// sent it.

import { HubConnectionBuilder, type HubConnection } from '@microsoft/signalr';
import type * as L from 'leaflet';
import type { LiveDelta } from '../live';
import type { CityMap } from '../map';
import type { WallViewCommand } from './model';
import { wallText } from './text';

export interface WallViewRequest {
  target: string;
  lon?: number;
  lat?: number;
  zoom?: number;
  street?: string;
  incident?: string;
}

let connection: HubConnection | undefined;

/** Sends a view; resolves with the command the walls receive, rejects with the server's reason when refused. */
export async function driveWall(view: WallViewRequest): Promise<WallViewCommand> {
  if (!connection) {
    connection = new HubConnectionBuilder().withUrl('/hubs/wall').withAutomaticReconnect().build();
  }
  if (connection.state === 'Disconnected') {
    await connection.start();
  }
  return connection.invoke<WallViewCommand>('DriveWall', view);
}

/** The hub's refusal message without SignalR's "An unexpected error occurred invoking…" wrapping. */
export function refusalText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const marker = 'HubException: ';
  return text.includes(marker) ? text.slice(text.indexOf(marker) + marker.length) : text;
}

export interface DrivenWall {
  apply(deltas: readonly LiveDelta[]): void;
  /** True for a while after a view arrived: rotation and follow-critical leave the map alone meanwhile. */
  readonly holding: boolean;
}

export function createDrivenWall(
  root: HTMLElement,
  scope: string,
  city: CityMap,
  streetBounds: (code: string) => L.LatLngBounds | undefined,
  badge: HTMLElement | null,
  holdMs = 60_000,
): DrivenWall {
  let until = 0;
  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    apply(deltas) {
      const command = [...deltas].reverse().map((d) => d.data as WallViewCommand | null).find((c) => c?.target === scope);
      if (!command) {
        return;
      }
      if (command.incident && command.lat !== null && command.lon !== null) {
        city.map.flyTo([command.lat, command.lon], command.zoom ?? 16, { duration: 1 });
      } else if (command.lat !== null && command.lon !== null) {
        city.map.flyTo([command.lat, command.lon], command.zoom ?? city.map.getZoom(), { duration: 1 });
      } else if (command.street) {
        const bounds = streetBounds(command.street);
        if (bounds) {
          city.map.flyToBounds(bounds, { padding: [24, 24], duration: 1 });
        }
      }
      until = Date.now() + holdMs;
      root.dataset['drivenBy'] = command.byName;
      root.dataset['drivenStreet'] = command.street ?? '';
      root.dataset['drivenIncident'] = command.incident ?? '';
      if (badge) {
        badge.textContent = wallText('Wall.DrivenBy', '{0}').replace('{0}', command.byName);
        badge.hidden = false;
        clearTimeout(badgeTimer);
        badgeTimer = setTimeout(() => (badge.hidden = true), holdMs);
      }
    },
    get holding() {
      return Date.now() < until;
    },
  };
}
