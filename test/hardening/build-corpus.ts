/**
 * Builds the malformed-input corpus: test/hardening/corpus/<case file> and the
 * manifest test/hardening/corpus.json (what each case is and what must happen).
 * The generated files are committed; corpus.test.ts reads them. Edit a case
 * here and re-run to regenerate everything:
 *
 *   npx tsx test/hardening/build-corpus.ts
 *
 * Inputs too large to commit (10 MB strings, 10,000-level nesting, 100,001
 * element sets) are listed with a `generate` key; corpus.test.ts builds them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tleChecksum } from '../../src/engine/input/elements.ts';
import type { Case, Expect, Kind } from './corpus-types';

const ROOT = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
const DIR = `${ROOT}/corpus`;
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

const cases: Case[] = [];
const ext: Record<Kind, string> = { scenario: 'json', tle: 'tle', omm: 'json', sweep: 'json' };
function add(kind: Kind, id: string, note: string, content: string, expect: Expect, extra: Partial<Case> = {}): void {
  const file = `${kind}-${id}.${ext[kind]}`;
  if (cases.some((c) => c.file === file)) throw new Error(`duplicate ${file}`);
  writeFileSync(`${DIR}/${file}`, content);
  cases.push({ id: `${kind}-${id}`, kind, file, note, ...extra, expect });
}
function gen(kind: Kind, id: string, note: string, expect: Expect, extra: Partial<Case> = {}): void {
  cases.push({ id: `${kind}-${id}`, kind, generate: `${kind}-${id}`, note, ...extra, expect });
}

// ---------------------------------------------------------------------------
// TLE

const fix = (l: string): string => l.slice(0, 68) + tleChecksum(l);
/** Replace 1-based columns starting at `col` with `t`; recompute the checksum. */
const patch = (l: string, col: number, t: string, keepChecksum = false): string => {
  const p = l.slice(0, col - 1) + t + l.slice(col - 1 + t.length);
  return keepChecksum ? p : fix(p);
};
const ISS = ['ISS (ZARYA)', '1 25544U 98067A   06164.43693594  .00014277  00000-0  10780-3 0  6795', '2 25544  51.6455 280.1294 0004346 245.9311 226.9658 15.72751720375095'];
const DEL = ['DELTA 1 DEB', '1 06251U 62025E   06176.82412014  .00008885  00000-0  12808-3 0  3985', '2 06251  58.0579  54.0425 0030035 139.1568 221.1854 15.56387291  6774'];
const CBE = ['CBERS 2', '1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836', '2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550'];
for (const s of [ISS, DEL, CBE]) for (const l of s.slice(1)) if (fix(l) !== l) throw new Error(`bad base checksum ${l}`);
const tle = (...ls: string[]): string => `${ls.join('\n')}\n`;
/** Three 3-line sets (lines 1–3, 4–6, 7–9) with set 2's line 1 / line 2 replaced. */
const three = (l5 = DEL[1], l6 = DEL[2], name = DEL[0]): string => tle(...ISS, name, l5, l6, ...CBE);
const BAD2 = (lines: number[], why: string[], extra: Partial<Expect> = {}): Expect => ({
  exitCode: 0,
  messageIncludes: why,
  goodRecords: 2,
  badLines: lines,
  ...extra,
});

// line length
add('tle', 'line1-short', 'line 1 of the second set cut to 68 characters', three(DEL[1].slice(0, 68)), BAD2([5], ['line 5: TLE line 1 must be 69 characters, found 68']));
add('tle', 'line1-long', 'line 1 with one extra character (70)', three(`${DEL[1]}7`), BAD2([5], ['line 5: TLE line 1 must be 69 characters, found 70']));
add('tle', 'line2-short', 'line 2 cut to 60 characters', three(DEL[1], DEL[2].slice(0, 60)), BAD2([6], ['line 6: TLE line 2 must be 69 characters, found 60']));
add('tle', 'line2-long', 'line 2 padded with digits to 80 characters', three(DEL[1], `${DEL[2]}12345678901`), BAD2([6], ['line 6: TLE line 2 must be 69 characters, found 80']));
add('tle', 'line2-no-checksum-column', 'line 2 without its checksum column (68)', three(DEL[1], DEL[2].slice(0, 68)), BAD2([6], ['line 6: TLE line 2 must be 69 characters, found 68']));
add('tle', 'both-lines-short', 'both data lines truncated', three(DEL[1].slice(0, 50), DEL[2].slice(0, 40)), BAD2([5, 6], ['line 5: TLE line 1 must be 69', 'line 6: TLE line 2 must be 69']));
add('tle', 'line1-very-long', 'line 1 followed by 500 characters of junk', three(DEL[1] + 'x'.repeat(500)), BAD2([5], ['line 5: TLE line 1 must be 69 characters, found 569']));
add('tle', 'line-with-nul', 'a NUL byte inside line 2 (length 70)', three(DEL[1], `${DEL[2].slice(0, 30)}\u0000${DEL[2].slice(30)}`), BAD2([6], ['line 6: TLE line 2 must be 69 characters, found 70']));

// checksums
add('tle', 'bad-checksum-line1', 'line 1 checksum off by one', three(DEL[1].slice(0, 68) + ((Number(DEL[1][68]) + 1) % 10)), BAD2([5], ['line 5: TLE line 1 checksum mismatch']));
add('tle', 'bad-checksum-line2', 'line 2 checksum off by one', three(DEL[1], DEL[2].slice(0, 68) + ((Number(DEL[2][68]) + 1) % 10)), BAD2([6], ['line 6: TLE line 2 checksum mismatch']));
add('tle', 'checksum-not-digit', "checksum column holds 'X'", three(DEL[1], `${DEL[2].slice(0, 68)}X`), BAD2([6], ["line 6: TLE line 2 checksum column 69 is 'X'"]));
{
  // Checksum computed as if '-' counted 0 (a common implementation bug upstream).
  const l = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  292';
  let sum = 0;
  for (const c of l) if (c >= '0' && c <= '9') sum += Number(c);
  const wrong = l + (sum % 10);
  add('tle', 'checksum-minus-as-zero', "line 1 checksum computed with '-' counted as 0", three(wrong, patch(ISS[2], 19, '247.4627'), 'ISS 2008'), BAD2([5], ['line 5: TLE line 1 checksum mismatch']));
}
add('tle', 'bad-checksum-all', 'every set has a wrong line 2 checksum', tle(...ISS.slice(0, 2), ISS[2].slice(0, 68) + '0', ...DEL.slice(0, 2), DEL[2].slice(0, 68) + '0', ...CBE.slice(0, 2), CBE[2].slice(0, 68) + '1'), {
  exitCode: 2,
  messageIncludes: ['line 3: TLE line 2 checksum mismatch', 'line 6: TLE line 2 checksum mismatch', 'line 9: TLE line 2 checksum mismatch', 'constellation.text'],
  goodRecords: 0,
  badLines: [3, 6, 9],
});
add('tle', 'two-errors-one-set', 'line 1 checksum wrong and line 2 truncated', three(DEL[1].slice(0, 68) + '0', DEL[2].slice(0, 60)), BAD2([5, 6], ['line 5: TLE line 1 checksum mismatch', 'line 6: TLE line 2 must be 69 characters']));

// non-numeric fields (checksums recomputed so only the field is wrong)
const fieldCase = (id: string, note: string, line: 1 | 2, col: number, text: string, why: string, reported?: number): void => {
  const l5 = line === 1 ? patch(DEL[1], col, text) : DEL[1];
  const l6 = line === 2 ? patch(DEL[2], col, text) : DEL[2];
  add('tle', id, note, three(l5, l6), BAD2([reported ?? (line === 1 ? 5 : 6)], [why]));
};
fieldCase('inclination-letters', 'inclination " 58.05x9"', 2, 9, ' 58.05x9', 'line 6: inclination (cols 9-16)');
fieldCase('inclination-tab', 'a tab inside the inclination field', 2, 9, ' 58.\t579', 'line 6: inclination (cols 9-16)');
fieldCase('raan-letters', 'RAAN "  54.O425" with a letter O', 2, 18, ' 54.O425', 'line 6: right ascension of the ascending node (cols 18-25)');
fieldCase('eccentricity-letters', 'eccentricity "00300x5"', 2, 27, '00300x5', "line 6: eccentricity (cols 27-33) '00300x5' is not numeric");
fieldCase('eccentricity-decimal-point', 'eccentricity written with its decimal point "0.00300"', 2, 27, '0.00300', "line 6: eccentricity (cols 27-33) '0.00300' is not numeric");
fieldCase('eccentricity-negative', 'eccentricity "-003003"', 2, 27, '-003003', 'line 6: eccentricity (cols 27-33)');
fieldCase('arg-perigee-letters', 'argument of perigee "139.15z8"', 2, 35, '139.15z8', 'line 6: argument of perigee (cols 35-42)');
fieldCase('mean-anomaly-blank', 'mean anomaly blank', 2, 44, '        ', "line 6: mean anomaly (cols 44-51) '' is not numeric");
fieldCase('mean-motion-letters', 'mean motion "15.5638a291"', 2, 53, '15.5638a291', 'line 6: mean motion (cols 53-63)');
fieldCase('mean-motion-two-points', 'mean motion "15.56.87291"', 2, 53, '15.56.87291', 'line 6: mean motion (cols 53-63)');
fieldCase('mean-motion-exponent', 'mean motion in exponent form "1.556e+001"', 2, 53, ' 1.556e+001', 'line 6: mean motion (cols 53-63)');
fieldCase('epoch-letters', 'epoch "06176.8241201x"', 1, 19, '06176.8241201x', 'line 5: epoch (cols 19-32)');
fieldCase('epoch-day-zero', 'epoch day of year 000', 1, 19, '06000.82412014', 'line 5: epoch day of year 000.82412014 is outside');
fieldCase('epoch-day-367', 'epoch day of year 367 in a common year', 1, 19, '06367.82412014', 'line 5: epoch day of year 367.82412014 is outside');
fieldCase('mean-motion-dot-letters', 'first derivative of mean motion " .0000888x"', 1, 34, ' .0000888x', 'line 5: first derivative of mean motion (cols 34-43)');
fieldCase('mean-motion-ddot-malformed', 'second derivative " 00000-" missing its exponent digit', 1, 45, ' 00000- ', 'line 5: second derivative of mean motion (cols 45-52)');
fieldCase('bstar-letter-o', 'BSTAR " 128O8-3" with a letter O', 1, 54, ' 128O8-3', 'line 5: BSTAR (cols 54-61)');
fieldCase('bstar-plain-decimal', 'BSTAR "0.000128" instead of the assumed-decimal form', 1, 54, '0.000128', 'line 5: BSTAR (cols 54-61)');
fieldCase('catalog-letter-i', "catalogue number 'I6251' (I is not an Alpha-5 letter)", 1, 3, 'I6251', "line 5: catalogue number (cols 3-7) 'I6251'");
fieldCase('ephemeris-type-4', 'ephemeris type 4 (SGP4-XP) set', 1, 63, '4', 'line 5: ephemeris type 4');
fieldCase('arabic-indic-digits', 'inclination written with Arabic-Indic digits', 2, 9, ' ٥٨.٠٥٧٩', 'line 6: inclination (cols 9-16)');
fieldCase('fullwidth-digits', 'mean motion with a fullwidth digit', 2, 53, '15.５6387291', 'line 6: mean motion (cols 53-63)');
add('tle', 'catalog-mismatch', 'line 2 catalogue number differs from line 1', three(DEL[1], patch(DEL[2], 3, '06252')), BAD2([6], ["line 6: catalogue number '06252' does not match line 1 (line 5) '06251'"]));

// out-of-range values
fieldCase('inclination-181', 'inclination 181 deg', 2, 9, '181.0000', 'line 6: inclination 181 deg is outside 0..180');
fieldCase('inclination-negative', 'inclination -58.057', 2, 9, '-58.0579', 'line 6: inclination -58.0579 deg is outside 0..180');
fieldCase('mean-motion-negative', 'negative mean motion', 2, 53, '-5.56387291', 'line 6: mean motion -5.56387291 rev/day must be > 0');
fieldCase('mean-motion-zero', 'mean motion 0', 2, 53, ' 0.00000000', 'line 6: mean motion 0 rev/day must be > 0');
fieldCase('eccentricity-near-one', 'eccentricity 0.9999999 (SGP4 rejects: semi-latus rectum below zero)', 2, 27, '9999999', 'line 5: SGP4 initialisation failed: SGP4 error code 4', 5);
fieldCase('mean-motion-tiny', 'mean motion 1e-5 rev/day (Vallado 33334 style: SGP4 rejects)', 2, 53, ' 0.00001000', 'line 5: SGP4 initialisation failed', 5);
fieldCase('mean-motion-suborbital', 'mean motion 99.99999999 rev/day: orbit inside the Earth', 2, 53, '99.99999999', 'line 5: SGP4 initialisation failed: SGP4 error code 6 (satellite has decayed)', 5);

// structure
add('tle', 'orphan-line2', 'a line 2 without its line 1', tle(...ISS, DEL[0], DEL[2], ...CBE), BAD2([5, 4], ['line 5: TLE line 2 without a preceding line 1', "line 4: name line not followed by a TLE line 1: 'DELTA 1 DEB'"]));
add('tle', 'line1-then-name', 'a line 1 followed by the next set instead of its line 2', tle(...ISS, DEL[0], DEL[1], ...CBE), BAD2([5], ['line 5: TLE line 1 is not followed by a line 2']));
add('tle', 'line1-at-eof', 'the file ends after a line 1', tle(...ISS, ...CBE, DEL[0], DEL[1]), BAD2([8], ['line 8: TLE line 1 is not followed by a line 2']));
add('tle', 'swapped-lines', 'line 2 before line 1', tle(...ISS, DEL[0], DEL[2], DEL[1], ...CBE), BAD2([5, 6, 4], ['line 5: TLE line 2 without a preceding line 1', 'line 6: TLE line 1 is not followed by a line 2']));
add('tle', 'trailing-name', 'a name line at the end with no data', tle(...ISS, ...CBE, 'LONELY NAME'), { exitCode: 0, messageIncludes: ["line 7: unrecognised line (not followed by a TLE line 1): 'LONELY NAME'"], goodRecords: 2, badLines: [7] });
add('tle', 'two-name-lines', 'two name lines before a set: the first is reported, the second names the set', tle(...ISS, 'OLD NAME', ...DEL, ...CBE), { exitCode: 0, messageIncludes: ["line 4: unrecognised line (not followed by a TLE line 1): 'OLD NAME'"], goodRecords: 3, badLines: [4], names: ['ISS (ZARYA)', 'DELTA 1 DEB', 'CBERS 2'] });
add('tle', 'name-starting-with-1', 'a name line that starts with "1 " looks like a line 1', tle(...ISS, '1 WEB', DEL[1], DEL[2], ...CBE), { exitCode: 0, messageIncludes: ['line 4: TLE line 1 is not followed by a line 2'], goodRecords: 3, badLines: [4], names: ['ISS (ZARYA)', '06251', 'CBERS 2'] });
add('tle', 'json-pasted', 'a JSON document pasted instead of TLEs', '{\n  "OBJECT_NAME": "ISS",\n  "MEAN_MOTION": 15.5\n}\n', { exitCode: 2, messageIncludes: ["line 1: unrecognised line (not followed by a TLE line 1): '{'", 'line 4:', 'constellation.text'], goodRecords: 0, badLines: [1, 2, 3, 4] });
add('tle', 'prose', 'free text instead of TLEs', 'These are the satellites we want:\nISS and CBERS.\n', { exitCode: 2, messageIncludes: ['line 1: unrecognised line', 'line 2: unrecognised line', 'constellation.text'], goodRecords: 0, badLines: [1, 2] });
add('tle', 'whitespace-only', 'only blank lines and spaces', '\n   \n\t\n\n', { exitCode: 2, messageIncludes: ['no valid satellites in the scenario — constellation.text: no loadable element set'], goodRecords: 0, badLines: [] });
add('tle', 'lone-data-lines', "a line 1 and a line 2 that lost their partners, around a good set", tle(ISS[1], ...DEL.slice(1), ISS[2], ...CBE), { exitCode: 0, messageIncludes: ['line 1: TLE line 1 is not followed by a line 2', 'line 4: TLE line 2 without a preceding line 1'], goodRecords: 2, badLines: [1, 4] });
add('tle', 'interleaved', 'lines 1 and 2 of two satellites interleaved: nothing loads', tle(ISS[1], DEL[1], ISS[2], DEL[2]), { exitCode: 2, messageIncludes: ['line 1: TLE line 1 is not followed by a line 2', "line 3: catalogue number '25544' does not match line 1 (line 2) '06251'", 'line 4: TLE line 2 without a preceding line 1', 'constellation.text'], goodRecords: 0, badLines: [1, 3, 4] });

// mixed 2/3-line, line endings, blank lines, Unicode
add('tle', 'mixed-2-and-3-line', 'valid: a 3-line, a 2-line and a "0 "-prefixed 3-line set', tle(...ISS, DEL[1], DEL[2], `0 ${CBE[0]}`, CBE[1], CBE[2]), { exitCode: 0, messageIncludes: [], goodRecords: 3, badLines: [], names: ['ISS (ZARYA)', '06251', 'CBERS 2'] });
add('tle', 'mixed-2-and-3-line-bad', 'a 2-line set with a bad checksum between 3-line sets', tle(...ISS, DEL[1], DEL[2].slice(0, 68) + '0', ...CBE), BAD2([5], ['line 5: TLE line 2 checksum mismatch']));
add('tle', 'crlf', 'valid: Windows line endings', three().replace(/\n/g, '\r\n'), { exitCode: 0, messageIncludes: [], goodRecords: 3, badLines: [] });
add('tle', 'crlf-bad-line', 'Windows line endings with a bad checksum on line 6', three(DEL[1], DEL[2].slice(0, 68) + '0').replace(/\n/g, '\r\n'), BAD2([6], ['line 6: TLE line 2 checksum mismatch']));
add('tle', 'cr-only-bad-line', 'old Mac line endings (CR) with a short line 5', three(DEL[1].slice(0, 60)).replace(/\n/g, '\r'), BAD2([5], ['line 5: TLE line 1 must be 69 characters, found 60']));
add('tle', 'mixed-line-endings', 'LF, CRLF and CR mixed; a bad line 9', `${ISS[0]}\r\n${ISS[1]}\n${ISS[2]}\r${DEL.join('\r\n')}\n${CBE[0]}\r${CBE[1]}\n${CBE[2].slice(0, 68)}${(Number(CBE[2][68]) + 1) % 10}\n`, BAD2([9], ['line 9: TLE line 2 checksum mismatch']));
add('tle', 'blank-lines', 'blank lines between and inside sets; a bad set reported at its true line', `\n\n${ISS.join('\n')}\n\n\n${DEL[0]}\n\n${DEL[1]}\n\n${DEL[2].slice(0, 68)}0\n\n${CBE.join('\n')}\n\n`, BAD2([12], ['line 12: TLE line 2 checksum mismatch']));
add('tle', 'bom-and-indentation', 'valid: a BOM, indentation and trailing spaces', `\uFEFF  ${ISS[0]}  \n   ${ISS[1]}\t\n ${ISS[2]}   \n${DEL.join('\n')}\n${CBE.join('\n')}\n`, { exitCode: 0, messageIncludes: [], goodRecords: 3, badLines: [], names: ['ISS (ZARYA)', 'DELTA 1 DEB', 'CBERS 2'] });
add('tle', 'unicode-names', 'valid: CJK, Cyrillic, emoji and combining-mark names', tle('国际空间站 ISS', ISS[1], ISS[2], '0 ДЕЛЬТА-1 🛰️', DEL[1], DEL[2], 'CBÉRS 2 — Señal', CBE[1], CBE[2]), { exitCode: 0, messageIncludes: [], goodRecords: 3, badLines: [], names: ['国际空间站 ISS', 'ДЕЛЬТА-1 🛰️', 'CBÉRS 2 — Señal'] });
add('tle', 'unicode-name-bad-set', 'a Unicode-named set with a bad checksum', tle(...ISS, '衛星 ✨', DEL[1], DEL[2].slice(0, 68) + '0', ...CBE), BAD2([6], ['line 6: TLE line 2 checksum mismatch']));
add('tle', 'unicode-junk-line', 'a line of emoji between sets', tle(...ISS, '🛰️🛰️🛰️', '🚀', ...DEL, ...CBE), { exitCode: 0, messageIncludes: ["line 4: unrecognised line (not followed by a TLE line 1): '🛰️🛰️🛰️'", "line 5: unrecognised line (not followed by a TLE line 1): '🚀'"], goodRecords: 3, badLines: [4, 5] });
add('tle', 'alpha5-catalog', 'valid: Alpha-5 catalogue numbers', tle('ALPHA FIVE', patch(ISS[1], 3, 'A5544'), patch(ISS[2], 3, 'A5544'), ...CBE), { exitCode: 0, messageIncludes: [], goodRecords: 2, badLines: [] });
add('tle', 'duplicate-sets', 'valid: the same set twice (both load, distinct ids)', tle(...ISS, ...ISS), { exitCode: 0, messageIncludes: [], goodRecords: 2, badLines: [] });

// epochs far from the scenario; decayed objects
add('tle', 'epoch-29-days', 'valid: the ISS epoch is 29 days before the start: no warning', tle(...ISS), { exitCode: 0, messageIncludes: [], goodRecords: 1, badLines: [], epochWarnings: [] }, { startUtc: '2006-07-12T10:00:00Z' });
add('tle', 'epoch-31-days', 'ISS epoch 31 days before the start: warning naming line 1, still runs', tle(...ISS), { exitCode: 0, messageIncludes: ['warning: line 1: element set 25544 (ISS (ZARYA)) has epoch 2006-06-13T10:29:11.265Z, 31.1 days before the scenario start (more than 30)'], goodRecords: 1, badLines: [], epochWarnings: [1] }, { startUtc: '2006-07-14T12:00:00Z' });
add('tle', 'epoch-after-start', 'epochs 27–41 days after the start: warnings naming lines 4 and 7 only', three(), { exitCode: 0, messageIncludes: ['warning: line 4: element set 06251 (DELTA 1 DEB)', 'warning: line 7: element set 28057 (CBERS 2)', 'days after the scenario start (more than 30)'], goodRecords: 3, badLines: [], epochWarnings: [4, 7] }, { startUtc: '2006-05-17T00:00:00Z' });
add('tle', 'epoch-mixed-far', 'one set of 2008 among sets of 2006: only line 4 is warned about', tle(...ISS, 'ISS 2008', '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927', '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537', ...CBE), { exitCode: 0, messageIncludes: ['warning: line 4: element set 25544 (ISS 2008) has epoch 2008-09-20T12:25:40.104Z', 'days after the scenario start'], goodRecords: 3, badLines: [], epochWarnings: [4] });
add('tle', 'epoch-20-years-decayed', 'ISS 2006 elements propagated to 2026: warning, and the set decays before the start (flagged, excluded)', tle(...ISS, ...CBE), { exitCode: 0, messageIncludes: ['warning: line 1: element set 25544 (ISS (ZARYA))', 'warning: line 4: element set 28057 (CBERS 2)', 'days before the scenario start'], goodRecords: 2, badLines: [], epochWarnings: [1, 4], statuses: ['decayed', 'ok'] }, { startUtc: '2026-06-20T00:00:00Z' });
{
  // A low, high-drag object whose elements are 20 days old: SGP4 has it below the Earth by the start.
  const l1 = patch(patch(patch('1 99901U 06001A   06151.00000000  .00000000  00000-0  00000-0 0  9990', 34, ' .00500000'), 54, ' 50000-1'), 19, '06151.00000000');
  const l2 = fix('2 99901  51.6000 100.0000 0005000  90.0000 270.0000 16.40000000  1000');
  add('tle', 'decayed-at-start', 'a re-entering object (n = 16.4 rev/day, BSTAR 0.05) 20 days old: loads, status "decayed", excluded from KPIs', tle('REENTRY TEST', l1, l2, ...CBE), { exitCode: 0, messageIncludes: [], goodRecords: 2, badLines: [], statuses: ['decayed', 'ok'] });
  add('tle', 'decayed-only', 'the only satellite has decayed before the start: runs, KPIs zero, no NaN', tle('REENTRY TEST', l1, l2), { exitCode: 0, messageIncludes: [], goodRecords: 1, badLines: [], statuses: ['decayed'] });
}
{
  const l2 = patch(patch(DEL[2], 27, '2000000'), 44, '180.0000');
  add('tle', 'perigee-inside-earth', 'eccentricity 0.2 at 15.6 rev/day, at apogee at its epoch: perigee inside the Earth; loads, then decays (flagged, excluded)', tle(...ISS, DEL[0], DEL[1], l2), { exitCode: 0, messageIncludes: [], goodRecords: 2, badLines: [], statuses: ['ok', 'decayed'] });
}
fieldCase('eccentricity-0-99', 'eccentricity 0.99 at 15.6 rev/day (SGP4 rejects)', 2, 27, '9900000', 'line 5: SGP4 initialisation failed: SGP4 error code 4', 5);
add('tle', 'below-surface-at-epoch', 'eccentricity 0.1 and near perigee (inside the Earth) at its epoch: SGP4 rejects', three(DEL[1], patch(patch(DEL[2], 27, '1000000'), 44, '350.0000')), BAD2([5], ['line 5: SGP4 initialisation failed: SGP4 error code 6 (satellite has decayed)']));
add('tle', 'epoch-year-57', 'valid: a 1957 epoch (two-digit year 57) runs in 1957 without warnings', tle('OLD', patch(ISS[1], 19, '57300.00000000'), ISS[2]), { exitCode: 0, messageIncludes: [], goodRecords: 1, badLines: [] }, { startUtc: '1957-10-27T12:00:00Z' });
add('tle', 'epoch-year-56', 'a two-digit year 56 is 2056: 50 years from a 2006 start, warned', tle('FUTURE', patch(ISS[1], 19, '56164.43693594'), ISS[2]), { exitCode: 0, messageIncludes: ['warning: line 1: element set 25544 (FUTURE) has epoch 2056-06-12', 'days after the scenario start'], goodRecords: 1, badLines: [], epochWarnings: [1] });

// generated huge TLE inputs
gen('tle', '10mb-junk-line', 'one 10 MB line of junk', { exitCode: 2, messageIncludes: ['line 1: unrecognised line', 'constellation.text'], goodRecords: 0, badLines: [1] });
gen('tle', '10mb-name-line', 'a 10 MB name line before a valid set: loads, name shortened to 100 characters', { exitCode: 0, messageIncludes: [], goodRecords: 1, badLines: [], names: [`${'N'.repeat(100)}…`] });
gen('tle', 'million-blank-lines', '1,000,000 blank lines, then a bad and a good set: true line numbers', { exitCode: 0, messageIncludes: ['line 1000003: TLE line 2 checksum mismatch'], goodRecords: 1, badLines: [1000003] });

// ---------------------------------------------------------------------------
// OMM

const OMM_BASE = [
  { OBJECT_NAME: 'ISS (ZARYA)', OBJECT_ID: '1998-067A', EPOCH: '2006-06-13T10:29:11.265216', MEAN_MOTION: 15.7275172, ECCENTRICITY: 0.0004346, INCLINATION: 51.6455, RA_OF_ASC_NODE: 280.1294, ARG_OF_PERICENTER: 245.9311, MEAN_ANOMALY: 226.9658, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 25544, ELEMENT_SET_NO: 679, REV_AT_EPOCH: 37509, BSTAR: 0.0001078, MEAN_MOTION_DOT: 0.00014277, MEAN_MOTION_DDOT: 0 },
  { OBJECT_NAME: 'DELTA 1 DEB', OBJECT_ID: '1962-025E', EPOCH: '2006-06-25T19:46:43.980096', MEAN_MOTION: 15.56387291, ECCENTRICITY: 0.0030035, INCLINATION: 58.0579, RA_OF_ASC_NODE: 54.0425, ARG_OF_PERICENTER: 139.1568, MEAN_ANOMALY: 221.1854, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 6251, ELEMENT_SET_NO: 398, REV_AT_EPOCH: 677, BSTAR: 0.00012808, MEAN_MOTION_DOT: 0.00008885, MEAN_MOTION_DDOT: 0 },
  { OBJECT_NAME: 'CBERS 2', OBJECT_ID: '2003-049A', EPOCH: '2006-06-26T18:52:04.079712', MEAN_MOTION: 14.3547808, ECCENTRICITY: 0.0000884, INCLINATION: 98.4283, RA_OF_ASC_NODE: 247.6961, ARG_OF_PERICENTER: 88.1964, MEAN_ANOMALY: 271.9322, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 28057, ELEMENT_SET_NO: 183, REV_AT_EPOCH: 14055, BSTAR: 0.00003594, MEAN_MOTION_DOT: 0.0000006, MEAN_MOTION_DDOT: 0 },
];
const ommJson = (records: unknown): string => `${JSON.stringify(records, null, 2)}\n`;
const DELETE = Symbol('delete');
/** The three records with record 1 changed. */
const omm1 = (changes: Record<string, unknown>): unknown[] => {
  const r = structuredClone(OMM_BASE) as Array<Record<string, unknown>>;
  for (const [k, v] of Object.entries(changes)) {
    if (v === DELETE) delete r[1][k];
    else r[1][k] = v;
  }
  return r;
};
const R1 = (why: string[], extra: Partial<Expect> = {}): Expect => ({ exitCode: 0, messageIncludes: why, goodRecords: 2, badRecords: [1], ...extra });

for (const f of ['MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY', 'EPOCH', 'NORAD_CAT_ID']) {
  add('omm', `missing-${f.toLowerCase().replace(/_/g, '-')}`, `record 1 without ${f}`, ommJson(omm1({ [f]: DELETE })), R1([`record 1 (DELTA 1 DEB): field ${f} is missing`]));
}
add('omm', 'mean-motion-null', 'MEAN_MOTION null', ommJson(omm1({ MEAN_MOTION: null })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION is missing']));
add('omm', 'mean-motion-empty-string', 'MEAN_MOTION ""', ommJson(omm1({ MEAN_MOTION: '' })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION is missing']));
add('omm', 'mean-motion-word', 'MEAN_MOTION "fast"', ommJson(omm1({ MEAN_MOTION: 'fast' })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be numeric, got "fast"']));
add('omm', 'mean-motion-boolean', 'MEAN_MOTION true', ommJson(omm1({ MEAN_MOTION: true })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be a number or numeric string, got boolean']));
add('omm', 'mean-motion-object', 'MEAN_MOTION {"value": 15.5}', ommJson(omm1({ MEAN_MOTION: { value: 15.5 } })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be a number or numeric string, got an object']));
add('omm', 'mean-motion-array', 'MEAN_MOTION [15.5]', ommJson(omm1({ MEAN_MOTION: [15.5] })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be a number or numeric string, got an array']));
add('omm', 'mean-motion-negative', 'MEAN_MOTION -15.5', ommJson(omm1({ MEAN_MOTION: -15.5 })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be > 0 rev/day, got -15.5']));
add('omm', 'mean-motion-zero', 'MEAN_MOTION 0', ommJson(omm1({ MEAN_MOTION: 0 })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be > 0 rev/day, got 0']));
add('omm', 'mean-motion-string-1e400', 'MEAN_MOTION "1e400" (numeric-looking, overflows)', ommJson(omm1({ MEAN_MOTION: '1e400' })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be a finite number, got "1e400"']));
add('omm', 'mean-motion-string-nan', 'MEAN_MOTION "NaN"', ommJson(omm1({ MEAN_MOTION: 'NaN' })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be numeric, got "NaN"']));
add('omm', 'mean-motion-string-infinity', 'MEAN_MOTION "Infinity"', ommJson(omm1({ MEAN_MOTION: 'Infinity' })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be numeric, got "Infinity"']));
add('omm', 'mean-motion-number-1e400', 'MEAN_MOTION 1e400 in the JSON text (decodes to Infinity)', ommJson(omm1({ MEAN_MOTION: 12345 })).replace('12345', '1e400'), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be a finite number, got a number too large to represent']));
add('omm', 'mean-motion-numeric-string', 'valid: numbers as strings (Space-Track style), with spaces', ommJson(omm1({ MEAN_MOTION: ' 15.56387291 ', ECCENTRICITY: '.0030035', INCLINATION: '5.80579e1' })), { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [] });
add('omm', 'mean-motion-suborbital', 'MEAN_MOTION 100 rev/day: SGP4 rejects the record', ommJson(omm1({ MEAN_MOTION: 100 })), R1(['record 1 (DELTA 1 DEB): SGP4 initialisation failed']));
add('omm', 'eccentricity-one', 'ECCENTRICITY 1', ommJson(omm1({ ECCENTRICITY: 1 })), R1(['record 1 (DELTA 1 DEB): field ECCENTRICITY must satisfy 0 <= e < 1, got 1']));
add('omm', 'eccentricity-1-5', 'ECCENTRICITY 1.5 (hyperbolic)', ommJson(omm1({ ECCENTRICITY: 1.5 })), R1(['record 1 (DELTA 1 DEB): field ECCENTRICITY must satisfy 0 <= e < 1, got 1.5']));
add('omm', 'eccentricity-negative', 'ECCENTRICITY -0.01', ommJson(omm1({ ECCENTRICITY: -0.01 })), R1(['record 1 (DELTA 1 DEB): field ECCENTRICITY must satisfy 0 <= e < 1, got -0.01']));
add('omm', 'eccentricity-string-word', 'ECCENTRICITY "circular"', ommJson(omm1({ ECCENTRICITY: 'circular' })), R1(['record 1 (DELTA 1 DEB): field ECCENTRICITY must be numeric, got "circular"']));
add('omm', 'inclination-200', 'INCLINATION 200', ommJson(omm1({ INCLINATION: 200 })), R1(['record 1 (DELTA 1 DEB): field INCLINATION must be within 0..180 deg, got 200']));
add('omm', 'raan-1e300', 'RA_OF_ASC_NODE 1e300 (finite but meaningless)', ommJson(omm1({ RA_OF_ASC_NODE: 1e300 })), R1(['record 1 (DELTA 1 DEB): field RA_OF_ASC_NODE must be within -360..360 deg']));
add('omm', 'mean-anomaly-720', 'MEAN_ANOMALY 720', ommJson(omm1({ MEAN_ANOMALY: 720 })), R1(['record 1 (DELTA 1 DEB): field MEAN_ANOMALY must be within -360..360 deg, got 720']));
add('omm', 'epoch-word', 'EPOCH "yesterday"', ommJson(omm1({ EPOCH: 'yesterday' })), R1(['record 1 (DELTA 1 DEB): field EPOCH must be ISO 8601 UTC', 'got "yesterday"']));
add('omm', 'epoch-number', 'EPOCH as Unix milliseconds', ommJson(omm1({ EPOCH: 1151264803980 })), R1(['record 1 (DELTA 1 DEB): field EPOCH must be an ISO 8601 UTC string, got number']));
add('omm', 'epoch-offset', 'EPOCH with a +02:00 offset', ommJson(omm1({ EPOCH: '2006-06-25T21:46:43+02:00' })), R1(['record 1 (DELTA 1 DEB): field EPOCH must be ISO 8601 UTC']));
add('omm', 'epoch-feb-30', 'EPOCH on 30 February', ommJson(omm1({ EPOCH: '2006-02-30T00:00:00' })), R1(['record 1 (DELTA 1 DEB): field EPOCH must be ISO 8601 UTC']));
add('omm', 'epoch-hour-24', 'EPOCH at hour 24', ommJson(omm1({ EPOCH: '2006-06-25T24:00:00' })), R1(['record 1 (DELTA 1 DEB): field EPOCH must be ISO 8601 UTC']));
add('omm', 'norad-negative', 'NORAD_CAT_ID -5', ommJson(omm1({ NORAD_CAT_ID: -5 })), R1(['record 1 (DELTA 1 DEB): field NORAD_CAT_ID must be a catalogue number (integer or Alpha-5), got -5']));
add('omm', 'norad-fraction', 'NORAD_CAT_ID 6251.5', ommJson(omm1({ NORAD_CAT_ID: 6251.5 })), R1(['record 1 (DELTA 1 DEB): field NORAD_CAT_ID must be a catalogue number']));
add('omm', 'norad-word', 'NORAD_CAT_ID "DELTA"', ommJson(omm1({ NORAD_CAT_ID: 'DELTA' })), R1(['record 1 (DELTA 1 DEB): field NORAD_CAT_ID must be a catalogue number (integer or Alpha-5), got "DELTA"']));
add('omm', 'object-name-number', 'OBJECT_NAME 42', ommJson(omm1({ OBJECT_NAME: 42 })), R1(['record 1 (6251): field OBJECT_NAME must be a string, got number']));
add('omm', 'theory-sgp4-xp', 'MEAN_ELEMENT_THEORY "SGP4-XP"', ommJson(omm1({ MEAN_ELEMENT_THEORY: 'SGP4-XP' })), R1(['record 1 (DELTA 1 DEB): field MEAN_ELEMENT_THEORY must be \'SGP4\', got "SGP4-XP"']));
add('omm', 'ephemeris-type-4', 'EPHEMERIS_TYPE 4', ommJson(omm1({ EPHEMERIS_TYPE: 4 })), R1(['record 1 (DELTA 1 DEB): field EPHEMERIS_TYPE must be 0 (SGP4), got 4']));
add('omm', 'bstar-word', 'BSTAR "high"', ommJson(omm1({ BSTAR: 'high' })), R1(['record 1 (DELTA 1 DEB): field BSTAR must be numeric, got "high"']));
add('omm', 'lowercase-keys', 'keys in lower case: every required field is missing', ommJson([OMM_BASE[0], Object.fromEntries(Object.entries(OMM_BASE[1]).map(([k, v]) => [k.toLowerCase(), v])), OMM_BASE[2]]), R1(['record 1: field NORAD_CAT_ID is missing', 'record 1: field MEAN_MOTION is missing', 'record 1: field EPOCH is missing']));
add('omm', 'several-errors-one-record', 'three bad fields in one record, all named', ommJson(omm1({ MEAN_MOTION: 'x', ECCENTRICITY: 2, INCLINATION: DELETE })), R1(['record 1 (DELTA 1 DEB): field MEAN_MOTION must be numeric', 'field ECCENTRICITY must satisfy 0 <= e < 1, got 2', 'field INCLINATION is missing']));
add('omm', 'record-null', 'a null record between good ones', ommJson([OMM_BASE[0], null, OMM_BASE[2]]), R1(['record 1: not an OMM object (got null)']));
add('omm', 'record-string', 'a string record', ommJson([OMM_BASE[0], 'ISS', OMM_BASE[2]]), R1(['record 1: not an OMM object (got string)']));
add('omm', 'record-array', 'a record that is an array', ommJson([OMM_BASE[0], [1, 2], OMM_BASE[2]]), R1(['record 1: not an OMM object (got array)']));
add('omm', 'all-bad', 'every record lacks MEAN_MOTION', ommJson(OMM_BASE.map(({ MEAN_MOTION: _, ...r }) => r)), { exitCode: 2, messageIncludes: ['record 0 (ISS (ZARYA)): field MEAN_MOTION is missing', 'record 2 (CBERS 2): field MEAN_MOTION is missing', 'constellation.records'], goodRecords: 0, badRecords: [0, 1, 2] });
add('omm', 'empty-array', 'an empty array of records', '[]\n', { exitCode: 2, messageIncludes: ['constellation.records: no OMM records'], goodRecords: 0, badRecords: [] });
add('omm', 'single-object', 'one OMM object instead of an array (the scenario wants an array)', ommJson(OMM_BASE[0]), { exitCode: 2, messageIncludes: ['constellation.records: Invalid input: expected array, received object'], goodRecords: 1, badRecords: [] });
add('omm', 'truncated-json', 'OMM JSON cut off mid-record', ommJson(OMM_BASE).slice(0, 700), { exitCode: 2, messageIncludes: ['invalid JSON at line'], badRecords: [] });
add('omm', 'trailing-comma', 'a trailing comma after the last record', ommJson(OMM_BASE).replace(/}\n]\n$/, '},\n]\n'), { exitCode: 2, messageIncludes: ['invalid JSON at line'], badRecords: [] });
add('omm', 'extra-fields', 'valid: unknown extra OMM fields are ignored', ommJson(omm1({ CENTER_NAME: 'EARTH', REF_FRAME: 'TEME', COMMENT: 'hello', DECAY_DATE: null })), { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [] });
add('omm', 'unicode-name', 'valid: Unicode OBJECT_NAME', ommJson(omm1({ OBJECT_NAME: 'Δέλτα 1 — 碎片 🛰️' })), { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [], names: ['ISS (ZARYA)', 'Δέλτα 1 — 碎片 🛰️', 'CBERS 2'] });
add('omm', 'unicode-name-bad', 'a Unicode-named record with a bad field: the message names it', ommJson(omm1({ OBJECT_NAME: 'Δέλτα 1', MEAN_MOTION: '十五' })), R1(['record 1 (Δέλτα 1): field MEAN_MOTION must be numeric, got "十五"']));
add('omm', 'duplicate-ids', 'valid: the same NORAD id twice', ommJson([OMM_BASE[0], OMM_BASE[0]]), { exitCode: 0, messageIncludes: [], goodRecords: 2, badRecords: [] });
add('omm', 'epoch-far', 'CBERS epoch moved a year later: warning naming record 2', ommJson(omm1({}).map((r, i) => (i === 2 ? { ...(r as object), EPOCH: '2007-06-26T18:52:04.079712' } : r))), { exitCode: 0, messageIncludes: ['warning: record 2: element set 28057 (CBERS 2) has epoch 2007-06-26T18:52:04.080Z', 'days after the scenario start (more than 30)'], goodRecords: 3, badRecords: [], epochWarnings: [2] });
add('omm', 'decayed', 'a re-entering record (16.35 rev/day, BSTAR 0.05) 30 days old: status decayed, excluded', ommJson([OMM_BASE[0], { ...OMM_BASE[1], OBJECT_NAME: 'REENTERING', EPOCH: '2006-05-25T00:00:00', MEAN_MOTION: 16.35, BSTAR: 0.05, MEAN_MOTION_DOT: 0.005 }, OMM_BASE[2]]), { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [], statuses: ['ok', 'decayed', 'ok'] });
add('omm', 'bstar-huge', 'BSTAR 1e10: loads, decays at once', ommJson(omm1({ BSTAR: 1e10 })), { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [], statuses: ['ok', 'decayed', 'ok'] });
gen('omm', '10mb-object-name', 'a 10 MB OBJECT_NAME: loads, name shortened to 100 characters', { exitCode: 0, messageIncludes: [], goodRecords: 3, badRecords: [], names: [`${'O'.repeat(100)}…`, 'DELTA 1 DEB', 'CBERS 2'] });
gen('omm', '10mb-field-string', 'a 10 MB MEAN_MOTION string: the message quotes 40 characters', { exitCode: 0, messageIncludes: ['record 1 (DELTA 1 DEB): field MEAN_MOTION must be numeric, got "xxxxxxxx'], goodRecords: 2, badRecords: [1] });
gen('omm', 'nested-10000', 'a record nested 10,000 arrays deep', { exitCode: 2, messageIncludes: ['JSON nested deeper than 64 levels'], goodRecords: 2, badRecords: [1], document: true });

// ---------------------------------------------------------------------------
// Scenario JSON

const SC = {
  name: 'hardening corpus',
  startUtc: '2026-06-21T00:00:00Z',
  durationHours: 0.5,
  stepSeconds: 300,
  constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 2, satellitesPerPlane: 2 },
  node: { solarArrayAreaM2: 105, batteryCapacityKWh: 20 },
  groundStations: [{ name: 'Svalbard', latitudeDeg: 78.23, longitudeDeg: 15.41, downlinkGbps: 10 }],
  interSatelliteLinks: { enabled: false },
  environment: { albedo: 0.3 },
};
/** Free-form JSON, edited by path. */
type J = any;
/** SC with changes at paths like `node.foo` / `groundStations[0].name`; DELETE removes. */
function sc(changes: Record<string, unknown>): J {
  const s: J = structuredClone(SC);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
    let o = s;
    for (const k of keys.slice(0, -1)) {
      if (o[k] === undefined || o[k] === null || typeof o[k] !== 'object') o[k] = {};
      o = o[k];
    }
    const last = keys[keys.length - 1];
    if (value === DELETE) delete o[last];
    else o[last] = value;
  }
  return s;
}
const js = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
/** An invalid scenario whose issue at `path` reads `message`. */
const bad = (id: string, note: string, changes: Record<string, unknown>, path: string, message: string): void =>
  add('scenario', id, note, js(sc(changes)), { exitCode: 2, messageIncludes: [`${path}: ${message}`], issuePaths: [path] });
/** Same, from raw JSON text (for NaN, Infinity, 1e400 literals). */
const badText = (id: string, note: string, text: string, path: string, message: string): void =>
  add('scenario', id, note, text, { exitCode: 2, messageIncludes: [path ? `${path}: ${message}` : message], issuePaths: [path] });
const valid = (id: string, note: string, changes: Record<string, unknown>, satellites: number): void =>
  add('scenario', id, note, js(sc(changes)), { exitCode: 0, messageIncludes: [], satellites });

// missing fields
bad('missing-start', 'no startUtc', { startUtc: DELETE }, 'startUtc', 'required');
bad('missing-duration', 'no durationHours', { durationHours: DELETE }, 'durationHours', 'required');
bad('missing-constellation', 'no constellation', { constellation: DELETE }, 'constellation', 'required');
bad('missing-constellation-type', 'constellation without type', { 'constellation.type': DELETE }, 'constellation.type', 'expected type to be one of "walker", "sso", "cluster", "tle", "omm"');
bad('missing-altitude', 'walker without altitudeKm', { 'constellation.altitudeKm': DELETE }, 'constellation.altitudeKm', 'required');
bad('missing-inclination', 'walker without inclinationDeg', { 'constellation.inclinationDeg': DELETE }, 'constellation.inclinationDeg', 'required');
bad('missing-planes', 'walker without planes', { 'constellation.planes': DELETE }, 'constellation.planes', 'required');
bad('missing-station-name', 'ground station without name', { 'groundStations[0].name': DELETE }, 'groundStations[0].name', 'required');
bad('missing-station-latitude', 'ground station without latitude', { 'groundStations[0].latitudeDeg': DELETE }, 'groundStations[0].latitudeDeg', 'required');
bad('missing-station-rate', 'fixed-rate ground station without downlinkGbps', { 'groundStations[0].downlinkGbps': DELETE, 'groundStations[0].linkModel': 'fixed' }, 'groundStations[0].downlinkGbps', 'required');
bad('budget-field-on-fixed-station', 'link-budget field on a fixed-rate station', { 'groundStations[0].frequencyGHz': 26 }, 'groundStations[0].frequencyGHz', 'applies to linkModel "budget" only');
bad('missing-sso-ltan', 'sso without ltanHours', { constellation: { type: 'sso', altitudeKm: 600, satellitesPerPlane: 2 } }, 'constellation.ltanHours', 'required');
bad('missing-tle-text', 'tle without text', { constellation: { type: 'tle' } }, 'constellation.text', 'required');
bad('missing-omm-records', 'omm without records', { constellation: { type: 'omm' } }, 'constellation.records', 'required');
add('scenario', 'empty-object', 'an empty object', '{}\n', { exitCode: 2, messageIncludes: ['startUtc: required', 'durationHours: required', 'constellation: required'], issuePaths: ['startUtc', 'durationHours', 'constellation'] });

// unknown fields
bad('unknown-root', 'unknown root field', { colour: 'blue' }, 'colour', 'unknown field');
bad('misspelled-duration', 'durationHour instead of durationHours', { durationHour: 2 }, 'durationHour', 'unknown field');
bad('unknown-node', 'unknown node field', { 'node.gpuCount': 8 }, 'node.gpuCount', 'unknown field');
bad('unknown-constellation', 'unknown constellation field', { 'constellation.eccentricity': 0.1 }, 'constellation.eccentricity', 'unknown field');
bad('unknown-station', 'unknown ground station field', { 'groundStations[0].country': 'NO' }, 'groundStations[0].country', 'unknown field');
bad('unknown-isl', 'unknown ISL field', { 'interSatelliteLinks.latencyMs': 3 }, 'interSatelliteLinks.latencyMs', 'unknown field');
bad('unknown-environment', 'unknown environment field', { 'environment.solarConstant': 1361 }, 'environment.solarConstant', 'unknown field');
bad('walker-field-on-sso', 'inclinationDeg on an sso design', { constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10, satellitesPerPlane: 2, inclinationDeg: 97.8 } }, 'constellation.inclinationDeg', 'unknown field');
badText('proto-key', '"__proto__" key', js(SC).replace(/\n}\n$/, ',\n  "__proto__": { "durationHours": -1 }\n}\n'), '__proto__', 'unknown field');

// wrong types
bad('duration-string', 'durationHours "2"', { durationHours: '2' }, 'durationHours', 'expected a finite number, got string "2"');
bad('step-boolean', 'stepSeconds true', { stepSeconds: true }, 'stepSeconds', 'expected a finite number, got boolean');
bad('start-number', 'startUtc as a number', { startUtc: 1782000000000 }, 'startUtc', 'Invalid input: expected string, received number');
bad('name-number', 'name 42', { name: 42 }, 'name', 'Invalid input: expected string, received number');
bad('node-array', 'node as an array', { node: [1, 2] }, 'node', 'Invalid input: expected object, received array');
bad('node-string', 'node as a string', { node: 'big' }, 'node', 'Invalid input: expected object, received string');
bad('stations-object', 'groundStations as an object', { groundStations: { name: 'x' } }, 'groundStations', 'Invalid input: expected array, received object');
bad('station-string', 'a ground station that is a string', { groundStations: ['Svalbard'] }, 'groundStations[0]', 'Invalid input: expected object, received string');
bad('isl-enabled-string', 'ISL enabled "true"', { 'interSatelliteLinks.enabled': 'true' }, 'interSatelliteLinks.enabled', 'Invalid input: expected boolean, received string');
bad('antennas-fraction', 'antennas 1.5', { 'groundStations[0].antennas': 1.5 }, 'groundStations[0].antennas', 'expected an integer');
bad('planes-string', 'planes "2"', { 'constellation.planes': '2' }, 'constellation.planes', 'expected a finite number, got string "2"');
bad('pointing-unknown', 'arrayPointing "nadir"', { 'node.arrayPointing': 'nadir' }, 'node.arrayPointing', 'Invalid option: expected one of "sun-tracking"|"body-fixed"');
bad('pattern-unknown', 'walker pattern "hexagonal"', { 'constellation.pattern': 'hexagonal' }, 'constellation.pattern', 'Invalid option: expected one of "delta"|"star"');
bad('constellation-null', 'constellation null', { constellation: null }, 'constellation', 'Invalid input: expected object, received null');
bad('type-unknown', 'constellation type "ring"', { 'constellation.type': 'ring' }, 'constellation.type', 'expected type to be one of "walker", "sso", "cluster", "tle", "omm"');
bad('tle-text-number', 'TLE text as a number', { constellation: { type: 'tle', text: 12345 } }, 'constellation.text', 'Invalid input: expected string, received number');
bad('omm-records-string', 'OMM records as a string', { constellation: { type: 'omm', records: 'ISS' } }, 'constellation.records', 'Invalid input: expected array, received string');
bad('tle-text-empty', 'TLE text ""', { constellation: { type: 'tle', text: '' } }, 'constellation.text', 'TLE text is empty');
add('scenario', 'root-array', 'the document is an array', '[1, 2, 3]\n', { exitCode: 2, messageIncludes: ['Invalid input: expected object, received array'], issuePaths: [''] });
add('scenario', 'root-null', 'the document is null', 'null\n', { exitCode: 2, messageIncludes: ['Invalid input: expected object, received null'], issuePaths: [''] });
add('scenario', 'root-number', 'the document is a number', '42\n', { exitCode: 2, messageIncludes: ['Invalid input: expected object, received number'], issuePaths: [''] });
add('scenario', 'root-string', 'the document is a string', '"scenario"\n', { exitCode: 2, messageIncludes: ['Invalid input: expected object, received string'], issuePaths: [''] });

// areas, capacities, powers: zero and negative
bad('array-area-zero', 'solarArrayAreaM2 0', { 'node.solarArrayAreaM2': 0 }, 'node.solarArrayAreaM2', 'must be greater than 0');
bad('array-area-negative', 'solarArrayAreaM2 -105', { 'node.solarArrayAreaM2': -105 }, 'node.solarArrayAreaM2', 'must be greater than 0');
bad('radiator-area-zero', 'radiatorAreaM2 0', { 'node.radiatorAreaM2': 0 }, 'node.radiatorAreaM2', 'must be greater than 0');
bad('radiator-area-negative', 'radiatorAreaM2 -5', { 'node.radiatorAreaM2': -5 }, 'node.radiatorAreaM2', 'must be greater than 0');
bad('battery-negative', 'batteryCapacityKWh -1', { 'node.batteryCapacityKWh': -1 }, 'node.batteryCapacityKWh', 'must be 0 or greater');
bad('storage-zero', 'storageGB 0', { 'node.storageGB': 0 }, 'node.storageGB', 'must be greater than 0');
bad('storage-negative', 'storageGB -100', { 'node.storageGB': -100 }, 'node.storageGB', 'must be greater than 0');
bad('heat-capacity-zero', 'heatCapacityJPerK 0', { 'node.heatCapacityJPerK': 0 }, 'node.heatCapacityJPerK', 'must be at least 1 J/K');
bad('heat-capacity-denormal', 'heatCapacityJPerK 5e-324 (made temperatures overflow to Infinity)', { 'node.heatCapacityJPerK': 5e-324 }, 'node.heatCapacityJPerK', 'must be at least 1 J/K');
bad('compute-power-zero', 'computePowerW 0', { 'node.computePowerW': 0 }, 'node.computePowerW', 'must be greater than 0');
bad('bus-power-negative', 'busPowerW -1', { 'node.busPowerW': -1 }, 'node.busPowerW', 'must be 0 or greater');
bad('tflops-zero', 'computeTflops 0', { 'node.computeTflops': 0 }, 'node.computeTflops', 'must be greater than 0');
bad('output-negative', 'outputGBPerHourAtFullCompute -5', { 'node.outputGBPerHourAtFullCompute': -5 }, 'node.outputGBPerHourAtFullCompute', 'must be 0 or greater');
bad('downlink-zero', 'downlinkGbps 0', { 'groundStations[0].downlinkGbps': 0 }, 'groundStations[0].downlinkGbps', 'must be greater than 0');
bad('antennas-zero', 'antennas 0', { 'groundStations[0].antennas': 0 }, 'groundStations[0].antennas', 'Too small: expected number to be >=1');
bad('isl-range-zero', 'ISL maxRangeKm 0', { 'interSatelliteLinks.maxRangeKm': 0 }, 'interSatelliteLinks.maxRangeKm', 'must be greater than 0');
bad('isl-rate-negative', 'ISL rateGbps -1', { 'interSatelliteLinks.rateGbps': -1 }, 'interSatelliteLinks.rateGbps', 'must be greater than 0');
bad('cluster-radius-zero', 'cluster radiusM 0', { constellation: { type: 'cluster', altitudeKm: 650, satellites: 4, radiusM: 0 } }, 'constellation.radiusM', 'Too small: expected number to be >0');
bad('array-area-huge', 'solarArrayAreaM2 1e9', { 'node.solarArrayAreaM2': 1e9 }, 'node.solarArrayAreaM2', 'Too big: expected number to be <=100000000');

// efficiencies and fractions outside 0–1
bad('cell-efficiency-1-5', 'solarCellEfficiency 1.5', { 'node.solarCellEfficiency': 1.5 }, 'node.solarCellEfficiency', 'Too big: expected number to be <=1');
bad('cell-efficiency-zero', 'solarCellEfficiency 0', { 'node.solarCellEfficiency': 0 }, 'node.solarCellEfficiency', 'must be greater than 0');
bad('cell-efficiency-percent', 'solarCellEfficiency 22 (percent, not a fraction)', { 'node.solarCellEfficiency': 22 }, 'node.solarCellEfficiency', 'Too big: expected number to be <=1');
bad('round-trip-1-01', 'batteryRoundTripEfficiency 1.01', { 'node.batteryRoundTripEfficiency': 1.01 }, 'node.batteryRoundTripEfficiency', 'Too big: expected number to be <=1');
bad('round-trip-negative', 'batteryRoundTripEfficiency -0.1', { 'node.batteryRoundTripEfficiency': -0.1 }, 'node.batteryRoundTripEfficiency', 'must be greater than 0');
bad('emissivity-2', 'radiatorEmissivity 2', { 'node.radiatorEmissivity': 2 }, 'node.radiatorEmissivity', 'Too big: expected number to be <=1');
bad('absorptivity-negative', 'radiatorAbsorptivity -0.1', { 'node.radiatorAbsorptivity': -0.1 }, 'node.radiatorAbsorptivity', 'Too small: expected number to be >=0');
bad('sun-view-factor-1-5', 'radiatorSunViewFactor 1.5', { 'node.radiatorSunViewFactor': 1.5 }, 'node.radiatorSunViewFactor', 'Too big: expected number to be <=1');
bad('earth-view-factor-negative', 'radiatorEarthViewFactor -1', { 'node.radiatorEarthViewFactor': -1 }, 'node.radiatorEarthViewFactor', 'Too small: expected number to be >=0');
bad('albedo-1-2', 'albedo 1.2', { 'environment.albedo': 1.2 }, 'environment.albedo', 'Too big: expected number to be <=1');
bad('min-soc-1-5', 'batteryMinStateOfCharge 1.5', { 'node.batteryMinStateOfCharge': 1.5 }, 'node.batteryMinStateOfCharge', 'Too big: expected number to be <=1');
bad('min-soc-one', 'batteryMinStateOfCharge 1 with a battery', { 'node.batteryMinStateOfCharge': 1, 'node.batteryInitialStateOfCharge': 1 }, 'node.batteryMinStateOfCharge', 'must be below 1');
bad('initial-soc-negative', 'batteryInitialStateOfCharge -0.1', { 'node.batteryInitialStateOfCharge': -0.1 }, 'node.batteryInitialStateOfCharge', 'Too small: expected number to be >=0');
bad('initial-below-min', 'initial state of charge below the minimum', { 'node.batteryInitialStateOfCharge': 0.1, 'node.batteryMinStateOfCharge': 0.2 }, 'node.batteryInitialStateOfCharge', 'must not be below node.batteryMinStateOfCharge');
bad('earth-ir-negative', 'earthIrWPerM2 -237', { 'environment.earthIrWPerM2': -237 }, 'environment.earthIrWPerM2', 'Too small: expected number to be >=0');

// altitudes
bad('altitude-inside-earth', 'altitudeKm -100', { 'constellation.altitudeKm': -100 }, 'constellation.altitudeKm', 'Too small: expected number to be >=160');
bad('altitude-zero', 'altitudeKm 0', { 'constellation.altitudeKm': 0 }, 'constellation.altitudeKm', 'Too small: expected number to be >=160');
bad('altitude-159', 'altitudeKm 159.9', { 'constellation.altitudeKm': 159.9 }, 'constellation.altitudeKm', 'Too small: expected number to be >=160');
bad('altitude-minus-earth-radius', 'altitudeKm -6378 (the Earth\'s centre)', { 'constellation.altitudeKm': -6378 }, 'constellation.altitudeKm', 'Too small: expected number to be >=160');
bad('altitude-40001', 'altitudeKm 40001', { 'constellation.altitudeKm': 40001 }, 'constellation.altitudeKm', 'Too big: expected number to be <=40000');
bad('altitude-moon', 'altitudeKm 384400 (the Moon)', { 'constellation.altitudeKm': 384400 }, 'constellation.altitudeKm', 'Too big: expected number to be <=40000');
bad('altitude-1e308', 'altitudeKm 1e308', { 'constellation.altitudeKm': 1e308 }, 'constellation.altitudeKm', 'Too big: expected number to be <=40000');
bad('sso-altitude-6000', 'sso at 6000 km (no sun-synchronous orbit)', { constellation: { type: 'sso', altitudeKm: 6000, ltanHours: 10, satellitesPerPlane: 2 } }, 'constellation.altitudeKm', 'Too big: expected number to be <=5500');
bad('cluster-altitude-100', 'cluster at 100 km', { constellation: { type: 'cluster', altitudeKm: 100, satellites: 4 } }, 'constellation.altitudeKm', 'Too small: expected number to be >=160');
bad('station-latitude-91', 'ground station latitude 91', { 'groundStations[0].latitudeDeg': 91 }, 'groundStations[0].latitudeDeg', 'Too big: expected number to be <=90');
bad('station-altitude-deep', 'ground station altitudeM -11000 (Mariana trench)', { 'groundStations[0].altitudeM': -11000 }, 'groundStations[0].altitudeM', 'Too small: expected number to be >=-500');

// NaN, Infinity, 1e308
const withRaw = (path: 'durationHours' | 'stepSeconds' | 'node', raw: string): string => {
  const s = js(sc({}));
  if (path === 'node') return s.replace('"solarArrayAreaM2": 105', `"solarArrayAreaM2": ${raw}`);
  return s.replace(path === 'durationHours' ? '"durationHours": 0.5' : '"stepSeconds": 300', `"${path}": ${raw}`);
};
badText('nan-literal', 'NaN literal (not JSON)', withRaw('durationHours', 'NaN'), '', "invalid JSON at line 4, column 20: Unexpected token 'N'");
badText('infinity-literal', 'Infinity literal (not JSON)', withRaw('stepSeconds', 'Infinity'), '', "invalid JSON at line 5, column 18: Unexpected token 'I'");
badText('minus-infinity-literal', '-Infinity literal (not JSON)', withRaw('node', '-Infinity'), '', 'invalid JSON at line 14, column 25');
badText('number-1e400', '1e400 decodes to Infinity', withRaw('durationHours', '1e400'), 'durationHours', 'expected a finite number, got a number too large to represent (1e309 or beyond)');
badText('number-minus-1e400', '-1e400 decodes to -Infinity', withRaw('node', '-1e400'), 'node.solarArrayAreaM2', 'expected a finite number, got a number too large to represent (-1e309 or beyond)');
badText('number-1e-400', '1e-400 underflows to 0', withRaw('node', '1e-400'), 'node.solarArrayAreaM2', 'must be greater than 0');
bad('duration-1e308', 'durationHours 1e308', { durationHours: 1e308 }, 'durationHours', 'Too big: expected number to be <=43920');
bad('step-1e308', 'stepSeconds 1e308', { stepSeconds: 1e308 }, 'stepSeconds', 'Too big: expected number to be <=3600');
bad('latitude-1e308', 'latitudeDeg 1e308', { 'groundStations[0].latitudeDeg': 1e308 }, 'groundStations[0].latitudeDeg', 'Too big: expected number to be <=90');
bad('temperature-minus-1e308', 'initialTemperatureC -1e308', { 'node.initialTemperatureC': -1e308 }, 'node.initialTemperatureC', 'Too small: expected number to be >=-150');
bad('nan-string', 'durationHours "NaN"', { durationHours: 'NaN' }, 'durationHours', 'expected a finite number, got string "NaN"');
bad('infinity-string', 'batteryCapacityKWh "Infinity"', { 'node.batteryCapacityKWh': 'Infinity' }, 'node.batteryCapacityKWh', 'expected a finite number, got string "Infinity"');
bad('inclination-subnormal', 'inclinationDeg 1e-310 (satellite.js SDP4 propagates subnormal inclinations to NaN)', { constellation: { type: 'walker', altitudeKm: 20000, inclinationDeg: 1e-310, planes: 1, satellitesPerPlane: 1 } }, 'constellation.inclinationDeg', 'non-zero values must be at least 1e-100 in magnitude');
bad('battery-subnormal', 'batteryCapacityKWh 5e-324 (states of charge lose all precision)', { 'node.batteryCapacityKWh': 5e-324 }, 'node.batteryCapacityKWh', 'non-zero values must be at least 1e-100 in magnitude');
bad('area-subnormal', 'solarArrayAreaM2 5e-324', { 'node.solarArrayAreaM2': 5e-324 }, 'node.solarArrayAreaM2', 'non-zero values must be at least 1e-100 in magnitude');
bad('battery-1e308', 'batteryCapacityKWh 1e308', { 'node.batteryCapacityKWh': 1e308 }, 'node.batteryCapacityKWh', 'Too big: expected number to be <=10000000');

// counts and sizes
bad('walker-1e7', '10⁷ satellites (1000 planes × 10000)', { 'constellation.planes': 1000, 'constellation.satellitesPerPlane': 10000, 'constellation.phasing': 0 }, 'constellation', '10000000 satellites exceed the limit of 100000');
bad('cluster-1e7', 'cluster of 10⁷', { constellation: { type: 'cluster', altitudeKm: 650, satellites: 1e7 } }, 'constellation.satellites', 'Too big: expected number to be <=10000');
bad('sso-1e7', 'sso of 10⁷ (1000 × 10000)', { constellation: { type: 'sso', altitudeKm: 600, ltanHours: 10, planes: 1000, satellitesPerPlane: 10000 } }, 'constellation', '10000000 satellites exceed the limit of 100000');
bad('planes-1e7', 'planes 10⁷', { 'constellation.planes': 1e7, 'constellation.phasing': 0 }, 'constellation.planes', 'Too big: expected number to be <=10000');
bad('planes-zero', 'planes 0', { 'constellation.planes': 0 }, 'constellation.planes', 'Too small: expected number to be >=1');
bad('satellites-per-plane-negative', 'satellitesPerPlane -3', { 'constellation.satellitesPerPlane': -3 }, 'constellation.satellitesPerPlane', 'Too small: expected number to be >=1');
bad('phasing-too-large', 'phasing ≥ planes', { 'constellation.phasing': 2 }, 'constellation.phasing', 'must be between 0 and planes − 1 (1)');
bad('satellite-steps', '100,000 satellites for a year at 60 s', { 'constellation.planes': 100, 'constellation.satellitesPerPlane': 1000, 'constellation.phasing': 0, durationHours: 8760, stepSeconds: 60 }, 'stepSeconds', '100000 satellites × 525600 steps exceed the limit of 2000000000 satellite-steps');
bad('stations-65', '65 ground stations (the engine tracks at most 64)', { groundStations: Array.from({ length: 65 }, (_, i) => ({ name: `GS${i}`, latitudeDeg: 0, longitudeDeg: i, downlinkGbps: 1 })) }, 'groundStations', 'Too big: expected array to have <=64 items');
valid('stations-64', 'valid: 64 ground stations, the limit', { groundStations: Array.from({ length: 64 }, (_, i) => ({ name: `GS${i}`, latitudeDeg: (i % 17) * 10 - 80, longitudeDeg: i * 5, downlinkGbps: 1 })) }, 4);

// time settings
bad('step-longer-than-horizon', 'a 300 s step over a 36 s horizon', { durationHours: 0.01 }, 'stepSeconds', 'step (300 s) is longer than the horizon (36 s)');
bad('horizon-zero', 'durationHours 0', { durationHours: 0 }, 'durationHours', 'must be greater than 0');
bad('horizon-negative', 'durationHours -1', { durationHours: -1 }, 'durationHours', 'must be greater than 0');
bad('step-zero', 'stepSeconds 0', { stepSeconds: 0 }, 'stepSeconds', 'Too small: expected number to be >=1');
bad('step-half-second', 'stepSeconds 0.5', { stepSeconds: 0.5 }, 'stepSeconds', 'Too small: expected number to be >=1');
bad('step-3601', 'stepSeconds 3601', { stepSeconds: 3601 }, 'stepSeconds', 'Too big: expected number to be <=3600');
bad('too-many-steps', '5 years at 1 s', { durationHours: 43920, stepSeconds: 1 }, 'stepSeconds', '158112000 steps exceed the limit of 2000000');
bad('duration-6-years', 'durationHours 52560 (6 years)', { durationHours: 52560 }, 'durationHours', 'Too big: expected number to be <=43920');
bad('start-word', 'startUtc "yesterday"', { startUtc: 'yesterday' }, 'startUtc', 'expected an ISO 8601 UTC time such as 2026-06-21T00:00:00Z');
bad('start-month-13', 'startUtc in month 13', { startUtc: '2026-13-01T00:00:00Z' }, 'startUtc', 'expected an ISO 8601 UTC time');
bad('start-feb-30', 'startUtc on 30 February', { startUtc: '2026-02-30T00:00:00Z' }, 'startUtc', 'expected an ISO 8601 UTC time');
bad('start-hour-25', 'startUtc at hour 25', { startUtc: '2026-06-21T25:00:00Z' }, 'startUtc', 'expected an ISO 8601 UTC time');
bad('start-1900', 'startUtc in 1900', { startUtc: '1900-01-01T00:00:00Z' }, 'startUtc', 'year must be within 1957–2100');
bad('start-2200', 'startUtc in 2200', { startUtc: '2200-01-01T00:00:00Z' }, 'startUtc', 'year must be within 1957–2100');
bad('start-empty', 'startUtc ""', { startUtc: '' }, 'startUtc', 'expected an ISO 8601 UTC time');
bad('start-us-format', 'startUtc "06/21/2026"', { startUtc: '06/21/2026' }, 'startUtc', 'expected an ISO 8601 UTC time');
valid('step-equals-horizon', 'valid: one step as long as the horizon', { durationHours: 0.25, stepSeconds: 900 }, 4);
valid('step-uneven', 'valid: a step that does not divide the horizon (short last step)', { durationHours: 0.3, stepSeconds: 250 }, 4);
valid('step-fractional', 'valid: a fractional step of 1.5 s over 30 s', { durationHours: 30 / 3600, stepSeconds: 1.5 }, 4);

// syntax and encoding
badText('truncated', 'the file ends mid-object', js(SC).slice(0, 120), '', 'invalid JSON at line');
badText('trailing-comma', 'a trailing comma', js(SC).replace('"stepSeconds": 300,', '"stepSeconds": 300,,'), '', 'invalid JSON at line 5, column 22');
badText('comment', 'a // comment (JSONC)', js(SC).replace('"durationHours": 0.5,', '"durationHours": 0.5, // half an hour'), '', 'invalid JSON at line 4, column 25');
badText('single-quotes', "single-quoted strings", js(SC).replace('"name": "hardening corpus"', "'name': 'hardening corpus'"), '', 'invalid JSON at line 2, column 3');
badText('empty-file', 'an empty file', '', '', 'invalid JSON at line 1, column 1');
badText('whitespace-file', 'only whitespace', '\n  \n\t\n', '', 'invalid JSON at line 4, column 1');
badText('crlf-syntax-error', 'Windows line endings with a missing comma on line 6', js(SC).replace('"stepSeconds": 300,', '"stepSeconds": 300').replace(/\n/g, '\r\n'), '', 'invalid JSON at line 6, column 3');
badText('crlf-bad-field', 'Windows line endings and a bad field', js(sc({ 'node.solarArrayAreaM2': -1 })).replace(/\n/g, '\r\n'), 'node.solarArrayAreaM2', 'must be greater than 0');
add('scenario', 'bom', 'valid: a UTF-8 byte order mark before the JSON (Windows editors)', `\uFEFF${js(SC)}`, { exitCode: 0, messageIncludes: [], satellites: 4 });
add('scenario', 'crlf-valid', 'valid: Windows line endings', js(SC).replace(/\n/g, '\r\n'), { exitCode: 0, messageIncludes: [], satellites: 4 });
add('scenario', 'unicode-names', 'valid: Unicode scenario and station names', js(sc({ name: 'Ορβιτάλ 计算 🛰️', 'groundStations[0].name': 'Svalbard — Ny-Ålesund ❄️' })), { exitCode: 0, messageIncludes: [], satellites: 4 });
add('scenario', 'duplicate-keys', 'valid: a duplicated key (JSON keeps the last value)', js(SC).replace('"durationHours": 0.5,', '"durationHours": 99,\n  "durationHours": 0.5,'), { exitCode: 0, messageIncludes: [], satellites: 4 });
add('scenario', 'nested-65', 'an unknown field nested 65 levels deep', js(SC).replace('"environment": {', `"environment": {\n    "deep": ${'{"a":'.repeat(63)}1${'}'.repeat(63)},`), { exitCode: 2, messageIncludes: ['JSON nested deeper than 64 levels'], issuePaths: [''] });
add('scenario', 'decayed-omm', 'valid OMM scenario whose only record has decayed by the start: runs, satellitesFailed 1, no NaN', js(sc({ constellation: { type: 'omm', records: [{ ...OMM_BASE[1], OBJECT_NAME: 'GONE', EPOCH: '2026-06-01T00:00:00', MEAN_MOTION: 16.4, BSTAR: 0.05, MEAN_MOTION_DOT: 0.005 }] } })), { exitCode: 0, messageIncludes: [], satellites: 1, statuses: ['decayed'] });

// generated huge scenario inputs
gen('scenario', '10mb-name', 'a 10 MB scenario name', { exitCode: 2, messageIncludes: ['name: Too big: expected string to have <=200 characters'], issuePaths: ['name'] });
gen('scenario', '10mb-station-name', 'a 10 MB ground station name', { exitCode: 2, messageIncludes: ['groundStations[0].name: Too big: expected string to have <=100 characters'], issuePaths: ['groundStations[0].name'] });
gen('scenario', '10mb-start', 'a 10 MB startUtc', { exitCode: 2, messageIncludes: ['startUtc: Too big: expected string to have <=64 characters'], issuePaths: ['startUtc'] });
gen('scenario', '10mb-key', 'a 10 MB unknown key: the message shortens it', { exitCode: 2, messageIncludes: ['kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…: unknown field'], issuePaths: [`${'k'.repeat(40)}…`] });
gen('scenario', '10mb-number-string', 'a 10 MB string where a number belongs', { exitCode: 2, messageIncludes: ['durationHours: expected a finite number, got string "1111111111111111111111111111111111111111…"'], issuePaths: ['durationHours'] });
gen('scenario', '10mb-enum', 'a 10 MB arrayPointing', { exitCode: 2, messageIncludes: ['node.arrayPointing: Invalid option'], issuePaths: ['node.arrayPointing'] });
gen('scenario', '10mb-tle-junk', 'TLE text of 10 MB junk in 100,000 lines: every line reported, none loads', { exitCode: 2, messageIncludes: ['line 1: unrecognised line', 'line 100000: unrecognised line', 'constellation.text'], failsAt: 'run' });
gen('scenario', '40mb-file', 'a 40 MB file (over the 32 MiB limit)', { exitCode: 2, messageIncludes: ['file larger than 33554432 characters'], issuePaths: [''] });
gen('scenario', 'nested-10000-objects', '10,000 levels of {"a": …} inside node', { exitCode: 2, messageIncludes: ['JSON nested deeper than 64 levels'], issuePaths: [''] });
gen('scenario', 'nested-10000-arrays', 'a document of 10,000 nested arrays', { exitCode: 2, messageIncludes: ['JSON nested deeper than 64 levels'], issuePaths: [''] });
gen('scenario', 'nested-10000-unclosed', '10,000 opening brackets and nothing else', { exitCode: 2, messageIncludes: ['invalid JSON at line 1, column 10001'], issuePaths: [''] });
gen('scenario', 'tle-100001-sets', '100,001 TLE sets (over the 100,000 satellite limit)', { exitCode: 2, messageIncludes: ['constellation.text: 100001 element sets exceed the limit of 100000'], issuePaths: ['constellation.text'] });
gen('scenario', 'omm-100001-records', '100,001 OMM records', { exitCode: 2, messageIncludes: ['constellation.records: Too big: expected array to have <=100000 items'], issuePaths: ['constellation.records'] });
gen('scenario', 'tle-satellite-steps', '30,000 TLE sets for a year at 1 min (too many satellite-steps)', { exitCode: 2, messageIncludes: ['stepSeconds: 30000 satellites × 525600 steps exceed the limit'], issuePaths: ['stepSeconds'] });

// ---------------------------------------------------------------------------
// Sweep files

const SW_BASE = { startUtc: '2026-06-21T00:00:00Z', durationHours: 0.25, stepSeconds: 300, constellation: { type: 'walker', altitudeKm: 550, inclinationDeg: 53, planes: 1, satellitesPerPlane: 2 } };
const sweep = (id: string, note: string, doc: unknown, why: string[], exitCode: 0 | 2 = 2, more: Partial<Expect> = {}): void =>
  add('sweep', id, note, typeof doc === 'string' ? doc : js(doc), { exitCode, messageIncludes: why, ...more });
sweep('vary-empty', 'vary []', { base: SW_BASE, vary: [] }, ['vary: vary one or two fields']);
sweep('vary-three', 'three varied fields', { base: SW_BASE, vary: ['a', 'b', 'c'].map((f) => ({ field: `node.${f}`, values: [1] })) }, ['vary: vary one or two fields']);
sweep('field-bad-path', 'field "node..busPowerW"', { base: SW_BASE, vary: [{ field: 'node..busPowerW', values: [1] }] }, ['vary[0].field: expected a field path such as constellation.altitudeKm']);
sweep('field-huge-index', 'field "groundStations[999999999].name" (would build a huge sparse array)', { base: SW_BASE, vary: [{ field: 'groundStations[999999999].name', values: ['x'] }] }, ['vary[0].field: expected a field path']);
sweep('field-unknown', 'field "node.gpuCount" (not a scenario field)', { base: SW_BASE, vary: [{ field: 'node.gpuCount', values: [1, 2] }] }, ['design node.gpuCount=1: node.gpuCount: unknown field', 'design node.gpuCount=2: node.gpuCount: unknown field']);
sweep('value-invalid', 'one value out of range', { base: SW_BASE, vary: [{ field: 'node.solarCellEfficiency', values: [0.3, 1.5] }] }, ['design node.solarCellEfficiency=1.5: node.solarCellEfficiency: Too big']);
sweep('value-object', 'a value that is an object', { base: SW_BASE, vary: [{ field: 'node.busPowerW', values: [1, { w: 2 }] }] }, ['vary[0].values[1]: expected a finite number, a string or a boolean']);
sweep('value-1e400', 'a value 1e400 (Infinity)', js({ base: SW_BASE, vary: [{ field: 'node.busPowerW', values: [1, 12345] }] }).replace('12345', '1e400'), ['vary[0].values[1]: expected a finite number, a string or a boolean']);
sweep('values-empty', 'values []', { base: SW_BASE, vary: [{ field: 'node.busPowerW', values: [] }] }, ['vary[0].values: Too small: expected array to have >=1 items']);
sweep('too-many-designs', '101 × 100 designs (a whole-document limit)', { base: SW_BASE, vary: [{ field: 'node.busPowerW', values: Array.from({ length: 101 }, (_, i) => i) }, { field: 'node.computePowerW', values: Array.from({ length: 100 }, (_, i) => i + 1) }] }, ['10100 designs exceed the limit of 10000'], 2, { document: true });
sweep('base-missing', 'no base', { vary: [{ field: 'node.busPowerW', values: [1] }] }, ['base: required']);
sweep('base-invalid', 'base with durationHours 0', { base: { ...SW_BASE, durationHours: 0 }, vary: [{ field: 'node.busPowerW', values: [1] }] }, ['base: durationHours: must be greater than 0']);
sweep('unknown-key', 'an unknown top-level key', { base: SW_BASE, vary: [{ field: 'node.busPowerW', values: [1] }], repeat: 3 }, ['repeat: unknown field']);
sweep('root-array', 'the document is an array', [SW_BASE], ['(root): Invalid input: expected object, received array']);
sweep('syntax-error', 'a missing comma on line 3', '{\n  "base": {}\n  "vary": []\n}\n', ['invalid JSON at line 3, column 3']);
sweep('tle-base-bad-line', 'a TLE base with one bad set: the sweep runs and reports line 6 once', { base: { ...SW_BASE, startUtc: '2006-06-20T00:00:00Z', constellation: { type: 'tle', text: three(DEL[1], DEL[2].slice(0, 68) + '0') } }, vary: [{ field: 'node.busPowerW', values: [100, 200] }] }, ['line 6: TLE line 2 checksum mismatch'], 0);
sweep('tle-base-all-bad', 'a TLE base with no loadable set', { base: { ...SW_BASE, startUtc: '2006-06-20T00:00:00Z', constellation: { type: 'tle', text: 'not a tle\n' } }, vary: [{ field: 'node.busPowerW', values: [100] }] }, ['line 1: unrecognised line', 'design 1: no valid satellites in the scenario — constellation.text: no loadable element set (1 problem reported above)'], 2, { failsAt: 'run' });
gen('sweep', 'nested-10000-base', 'base nested 10,000 levels deep', { exitCode: 2, messageIncludes: ['base: JSON nested deeper than 64 levels'] });

// ---------------------------------------------------------------------------
const about =
  'Malformed-input corpus, generated by build-corpus.ts: one file per case in corpus/ (or a generator in corpus.test.ts for huge inputs). kind: scenario = scenario JSON; tle = TLE text, run inside {"type":"tle","text":…}; omm = OMM JSON, spliced into {"type":"omm","records":…}; sweep = sweep file. expect.messageIncludes: substrings of the CLI stderr that name the field path or line; goodRecords: sets that load (library); badLines / badRecords: exactly the lines / record indices the library reports; epochWarnings: exactly the lines (TLE) or record indices (OMM) warned about for an epoch more than 30 days from the start; statuses: result.json satellite statuses; issuePaths: paths among parseScenarioJson issues; satellites: result.json satellite count; failsAt "run": valid input whose run finds no satellite; document: the problem concerns the whole file.';
const defaults = { startUtc: '2006-06-20T00:00:00Z', durationHours: 0.25, stepSeconds: 300 };
// One case per line, so a change shows as a one-line diff.
writeFileSync(
  `${ROOT}/corpus.json`,
  `{\n "about": ${JSON.stringify(about)},\n "defaults": ${JSON.stringify(defaults)},\n "cases": [\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n ]\n}\n`,
);
const byKind = cases.reduce<Record<string, number>>((a, c) => ((a[c.kind] = (a[c.kind] ?? 0) + 1), a), {});
console.log(`${cases.length} cases`, byKind);
