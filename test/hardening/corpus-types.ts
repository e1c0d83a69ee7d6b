/** Manifest types shared by the corpus generator and the corpus test. */
export type Kind = 'scenario' | 'tle' | 'omm' | 'sweep';

export interface Expect {
  exitCode: 0 | 2;
  messageIncludes: string[];
  goodRecords?: number;
  badLines?: number[];
  badRecords?: number[];
  /** Lines (TLE) or record indices (OMM) that get an epoch warning; default none. */
  epochWarnings?: number[];
  statuses?: string[];
  names?: string[];
  issuePaths?: string[];
  satellites?: number;
  /** The input validates; the run then finds no satellite (exit 2 from the CLI only). */
  failsAt?: 'run';
  /** The problem concerns the whole document (size, nesting, design count), not one field. */
  document?: true;
}

export interface Case {
  id: string;
  kind: Kind;
  file?: string;
  generate?: string;
  note: string;
  startUtc?: string;
  expect: Expect;
}
