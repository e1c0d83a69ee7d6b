// DevTools-protocol access to a page's dedicated workers (their heap, their
// objects) for browser tests and the soak script. Playwright gives CDP
// sessions for pages only, so this attaches to the page's worker targets in
// the protocol's non-flat mode and talks to each through
// Target.sendMessageToTarget / Target.receivedMessageFromTarget.
import type { CDPSession, Page } from 'playwright-core';

export interface WorkerTarget {
  sessionId: string;
  /** The worker's name (new Worker(url, { name })): e.g. "analysis-1", "live". */
  name: string;
  url: string;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

interface Incoming {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
}

export class WorkerSessions {
  private readonly targets = new Map<string, WorkerTarget>();
  private readonly pending = new Map<string, Map<number, Pending>>();
  private readonly chunks = new Map<string, string[]>();
  private nextId = 1;

  private constructor(readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      const info = e.targetInfo;
      if (info.type !== 'worker') return;
      this.targets.set(e.sessionId, { sessionId: e.sessionId, name: info.title, url: info.url });
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      this.targets.delete(e.sessionId);
      for (const p of this.pending.get(e.sessionId)?.values() ?? []) p.reject(new Error('worker detached'));
      this.pending.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as Incoming;
      if (m.id !== undefined) {
        const p = this.pending.get(e.sessionId)?.get(m.id);
        if (!p) return;
        this.pending.get(e.sessionId)!.delete(m.id);
        if (m.error) p.reject(new Error(m.error.message));
        else p.resolve(m.result);
      } else if (m.method === 'HeapProfiler.addHeapSnapshotChunk') {
        this.chunks.get(e.sessionId)?.push(String(m.params?.chunk ?? ''));
      }
    });
  }

  /** Attaches to the page's current and future dedicated workers. */
  static async attach(page: Page): Promise<WorkerSessions> {
    const cdp = await page.context().newCDPSession(page);
    const s = new WorkerSessions(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return s;
  }

  /** Workers attached now (stopped ones drop out). */
  list(): WorkerTarget[] {
    return [...this.targets.values()];
  }

  /** Waits until a worker named `name` is attached (e.g. one the page has just started). */
  async waitFor(name: string, timeoutMs = 30_000): Promise<WorkerTarget> {
    const t0 = Date.now();
    for (;;) {
      const w = this.list().find((x) => x.name === name);
      if (w) return w;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no worker named ${name}; attached: ${this.list().map((x) => x.name).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  send<T = unknown>(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    let forSession = this.pending.get(sessionId);
    if (!forSession) this.pending.set(sessionId, (forSession = new Map()));
    const reply = new Promise<T>((resolve, reject) => forSession!.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: Error) => {
      forSession!.get(id)?.reject(e);
      forSession!.delete(id);
    });
    return reply;
  }

  /** The worker's JS heap in use after a full garbage collection (bytes). */
  async heapUsedAfterGc(sessionId: string): Promise<number> {
    await this.send(sessionId, 'HeapProfiler.collectGarbage');
    const u = await this.send<{ usedSize: number }>(sessionId, 'Runtime.getHeapUsage');
    return u.usedSize;
  }

  /**
   * Objects in the worker's heap by constructor name, for the names asked
   * for (a heap snapshot, which collects garbage first). See heapObjects().
   */
  async countObjects(sessionId: string, names: readonly string[]): Promise<Record<string, ObjectCount>> {
    this.chunks.set(sessionId, []);
    await this.send(sessionId, 'HeapProfiler.enable');
    await this.send(sessionId, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const text = this.chunks.get(sessionId)!.join('');
    this.chunks.delete(sessionId);
    await this.send(sessionId, 'HeapProfiler.disable');
    return heapObjects(text, names);
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface ObjectCount {
  /** Objects reachable (a disposed one may stay reachable for a while, e.g. from a suspended async function). */
  objects: number;
  /** Of those, objects whose `disposed` property is false (our propagators' own flag). */
  undisposed: number;
}

/** Counts the `object` nodes of a V8 heap snapshot by constructor name, and those with `disposed: false`. */
export function heapObjects(snapshotJson: string, names: readonly string[]): Record<string, ObjectCount> {
  const s = JSON.parse(snapshotJson) as HeapSnapshot;
  const meta = s.snapshot.meta;
  const stride = meta.node_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const objectType = meta.node_types[0].indexOf('object');
  const edgeStride = meta.edge_fields.length;
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const edgeToAt = meta.edge_fields.indexOf('to_node');
  const propertyEdge = meta.edge_types[0].indexOf('property');
  const out: Record<string, ObjectCount> = Object.fromEntries(names.map((n) => [n, { objects: 0, undisposed: 0 }]));
  let edge = 0;
  for (let i = 0; i < s.nodes.length; i += stride) {
    const edges = s.nodes[i + edgeCountAt];
    const name = s.strings[s.nodes[i + nameAt]];
    const c = s.nodes[i + typeAt] === objectType ? out[name] : undefined;
    if (c && Object.hasOwn(out, name)) {
      c.objects++;
      for (let e = edge; e < edge + edges * edgeStride; e += edgeStride) {
        if (s.edges[e + edgeTypeAt] !== propertyEdge || s.strings[s.edges[e + edgeNameAt]] !== 'disposed') continue;
        if (s.strings[s.nodes[s.edges[e + edgeToAt] + nameAt]] === 'false') c.undisposed++;
      }
    }
    edge += edges * edgeStride;
  }
  return out;
}
