/**
 * Run alerts: what an analyst must know before trusting a run's KPIs (not at
 * steady state yet, unmet bus load, temperature beyond limits, satellites
 * decayed or failed, storage saturated, a season the run does not show).
 * Computed from the run's series, events and satellite states after the run.
 */

export type AlertSeverity = 'error' | 'warning' | 'info';

/** What the app can offer to do about an alert. */
export type AlertAction = 'extend-run' | 'start-at-epoch';

export interface RunAlert {
  /** Stable code (tests and hooks), e.g. 'not-steady-state', 'unmet-bus-load'. */
  code: string;
  severity: AlertSeverity;
  /** One line, plain language, with the number (e.g. "Bus load unmet: 229 MWh/day"). */
  title: string;
  /** What it means and what to do (one or two sentences). */
  detail: string;
  /** Satellites concerned (indices), at most a few hundred; empty when it is the whole run. */
  satellites: number[];
  action?: AlertAction;
}
