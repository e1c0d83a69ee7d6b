/**
 * The layering the README draws: imports point down only (ui → view/workers
 * → engine). The engine imports nothing from workers, ui or view (nor DOM,
 * three or comlink); workers import no ui; the view imports no ui. Engine
 * files stay short (one concept each): above 400 lines a file's header must
 * say why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => /\.(ts|mts|mjs)$/.test(f)).map((f) => join(dir, f));
}

/** Every import/export-from/dynamic-import specifier of a file, resolved to a repository path for relative ones. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push(spec.startsWith('.') ? relative(root, resolve(dirname(join(root, file)), spec)) : spec);
  }
  return out;
}

const rules: Array<{ from: string; forbidden: RegExp; why: string }> = [
  { from: 'src/engine', forbidden: /^(workers|src\/(ui|view|cli))(\/|$)|^(three|comlink|uplot)(\/|$)/, why: 'the engine is pure: no workers, ui, view, cli, three, comlink or uPlot' },
  { from: 'workers', forbidden: /^src\/ui(\/|$)/, why: 'workers import no ui' },
  { from: 'src/view', forbidden: /^src\/ui(\/|$)/, why: 'the view imports no ui' },
];

describe('layering', () => {
  for (const rule of rules) {
    it(`${rule.from}: ${rule.why}`, () => {
      const files = sources(rule.from);
      expect(files.length).toBeGreaterThan(3);
      const bad = files.flatMap((f) => imports(f).filter((s) => rule.forbidden.test(s)).map((s) => `${f} → ${s}`));
      expect(bad).toEqual([]);
    });
  }

  it('finds imports the way the rules need (guards the scanner itself)', () => {
    // Known edges of the current tree: a ui file importing the engine and the view, a worker importing the engine.
    expect(imports('src/ui/design-view.ts').some((s) => s.startsWith('src/view/'))).toBe(true);
    expect(imports('workers/analysis-api.ts').some((s) => s.startsWith('src/engine/'))).toBe(true);
  });

  it('engine files stay short unless their header says why', () => {
    const long = sources('src/engine')
      .map((f) => ({ f, text: readFileSync(join(root, f), 'utf8') }))
      .filter(({ text }) => text.split('\n').length > 400 && !/^\/\*\*[\s\S]*?(longer than|above) 400 lines[\s\S]*?\*\//.test(text))
      .map(({ f }) => f);
    expect(long).toEqual([]);
  });
});
