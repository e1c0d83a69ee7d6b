/**
 * On-board data storage over one step (GB):
 *   H = S₀ + P,   D = min(H, L),   S₁ = min(C, H − D)
 * S stored data, P produced by compute this step (u · output rate · dt), L
 * link capacity this step (station antenna or relay; 0 without a link), D
 * downlinked, C capacity. The compute controller plans P ≤ C − S₀ + L
 * (storageRoomGB), so the cap only absorbs rounding.
 * Source: the README's "Compute" and "Downlink" models.
 */

/** Room for new output this step (GB): free space plus what the link carries away. */
export function storageRoomGB(storedGB: number, capacityGB: number, linkCapGB: number): number {
  return capacityGB - storedGB + linkCapGB;
}

/** Data downlinked this step (GB) from `heldGB` = stored + produced. */
export function downlinkedGB(heldGB: number, linkCapGB: number): number {
  return Math.min(heldGB, linkCapGB);
}

/** Data stored at the step's end (GB). */
export function storedAfterGB(heldGB: number, downGB: number, capacityGB: number): number {
  const left = heldGB - downGB;
  return left > capacityGB ? capacityGB : left;
}
