/**
 * Per-satellite link record of one step, shared by the ground-station
 * downlink allocation (downlink.ts) and inter-satellite relay (relay.ts), and
 * read by the node models (storage) afterwards. Data in GB over the step.
 * Typed arrays of N satellites, allocated once; rewritten every step.
 * Satellites not active in the step have no flags.
 */
import { STATUS_CONTACT, STATUS_DOWNLINK } from '../run/status';

/** Some station sees the satellite above its mask. */
export const LINK_IN_VIEW = STATUS_CONTACT;
/** The satellite holds a station antenna this step. */
export const LINK_ANTENNA = STATUS_DOWNLINK;
/** The satellite sends through a neighbour's antenna (inter-satellite link). */
export const LINK_RELAYED = 1 << 7;
/** Holds a link to the ground, directly or relayed. */
export const LINK_SERVED = LINK_ANTENNA | LINK_RELAYED;
/**
 * The bits shared with the per-step status byte. LINK_IN_VIEW and
 * LINK_ANTENNA are the status byte's own bits (run/status.ts) and
 * LINK_RELAYED a bit it does not use, so the node step (run/node-step.ts)
 * ORs them into its status byte with one mask, and recording status is a
 * copy. (A separate status pass testing each flag cost ≈9 % of phase B,
 * 1,000 satellites × 12 h at 10 s.)
 */
export const LINK_STATUS_BITS = LINK_IN_VIEW | LINK_ANTENNA;

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
