/**
 * Per-satellite link record of one node step, shared by the ground-station
 * downlink allocation (downlink.ts) and inter-satellite relay (relay.ts), and
 * read by the node models (storage) afterwards. Data in GB over the node
 * step: a node step is one or more samples (sub-steps); each sub-step adds to
 * `capacityGB` and ORs `flags`, so after the last one the record holds the
 * whole step. Typed arrays of N satellites, allocated once.
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
  /** Data the satellite would still send in the current sub-step: stored + produced at full compute − capacity so far (GB). Valid for active satellites. */
  readonly demandGB: Float64Array;
  /** Data its links can carry this node step (GB), summed over sub-steps; 0 without a link. */
  readonly capacityGB: Float64Array;
  /** LINK_* bits, ORed over the node step's sub-steps. */
  readonly flags: Uint8Array;
  /** Number of the sub-step in which the satellite last held a link (antenna or relay) or was reserved by the antenna holding it; compare with `subStep`. */
  readonly servedIn: Int32Array;
  /** Number of the current sub-step (counts up over the run). */
  subStep = 0;

  constructor(readonly n: number) {
    this.demandGB = new Float64Array(n);
    this.capacityGB = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.servedIn = new Int32Array(n).fill(-1);
  }

  /** Starts a node step: no flags, no capacity. */
  clear(): void {
    this.flags.fill(0);
    this.capacityGB.fill(0);
  }

  /** Starts a sub-step (no satellite served in it yet). */
  nextSubStep(): void {
    if (this.subStep === 0x7fffffff) {
      this.subStep = 0;
      this.servedIn.fill(-1);
    } else this.subStep++;
  }

  /** Whether satellite i already holds a link in the current sub-step. */
  servedNow(i: number): boolean {
    return this.servedIn[i] === this.subStep;
  }
}
