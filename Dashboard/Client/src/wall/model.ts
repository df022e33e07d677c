// The wall's data as /api/wall/snapshot serves it (Dashboard/Wall/WallSnapshot.cs) and the incident
// delta's data (Dashboard.Core/Storage/ChangeLog/IncidentChangeLog.cs).

import type { LiveDelta } from '../live';

export interface WallIncident {
  number: string;
  title: string;
  severity: number;
  status: string;
  lon: number;
  lat: number;
  grid: string | null;
  street: string | null;
  source: string;
  department: string | null;
  reported: string;
  due: string | null;
}

export interface WallKpis {
  found: number;
  handledOnTheSpot: number;
  dispatched: number;
  closed: number;
  overdue: number;
  open: number;
  closureRate: number | null;
  medianMinutesToClose: number | null;
  sensorsInAlarm: number;
  camerasOnline: number;
  cameras: number;
}

export interface NamedCount {
  code: string;
  name: string;
  count: number;
}

/** One grid cell's choropleth counts (Dashboard/Wall/WallSnapshot.cs WallAreaCount). */
export interface WallArea {
  grid: string;
  open: number;
  overdue: number;
  recurring: number;
}

export interface WallStats {
  head: number;
  areas: WallArea[];
  kpis: WallKpis;
  perHour: { hour: string; label: string; count: number }[];
  byCategory: NamedCount[];
  byStreet: NamedCount[];
  sla: { code: string; name: string; clocks: number; kept: number; compliance: number }[];
  dispatch: { code: string; name: string; waiting: number; inProgress: number; overdue: number }[];
  sensorAlarms: {
    deviceId: string;
    deviceName: string;
    kind: string;
    alarmKey: string;
    alarmName: string;
    incidentNumber: string | null;
    since: string | null;
    lon: number | null;
    lat: number | null;
    grid: string | null;
  }[];
}

export interface WallSnapshot {
  scope: string;
  head: number;
  generatedAt: string;
  stats: WallStats;
  incidents: WallIncident[];
  incidentsTruncated: boolean;
  ticker: WallIncident[];
  /** Set when this is a replay of the past (time machine), not the live state. */
  replayAt?: string | null;
}

/** A grid worker's patrol of the day (Dashboard/Wall/WallFieldQuery.cs). */
export interface WallWorker {
  id: string;
  lon: number;
  lat: number;
  lastSeen: string;
  onDuty: boolean;
  track: [number, number][];
}

export interface WallCamera {
  id: string;
  name: string;
  lon: number;
  lat: number;
  online: boolean;
}

export interface WallField {
  head: number;
  workers: WallWorker[];
  cameras: WallCamera[];
}

/** A view a director sent to this wall (Dashboard/Wall/WallDriver.cs WallViewCommand). */
export interface WallViewCommand {
  target: string;
  lon: number | null;
  lat: number | null;
  zoom: number | null;
  street: string | null;
  incident: string | null;
  by: string;
  byName: string;
}

/** An incident change as the wall applies it. */
export interface IncidentChange {
  seq: number;
  action: string;
  critical: boolean;
  incident: WallIncident;
}

const closedStatuses = new Set(['Closed', 'Merged', 'Rejected']);

export function isOpen(status: string): boolean {
  return !closedStatuses.has(status);
}

interface IncidentDeltaData {
  number: string;
  action: string;
  status: string;
  title: string;
  severity: number;
  lon: number;
  lat: number;
  grid?: string | null;
  street?: string | null;
  community?: string | null;
  source?: string;
  department?: string | null;
  reported?: string;
  due?: string | null;
}

/**
 * The incident changes of a batch that belong to `scope`. District-wide facts (no street) reach street
 * subscribers too; a street or community wall shows only its own area, like its snapshot.
 */
export function incidentChanges(deltas: readonly LiveDelta[], scope: string): IncidentChange[] {
  const [kind, code] = scope.split(':');
  const changes: IncidentChange[] = [];
  for (const delta of deltas) {
    const d = delta.data as IncidentDeltaData | null;
    if (!d || typeof d !== 'object' || typeof d.number !== 'string') {
      continue;
    }
    if (kind === 'street' && d.street !== code) {
      continue;
    }
    if (kind === 'community' && d.community !== code) {
      continue;
    }
    changes.push({
      seq: delta.seq,
      action: d.action,
      critical: delta.critical === true,
      incident: {
        number: d.number,
        title: d.title,
        severity: d.severity,
        status: d.status,
        lon: d.lon,
        lat: d.lat,
        grid: d.grid ?? null,
        street: d.street ?? null,
        source: d.source ?? '',
        department: d.department ?? null,
        reported: d.reported ?? delta.at ?? new Date().toISOString(),
        due: d.due ?? null,
      },
    });
  }
  return changes;
}
