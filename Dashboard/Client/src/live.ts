// The one SignalR connection of a page (hub: /hubs/live). Owns scopes, sequence numbers, reconnects
// and resyncs; other modules subscribe to topics and get deltas coalesced per animation frame.
//
// Wire contract (the hub implements the server side; docs/live-client.md has the details):
//   client → server  Subscribe(scope: string, lastSeq: number | null) : Catchup
//                    Unsubscribe(scope: string)
//   server → client  "batch" (LiveBatch)
// A scope is a SignalR group name: "district:440604", "street:440604012", "community:440604012001".
// Sequence numbers come from the change log, which is global: a scope sees only some of them, so a
// batch says where the previous batch to that scope ended (`after`) and where it ends (`upTo`).
// A client that has applied everything up to `lastSeq` expects `after === lastSeq`; a larger `after`
// is a gap (something was lost) and triggers a resync; a smaller one is an overlap (duplicates are
// dropped by seq). The Subscribe answer is either the missed deltas or, when the server judges the
// client too far behind (or lastSeq is null), a snapshot; both end at `upTo`.

import {
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type IRetryPolicy,
  type RetryContext,
} from '@microsoft/signalr';
import { createFrameQueue, type FrameQueue } from './frame';
import { t } from './i18n';

export interface LiveDelta {
  /** Position in the change log; strictly increasing within a batch. */
  seq: number;
  /** What changed: "incident", "sensor", "kpi", ... Modules subscribe by topic. */
  topic: string;
  /** e.g. "incident.report", "incident.dispatch" (docs/live-protocol.md). */
  kind?: string;
  entityId?: string;
  /** ISO instant of the change. */
  at?: string;
  /** Critical changes skip the server's coalescing window; the wall follows them on the map. */
  critical?: boolean;
  data: unknown;
}

export interface LiveBatch {
  scope: string;
  /** `upTo` of the previous batch the server sent to this scope (or of the catch-up). */
  after: number;
  upTo: number;
  deltas: LiveDelta[];
}

export type Catchup =
  | { kind: 'deltas'; scope: string; after: number; upTo: number; deltas: LiveDelta[] }
  | { kind: 'snapshot'; scope: string; upTo: number; snapshot: unknown };

export type LiveState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export type DeltaHandler = (deltas: LiveDelta[], scope: string) => void;
export type SnapshotHandler = (snapshot: unknown, scope: string) => void;
export type StateHandler = (state: LiveState) => void;

export interface LiveOptions {
  hubUrl?: string;
  /** Delays (ms) between connection attempts; the last one repeats forever. */
  backoff?: readonly number[];
  /** Element whose `data-state` and text show the connection state (default: `[data-live-status]`). */
  statusElement?: HTMLElement | null;
  /** Test seam: build the connection yourself. */
  connectionFactory?: (hubUrl: string, retryPolicy: IRetryPolicy) => HubConnection;
}

interface ScopeState {
  lastSeq: number | null;
  /** True while a Subscribe call is in flight: batches are parked until the catch-up is applied. */
  syncing: boolean;
  parked: LiveBatch[];
}

interface Queued {
  scope: string;
  delta: LiveDelta;
}

const defaultBackoff = [0, 1000, 2000, 5000, 10000, 30000] as const;

export class LiveClient {
  private readonly hubUrl: string;
  private readonly backoff: readonly number[];
  private readonly connection: HubConnection;
  private readonly scopes = new Map<string, ScopeState>();
  private readonly topicHandlers = new Map<string, Set<DeltaHandler>>();
  private readonly snapshotHandlers = new Set<SnapshotHandler>();
  private readonly stateHandlers = new Set<StateHandler>();
  private readonly queue: FrameQueue<Queued>;
  private readonly statusElement: HTMLElement | null;
  private stateValue: LiveState = 'offline';
  private startAttempt = 0;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(options: LiveOptions = {}) {
    this.hubUrl = options.hubUrl ?? '/hubs/live';
    this.backoff = options.backoff && options.backoff.length > 0 ? options.backoff : defaultBackoff;
    this.statusElement =
      options.statusElement === undefined ? document.querySelector<HTMLElement>('[data-live-status]') : options.statusElement;
    const retryPolicy: IRetryPolicy = {
      // Never give up: a wall display must come back on its own after any outage.
      nextRetryDelayInMilliseconds: (context: RetryContext) => this.delayFor(context.previousRetryCount),
    };
    this.connection = options.connectionFactory
      ? options.connectionFactory(this.hubUrl, retryPolicy)
      : new HubConnectionBuilder()
          .withUrl(this.hubUrl)
          .withAutomaticReconnect(retryPolicy)
          // Connection failures are shown as state; the console would only repeat them.
          .configureLogging(LogLevel.None)
          .build();

    this.connection.on('batch', (batch: LiveBatch) => this.receive(batch));
    // The server dropped batches for this connection (it read too slowly): catch up from lastSeq.
    this.connection.on('resync', ({ scope }: { scope: string }) => void this.sync(scope));
    this.connection.onreconnecting(() => this.setState('reconnecting'));
    this.connection.onreconnected(() => {
      this.setState('online');
      this.resubscribeAll();
    });
    this.connection.onclose(() => {
      if (!this.stopped) {
        this.setState('offline');
        this.scheduleStart();
      }
    });
    this.queue = createFrameQueue((items) => this.dispatch(items));
    this.render();
  }

  get state(): LiveState {
    return this.stateValue;
  }

  /** Last sequence number applied for a scope, or null before the first catch-up. */
  lastSeq(scope: string): number | null {
    return this.scopes.get(scope)?.lastSeq ?? null;
  }

  /** Starts connecting (and keeps retrying with backoff). Safe to call more than once. */
  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.startAttempt = 0;
    this.scheduleStart();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.startTimer);
    await this.connection.stop();
    this.setState('offline');
  }

  /**
   * Follows a scope from `lastSeq` (null: start with a snapshot). Survives reconnects: the client
   * resubscribes with the last applied sequence number.
   */
  subscribe(scope: string, lastSeq: number | null = null): void {
    if (!this.scopes.has(scope)) {
      this.scopes.set(scope, { lastSeq, syncing: false, parked: [] });
    }
    if (this.connection.state === HubConnectionState.Connected) {
      void this.sync(scope);
    }
  }

  async unsubscribe(scope: string): Promise<void> {
    this.scopes.delete(scope);
    if (this.connection.state === HubConnectionState.Connected) {
      await this.connection.invoke('Unsubscribe', scope).catch(() => undefined);
    }
  }

  /** Handler gets every delta of `topic` (all scopes) gathered since the last animation frame. */
  on(topic: string, handler: DeltaHandler): () => void {
    let handlers = this.topicHandlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.topicHandlers.set(topic, handlers);
    }
    handlers.add(handler);
    return () => handlers.delete(handler);
  }

  /**
   * Ephemeral server messages that bypass the change log (a triage room's `presence` and `signal`). The handler runs
   * as soon as the message arrives, not once per frame: a follower's map should move without waiting.
   */
  onMessage(method: string, handler: (message: unknown) => void): () => void {
    const wrapped = (message: unknown): void => this.safely(() => handler(message));
    this.connection.on(method, wrapped);
    return () => this.connection.off(method, wrapped);
  }

  /** Sends a room signal (`present`, `view`) without waiting for an answer; dropped while offline. */
  signal(scope: string, kind: string, data: unknown): void {
    if (this.connection.state === HubConnectionState.Connected) {
      void this.connection.send('Signal', scope, kind, data).catch(() => undefined);
    }
  }

  /** This connection's id on the server (a room's presence names its presenter by it). */
  get connectionId(): string | null {
    return this.connection.connectionId;
  }

  /** Called when a scope was (re)loaded from a snapshot: redraw from it instead of patching. */
  onSnapshot(handler: SnapshotHandler): () => void {
    this.snapshotHandlers.add(handler);
    return () => this.snapshotHandlers.delete(handler);
  }

  onState(handler: StateHandler): () => void {
    this.stateHandlers.add(handler);
    handler(this.stateValue);
    return () => this.stateHandlers.delete(handler);
  }

  /** Entry point for a server batch; public so tests can feed batches without a hub. */
  receive(batch: LiveBatch): void {
    const scope = this.scopes.get(batch.scope);
    if (!scope) {
      return;
    }
    if (scope.syncing || scope.lastSeq === null) {
      scope.parked.push(batch);
      return;
    }
    if (batch.after > scope.lastSeq) {
      // Something between lastSeq and `after` never arrived: ask the server for it.
      scope.parked.push(batch);
      void this.sync(batch.scope);
      return;
    }
    this.apply(batch.scope, scope, batch.deltas, batch.upTo);
  }

  private apply(name: string, scope: ScopeState, deltas: readonly LiveDelta[], upTo: number): void {
    const from = scope.lastSeq ?? Number.NEGATIVE_INFINITY;
    for (const delta of deltas) {
      if (delta.seq > from) {
        this.queue.push({ scope: name, delta });
      }
    }
    scope.lastSeq = Math.max(from, upTo);
  }

  private async sync(name: string): Promise<void> {
    const scope = this.scopes.get(name);
    if (!scope || scope.syncing) {
      return;
    }
    scope.syncing = true;
    try {
      const catchup = await this.connection.invoke<Catchup>('Subscribe', name, scope.lastSeq);
      if (this.scopes.get(name) !== scope) {
        return;
      }
      if (catchup.kind === 'snapshot') {
        // Deltas queued before the snapshot are superseded by it.
        this.queue.flushNow();
        scope.lastSeq = catchup.upTo;
        for (const handler of this.snapshotHandlers) {
          this.safely(() => handler(catchup.snapshot, name));
        }
      } else {
        this.apply(name, scope, catchup.deltas, catchup.upTo);
      }
      scope.syncing = false;
      this.drainParked(name, scope);
    } catch {
      // The connection dropped mid-call; onreconnected/onclose will resubscribe.
      scope.syncing = false;
    }
  }

  private drainParked(name: string, scope: ScopeState): void {
    const parked = scope.parked.sort((a, b) => a.after - b.after);
    scope.parked = [];
    for (const batch of parked) {
      if (batch.upTo <= (scope.lastSeq ?? Number.NEGATIVE_INFINITY)) {
        continue;
      }
      this.receive({ ...batch, scope: name });
      if (scope.syncing) {
        // A gap remains after the catch-up; receive() parked this batch and started a new sync.
        const rest = parked.slice(parked.indexOf(batch) + 1);
        scope.parked.push(...rest);
        return;
      }
    }
  }

  private dispatch(items: Queued[]): void {
    const byTopic = new Map<string, Map<string, LiveDelta[]>>();
    for (const { scope, delta } of items) {
      let scopes = byTopic.get(delta.topic);
      if (!scopes) {
        scopes = new Map();
        byTopic.set(delta.topic, scopes);
      }
      const list = scopes.get(scope);
      if (list) {
        list.push(delta);
      } else {
        scopes.set(scope, [delta]);
      }
    }
    for (const [topic, scopes] of byTopic) {
      const handlers = this.topicHandlers.get(topic);
      if (!handlers) {
        continue;
      }
      for (const [scope, deltas] of scopes) {
        for (const handler of handlers) {
          this.safely(() => handler(deltas, scope));
        }
      }
    }
  }

  private resubscribeAll(): void {
    for (const [name, scope] of this.scopes) {
      scope.syncing = false;
      void this.sync(name);
    }
  }

  private scheduleStart(): void {
    clearTimeout(this.startTimer);
    const delay = this.delayFor(this.startAttempt);
    this.setState(this.startAttempt === 0 ? 'connecting' : 'offline');
    this.startTimer = setTimeout(() => void this.tryStart(), delay ?? 30000);
  }

  private async tryStart(): Promise<void> {
    if (this.stopped || this.connection.state !== HubConnectionState.Disconnected) {
      return;
    }
    try {
      await this.connection.start();
      this.startAttempt = 0;
      this.setState('online');
      this.resubscribeAll();
    } catch {
      // No hub yet (404), server down, or network gone: stay "offline" and try again later.
      this.startAttempt++;
      if (!this.stopped) {
        this.scheduleStart();
      }
    }
  }

  private delayFor(attempt: number): number {
    const index = Math.min(attempt, this.backoff.length - 1);
    const base = this.backoff[index] ?? 30000;
    // Jitter keeps a hall full of screens from reconnecting in lockstep after a restart.
    return base === 0 ? 0 : Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private setState(state: LiveState): void {
    if (state === this.stateValue) {
      return;
    }
    this.stateValue = state;
    this.render();
    for (const handler of this.stateHandlers) {
      this.safely(() => handler(state));
    }
  }

  private render(): void {
    if (this.statusElement) {
      this.statusElement.dataset['state'] = this.stateValue;
      this.statusElement.textContent = t(`live.${this.stateValue}`);
    }
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      console.error('live handler failed', error);
    }
  }
}

let shared: LiveClient | undefined;

/** The page's single live connection, created and started on first use. */
export function live(options?: LiveOptions): LiveClient {
  if (!shared) {
    shared = new LiveClient(options);
    shared.start();
  }
  return shared;
}
