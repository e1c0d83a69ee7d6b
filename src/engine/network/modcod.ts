/**
 * DVB-S2 modulation and coding (MODCOD) choice for a ground link.
 * Each MODCOD needs an ideal Es/N0 (dB) and carries a spectral efficiency η
 * (information bits per transmitted symbol); ETSI EN 302 307-1 V1.4.1,
 * Table 13 (normal FECFRAME, 64,800 bits, no pilots; quasi-error-free
 * PER 10⁻⁷ on an AWGN channel). The link uses the most efficient MODCOD
 * whose threshold is ≤ the Es/N0 available after the implementation margin
 * (adaptive coding and modulation, as EO downlinks fly it); below the lowest
 * threshold (QPSK 1/4, −2.35 dB) it carries nothing.
 *   rate (bit/s) = Rs (symbol/s) · η(available Es/N0)
 * Efficiency is not monotonic in threshold (8PSK 5/6 needs more than
 * 16APSK 2/3 and carries less), so the table is kept sorted by threshold
 * with the running maximum of η (allocated once, at module load).
 */

/** [name, ideal Es/N0 (dB), spectral efficiency (bit/symbol)]: EN 302 307-1 Table 13. */
export const DVBS2_MODCODS: ReadonlyArray<readonly [string, number, number]> = [
  ['QPSK 1/4', -2.35, 0.490243],
  ['QPSK 1/3', -1.24, 0.656448],
  ['QPSK 2/5', -0.3, 0.789412],
  ['QPSK 1/2', 1.0, 0.988858],
  ['QPSK 3/5', 2.23, 1.188304],
  ['QPSK 2/3', 3.1, 1.322253],
  ['QPSK 3/4', 4.03, 1.487473],
  ['QPSK 4/5', 4.68, 1.587196],
  ['QPSK 5/6', 5.18, 1.654663],
  ['QPSK 8/9', 6.2, 1.766451],
  ['QPSK 9/10', 6.42, 1.788612],
  ['8PSK 3/5', 5.5, 1.779991],
  ['8PSK 2/3', 6.62, 1.980636],
  ['8PSK 3/4', 7.91, 2.228124],
  ['8PSK 5/6', 9.35, 2.478562],
  ['8PSK 8/9', 10.69, 2.646012],
  ['8PSK 9/10', 10.98, 2.679207],
  ['16APSK 2/3', 8.97, 2.637201],
  ['16APSK 3/4', 10.21, 2.966728],
  ['16APSK 4/5', 11.03, 3.165623],
  ['16APSK 5/6', 11.61, 3.300184],
  ['16APSK 8/9', 12.89, 3.523143],
  ['16APSK 9/10', 13.13, 3.567342],
  ['32APSK 3/4', 12.73, 3.703295],
  ['32APSK 4/5', 13.64, 3.951571],
  ['32APSK 5/6', 14.28, 4.11954],
  ['32APSK 8/9', 15.69, 4.397854],
  ['32APSK 9/10', 16.05, 4.453027],
];

const order = DVBS2_MODCODS.map((_, k) => k).sort((a, b) => DVBS2_MODCODS[a][1] - DVBS2_MODCODS[b][1]);
/** Thresholds in ascending order (dB). */
const THRESHOLD_DB = Float64Array.from(order, (k) => DVBS2_MODCODS[k][1]);
/** Best efficiency among the MODCODs up to and including position p of THRESHOLD_DB. */
const BEST_EFFICIENCY = new Float64Array(order.length);
/** Index into DVBS2_MODCODS of that best MODCOD. */
const BEST_INDEX = new Int32Array(order.length);
for (let p = 0; p < order.length; p++) {
  const k = order[p];
  const better = p === 0 || DVBS2_MODCODS[k][2] > BEST_EFFICIENCY[p - 1];
  BEST_EFFICIENCY[p] = better ? DVBS2_MODCODS[k][2] : BEST_EFFICIENCY[p - 1];
  BEST_INDEX[p] = better ? k : BEST_INDEX[p - 1];
}

/** Position of the last threshold ≤ esN0Db in THRESHOLD_DB, or −1 (binary search; NaN → −1). */
function lastFitting(esN0Db: number): number {
  if (!(esN0Db >= THRESHOLD_DB[0])) return -1;
  let lo = 0;
  let hi = THRESHOLD_DB.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (THRESHOLD_DB[mid] <= esN0Db) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Spectral efficiency (bit/symbol) of the best MODCOD whose ideal threshold
 * is ≤ `availableEsN0Db` (Es/N0 after the implementation margin, dB); 0 below
 * the lowest threshold. Does not allocate.
 */
export function spectralEfficiency(availableEsN0Db: number): number {
  const p = lastFitting(availableEsN0Db);
  return p < 0 ? 0 : BEST_EFFICIENCY[p];
}

/** Name of that MODCOD ('' below the lowest threshold); for reports and tests. */
export function modcodName(availableEsN0Db: number): string {
  const p = lastFitting(availableEsN0Db);
  return p < 0 ? '' : DVBS2_MODCODS[BEST_INDEX[p]][0];
}
