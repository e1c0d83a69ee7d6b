/**
 * A sweep's result store on disk (run list and results: engine
 * output/run-list.ts). A store is a directory
 *
 *   runs.json            the run list (format ocs-sweep-runs/1: list hash,
 *                        fields, shard i/N or null, one {id, values} per run)
 *   results/<id>.json    one per finished run (ocs-sweep-result/1): KPIs, or
 *                        "failed" with the message
 *
 * Every file is written to a unique temporary name in its directory and
 * renamed (atomic on POSIX file systems, NFS included): a killed process
 * leaves complete files or a stray `.*.tmp`, never a partial result, and
 * processes on several machines may write to one store. A result is keyed by
 * run id, so runs that normalise to one scenario share it, and a result is
 * valid for any list that holds its id.
 *
 * The local sweep's store is `<out.csv>.runs/`; a shard's is its `--out`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isRunId, parseRunListJson, parseRunResult, runResultJson, type RunList, type RunResult, type Shard } from '../engine/output/run-list';

export const RUNS_FILE = 'runs.json';
export const RESULTS_DIR = 'results';
/** Temporary files of writeFileAtomic (left behind by a process killed mid-write). */
const TMP_RE = /^\..+\.tmp$/;

/** The store is unusable (not a store, damaged run list): an input problem. */
export class StoreError extends Error {}

/** Store directory of a local sweep writing `csvPath`. */
export function storeDirFor(csvPath: string): string {
  return `${csvPath}.runs`;
}

/** Writes `text` to `path` through a temporary file in the same directory and a rename. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // The temporary file was never made or is already renamed.
    }
    throw e;
  }
}

function resultPath(dir: string, id: string): string {
  return join(dir, RESULTS_DIR, `${id}.json`);
}

/**
 * Makes `dir` a store holding `list` and writes its runs.json. A fresh start
 * (resume false) removes the stored results of the runs `fresh` (the runs
 * this process is to run: a shard clears only its own, so shards may share
 * a store); with resume they are kept (results are keyed by run id, so a
 * changed list keeps those of its unchanged runs). `dir` must be absent,
 * empty or a store: nothing else is ever deleted. Returns notes for the user.
 */
export async function prepareStore(dir: string, list: RunList, listText: string, resume: boolean, fresh: readonly string[]): Promise<string[]> {
  const notes: string[] = [];
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new StoreError(`${dir} exists and is not a sweep store (a directory)`);
    const entries = readdirSync(dir);
    if (entries.length > 0) {
      // A store cut short before its first runs.json (results/ and temporary files only) is still one.
      const ours = (names: string[], allowed: (n: string) => boolean) => names.every((n) => allowed(n) || TMP_RE.test(n));
      const results = join(dir, RESULTS_DIR);
      const cutShort =
        ours(entries, (n) => n === RESULTS_DIR) && (!existsSync(results) || (statSync(results).isDirectory() && ours(readdirSync(results), (n) => /\.json$/.test(n) && isRunId(n.slice(0, -5)))));
      if (!entries.includes(RUNS_FILE) && !cutShort) throw new StoreError(`${dir} is not empty and holds no ${RUNS_FILE}: not a sweep store, not touched`);
      if (resume && entries.includes(RUNS_FILE)) {
        const old = await parseRunListJson(readFileSync(join(dir, RUNS_FILE), 'utf8'));
        if (!old.ok) notes.push(`${join(dir, RUNS_FILE)}: ${old.message}; written again`);
        else if (old.list.hash !== list.hash) notes.push(`${dir}: the run list changed since the store was written; results of runs in both lists are kept`);
      } else if (!resume) {
        for (const id of fresh) rmSync(resultPath(dir, id), { force: true });
      }
    }
  }
  mkdirSync(join(dir, RESULTS_DIR), { recursive: true });
  writeFileAtomic(join(dir, RUNS_FILE), listText);
  return notes;
}

export function writeRunResult(dir: string, result: RunResult): void {
  writeFileAtomic(resultPath(dir, result.id), runResultJson(result));
}

/** Ids of the results present in a store (one directory listing; damaged files included). */
export function storedIds(dir: string): Set<string> {
  const results = join(dir, RESULTS_DIR);
  if (!existsSync(results)) return new Set();
  return new Set(readdirSync(results).flatMap((f) => (/\.json$/.test(f) && isRunId(f.slice(0, -5)) ? [f.slice(0, -5)] : [])));
}

/** A stored result of run `id`: absent → {}; unreadable or damaged → a warning and no result. */
export function readRunResult(dir: string, id: string): { result?: RunResult; warning?: string } {
  const path = resultPath(dir, id);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { warning: `${path}: unreadable (${(e as Error).message})` };
  }
  const r = parseRunResult(text, id);
  return r.ok ? { result: r.result } : { warning: `${path}: damaged result (${r.message})` };
}

/**
 * The store at `path`: `path` itself when it holds runs.json, else
 * `<path>.runs` (a local sweep's CSV names its store). Throws StoreError.
 */
export async function openStore(path: string): Promise<{ dir: string; list: RunList; shard: Shard | null }> {
  const dir = existsSync(join(path, RUNS_FILE)) ? path : existsSync(join(storeDirFor(path), RUNS_FILE)) ? storeDirFor(path) : undefined;
  if (dir === undefined) throw new StoreError(`${path}: not a sweep store (no ${RUNS_FILE})`);
  let text: string;
  try {
    text = readFileSync(join(dir, RUNS_FILE), 'utf8');
  } catch (e) {
    throw new StoreError(`${join(dir, RUNS_FILE)}: cannot read (${(e as Error).message})`);
  }
  const r = await parseRunListJson(text);
  if (!r.ok) throw new StoreError(`${join(dir, RUNS_FILE)}: ${r.message}`);
  return { dir, list: r.list, shard: r.shard };
}
