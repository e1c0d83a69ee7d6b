/**
 * Ground-link budget (satellite → station), per station, along the pass:
 *   FSPL(d)   = 20·log10(4π·d/λ)                      (dB; d slant range, λ = c/f)
 *   A_atm(el) = A_zenith / max(sin el, sin 5°)          (dB; gases and clouds,
 *               ITU-R P.676 Annex 2 and P.840 cosecant law, valid above 5°)
 *   Es/N0     = EIRP − FSPL(d) − A_atm(el) − M_rain + G/T − 10·log10(k) − 10·log10(Rs)
 *   EIRP      = 10·log10(P_tx / 1 W) + G_tx             (dBW)
 *   rate      = Rs · η(Es/N0 − M_impl)                  (bit/s; η from modcod.ts, 0 below QPSK 1/4)
 * k = 1.380649e-23 J/K (Boltzmann, SI 2019), so −10·log10(k) = 228.60 dB(W/(Hz·K)).
 * The distance-free part is folded into one constant per station
 * (`budgetConstantDb`), so per satellite the rate costs one log10 and one
 * table look-up. Units: km, GHz, symbol/s, GB/s (10⁹ bytes). Sources and
 * defaults: docs/reference/link-sources.md.
 */
import type { BudgetStation } from '../input/network-schema';
import type { GroundStation, Scenario } from '../input/scenario';
import { spectralEfficiency } from './modcod';

/** Speed of light (m/s), exact. */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;
/** Boltzmann constant (J/K), exact since the 2019 SI. */
export const BOLTZMANN_J_PER_K = 1.380649e-23;
/** ln 10 (the constant, so no Math property outside the deterministic set is read). */
const LN10 = 2.302585092994046;

/** log₁₀ through Math.log, which the deterministic math replaces (core/det-math; Math.log10 it does not). */
function log10(x: number): number {
  return Math.log(x) / LN10;
}

/** −10·log10(k) (dB). */
export const MINUS_10LOG_BOLTZMANN_DB = -10 * log10(BOLTZMANN_J_PER_K);
/** Lowest elevation at which the cosecant law for the atmosphere is used (P.676: 5°–90°). */
export const MIN_SIN_ELEVATION_ATMOSPHERE = Math.sin((5 * Math.PI) / 180);

/** Free-space path loss (dB) over `distanceKm` at `frequencyGHz`. */
export function freeSpacePathLossDb(distanceKm: number, frequencyGHz: number): number {
  const lambdaM = SPEED_OF_LIGHT_M_PER_S / (frequencyGHz * 1e9);
  return 20 * log10((4 * Math.PI * distanceKm * 1000) / lambdaM);
}

/** Atmospheric loss (dB) at elevation sine `sinEl` for a zenith loss `zenithDb`. */
export function atmosphericLossDb(zenithDb: number, sinEl: number): number {
  return zenithDb / (sinEl > MIN_SIN_ELEVATION_ATMOSPHERE ? sinEl : MIN_SIN_ELEVATION_ATMOSPHERE);
}

/**
 * Es/N0 available to the modem (dB) at a slant range of 1 km and zenith-free
 * atmosphere, implementation margin already taken off:
 *   EIRP − 20·log10(4π·1000 m/λ) − M_rain + G/T + 228.60 − 10·log10(Rs) − M_impl.
 * Subtract 20·log10(d/km) and A_atm(el) to get the value at a slant range d.
 */
export function budgetConstantDb(g: BudgetStation): number {
  const eirpDbw = 10 * log10(g.transmitPowerW) + g.transmitAntennaGainDbi;
  const symbolRate = g.symbolRateMsps * 1e6;
  return (
    eirpDbw -
    freeSpacePathLossDb(1, g.frequencyGHz) -
    g.rainMarginDb +
    g.gOverTDbPerK +
    MINUS_10LOG_BOLTZMANN_DB -
    10 * log10(symbolRate) -
    g.implementationMarginDb
  );
}

/**
 * Rate (GB/s) of a budget link: constant `c0Db` (budgetConstantDb), slant
 * range `distanceKm`, elevation sine `sinEl`, zenith atmosphere `atmZenithDb`,
 * symbol rate `symbolRate` (symbol/s). 0 when the link does not close.
 */
export function budgetRateGBps(c0Db: number, atmZenithDb: number, symbolRate: number, distanceKm: number, sinEl: number): number {
  const available = c0Db - 20 * log10(distanceKm) - atmosphericLossDb(atmZenithDb, sinEl);
  return (symbolRate * spectralEfficiency(available)) / 8e9;
}

/** Highest rate a station's link can reach (Gbps): the fixed rate, or Rs times the top MODCOD's efficiency (an upper bound for checks). */
export function maxRateGbps(g: GroundStation): number {
  return g.linkModel === 'fixed' ? g.downlinkGbps : (g.symbolRateMsps * 1e6 * spectralEfficiency(Number.POSITIVE_INFINITY)) / 1e9;
}

/**
 * True when links need satellite positions: inter-satellite links are on, or
 * some station's rate comes from a budget (slant range, elevation). The run
 * then fills the chunk's TEME positions.
 */
export function needsPositions(scenario: Pick<Scenario, 'groundStations' | 'interSatelliteLinks'>): boolean {
  return scenario.interSatelliteLinks.enabled || scenario.groundStations.some((g) => g.linkModel === 'budget');
}
