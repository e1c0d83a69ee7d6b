/// <reference lib="webworker" />
/**
 * Element-set import worker: a thin comlink wrapper over createImportApi().
 * Epochs go back as a transferred buffer.
 */
import * as Comlink from 'comlink';
import { createImportApi, importTransferables, type ImportApi } from './import-api';

const impl = createImportApi();

const exposed: ImportApi = {
  async parse(text, format, progress?) {
    try {
      const o = await impl.parse(text, format, progress);
      return Comlink.transfer(o, importTransferables(o));
    } finally {
      const remote = progress as unknown as Partial<Comlink.Remote<unknown>> | undefined;
      remote?.[Comlink.releaseProxy]?.();
    }
  },
  inputHash: (scenario) => impl.inputHash(scenario),
};

Comlink.expose(exposed);
