// The browser geometry pool's endpoints: one finish at a time, each worker ended once its result is in.
import { describe, expect, it } from 'vitest';
import { FinishGate, gatedEndpoint, type WorkerLike } from '../../workers/geometry-pool';
import type { GeometryReply, GeometryRequest } from '../../src/engine/run/geometry-host';

function fakeWorker(log: string[], name: string) {
  const w: WorkerLike & { reply(r: GeometryReply): void; fail(m: string): void; terminated: boolean } = {
    onmessage: null,
    onerror: null,
    terminated: false,
    postMessage(m: GeometryRequest) {
      log.push(`${name}:${m.type}`);
    },
    terminate() {
      w.terminated = true;
      log.push(`${name}:terminate`);
    },
    reply(r) {
      w.onmessage?.({ data: r } as MessageEvent<GeometryReply>);
    },
    fail(m) {
      w.onerror?.({ message: m } as ErrorEvent);
    },
  };
  return w;
}

const finished = { type: 'finished', result: {} } as unknown as GeometryReply;

describe('browser geometry pool endpoints', () => {
  it('let one finish through at a time and end each worker when its result arrives', () => {
    const log: string[] = [];
    const gate = new FinishGate();
    const wa = fakeWorker(log, 'a');
    const wb = fakeWorker(log, 'b');
    const replies: string[] = [];
    const a = gatedEndpoint(wa, gate);
    const b = gatedEndpoint(wb, gate);
    for (const [e, n] of [[a, 'a'], [b, 'b']] as const) e.listen((r) => replies.push(`${n}:${r.type}`), () => replies.push(`${n}:fatal`));
    a.post({ type: 'compute', id: 0, n0: 0, steps: 1 });
    b.post({ type: 'compute', id: 0, n0: 0, steps: 1 });
    wa.reply({ type: 'ok' });
    wb.reply({ type: 'ok' });
    a.post({ type: 'finish' });
    b.post({ type: 'finish' });
    expect(log).toEqual(['a:compute', 'b:compute', 'a:finish']);
    wa.reply(finished);
    expect(wa.terminated).toBe(true);
    expect(log.slice(3)).toEqual(['a:terminate', 'b:finish']);
    wb.reply(finished);
    expect(replies).toEqual(['a:ok', 'b:ok', 'a:finished', 'b:finished']);
    // Terminating again (the pool's dispose) is harmless.
    a.terminate();
    b.terminate();
    expect(log.filter((l) => l.endsWith('terminate'))).toEqual(['a:terminate', 'b:terminate']);
  });

  it('a worker failing during its finish lets the next one through', () => {
    const log: string[] = [];
    const gate = new FinishGate();
    const wa = fakeWorker(log, 'a');
    const wb = fakeWorker(log, 'b');
    const fatal: string[] = [];
    const a = gatedEndpoint(wa, gate);
    const b = gatedEndpoint(wb, gate);
    a.listen(() => {}, (e) => fatal.push(e.message));
    b.listen(() => {}, (e) => fatal.push(e.message));
    a.post({ type: 'finish' });
    b.post({ type: 'finish' });
    expect(log).toEqual(['a:finish']);
    wa.fail('out of memory');
    expect(fatal).toEqual(['geometry worker failed: out of memory']);
    expect(log).toEqual(['a:finish', 'b:finish']);
  });
});
