/**
 * Status codes shared by the engine, the workers and the 3D view (whose
 * shader decodes the per-step status byte with these same values).
 */

/** Satellite status codes. */
export const SAT_OK = 0;
export const SAT_DECAYED = 1;
export const SAT_ERROR = 2;
export const SAT_STATUS_NAMES = ['ok', 'decayed', 'error'] as const;

/** Bits of the per-satellite, per-step status code (see SimulationOutput.statusCodes). */
export const STATUS_LIMIT_MASK = 0b11; // 0 full, 1 power, 2 thermal, 3 storage
export const STATUS_ECLIPSE = 1 << 2; // shadow fraction ≥ 0.5
export const STATUS_CONTACT = 1 << 3; // some station sees it above its mask
export const STATUS_FAILED = 1 << 4; // not propagating
export const STATUS_IDLE = 1 << 5; // compute fraction 0
export const STATUS_DOWNLINK = 1 << 6; // holding a station link this step
