/// <reference lib="webworker" />
/**
 * Analysis worker: a thin comlink wrapper over createAnalysisApi(). Results
 * and details go back as transferred ArrayBuffers.
 */
import * as Comlink from 'comlink';
import { createAnalysisApi, detailTransferables, resultTransferables } from './analysis-api';
import type { AnalysisApi, ProgressCallback } from './protocol';

const impl = createAnalysisApi();

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
  async exportRun(scenarioInput, format, progress?) {
    try {
      return await impl.exportRun(scenarioInput, format, progress);
    } finally {
      const remote = progress as unknown as Partial<Comlink.Remote<unknown>> | undefined;
      remote?.[Comlink.releaseProxy]?.();
    }
  },
  async detail(seq, index) {
    const d = await impl.detail(seq, index);
    return d ? Comlink.transfer(d, detailTransferables(d)) : null;
  },
};

Comlink.expose(exposed);
