/// <reference lib="webworker" />
/**
 * Analysis worker: a thin comlink wrapper over createAnalysisApi(). Results
 * and details go back as transferred ArrayBuffers. Large runs coordinate a
 * pool of geometry sub-workers (phase A) sharing chunk buffers with this one.
 * An engine process: its first statement installs deterministic Math
 * (src/engine/core/det-math/install.ts), as the CLI's main() does, so
 * exported results are the CLI's bytes.
 */
import * as Comlink from 'comlink';
import { installDeterministicMath } from '../src/engine/core/det-math/install';
import { createAnalysisApi, detailTransferables, resultTransferables } from './analysis-api';
import { browserDayPool, browserGeometry } from './geometry-pool';
import { holdLifeLock } from './life-lock';
import type { AnalysisApi, ProgressCallback } from './protocol';

installDeterministicMath();

const impl = createAnalysisApi({ geometry: browserGeometry, lifetimeWorkers: browserDayPool });

const exposed: AnalysisApi = {
  async run(scenarioInput, seq, progress?: ProgressCallback, options?) {
    try {
      const outcome = await impl.run(scenarioInput, seq, progress, options);
      return outcome.kind === 'done' ? Comlink.transfer(outcome, resultTransferables(outcome.result)) : outcome;
    } finally {
      const remote = progress as unknown as Partial<Comlink.Remote<unknown>> | undefined;
      remote?.[Comlink.releaseProxy]?.();
    }
  },
  cancel(seq) {
    impl.cancel(seq);
  },
  async exportRun(scenarioInput, format, progress?, options?) {
    try {
      return await impl.exportRun(scenarioInput, format, progress, options);
    } finally {
      const remote = progress as unknown as Partial<Comlink.Remote<unknown>> | undefined;
      remote?.[Comlink.releaseProxy]?.();
    }
  },
  async detail(seq, index, progress?) {
    try {
      const d = await impl.detail(seq, index, progress);
      return d ? Comlink.transfer(d, detailTransferables(d)) : null;
    } finally {
      const remote = progress as unknown as Partial<Comlink.Remote<unknown>> | undefined;
      remote?.[Comlink.releaseProxy]?.();
    }
  },
  stats() {
    return impl.stats();
  },
  holdLifeLock,
};

Comlink.expose(exposed);
