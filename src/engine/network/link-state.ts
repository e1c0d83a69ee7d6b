/**
 * Per-satellite link record of one step, shared by the ground-station
 * downlink allocation (downlink.ts) and inter-satellite relay (relay.ts), and
 * read by the node models (storage) afterwards. Data in GB over the step.
 * Typed arrays of N satellites, allocated once; rewritten every step.
 */

/** Some station sees the satellite above its mask. */
export const LINK_IN_VIEW = 1;
/** The satellite holds a station antenna this step. */
export const LINK_ANTENNA = 2;
/** The satellite sends through a neighbour's antenna (inter-satellite link). */
export const LINK_RELAYED = 4;
/** Holds a link to the ground, directly or relayed. */
export const LINK_SERVED = LINK_ANTENNA | LINK_RELAYED;

export class LinkState {
  /** Data the satellite would send this step: stored + produced at full compute (GB). Valid for active satellites. */
  readonly demandGB: Float64Array;
  /** Data its link can carry this step (GB); 0 without a link. */
  readonly capacityGB: Float64Array;
  /** LINK_* bits. */
  readonly flags: Uint8Array;

  constructor(readonly n: number) {
    this.demandGB = new Float64Array(n);
    this.capacityGB = new Float64Array(n);
    this.flags = new Uint8Array(n);
  }
}
