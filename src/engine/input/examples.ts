/**
 * The element-set examples: three real sets of June 2006 as TLE text and as
 * OMM records, with the presets' ground network (presets.ts GROUND_NETWORK).
 * One source for the app's example designs (src/ui/design-presets.ts) and the
 * CLI's example files (assets/scenarios/iss-tle.json, omm-example.json, each
 * this scenario named by its example's title; test/engine/input/examples.test.ts).
 *   ISS (ZARYA), NORAD 25544: the public NORAD set of 2006-06-13;
 *   DELTA 1 DEB (06251) and CBERS 2 (28057): from Vallado's SGP4 verification
 *   set (test/fixtures/sgp4/SGP4-VER.TLE; Vallado, Crawford, Hujsak & Kelso,
 *   "Revisiting Spacetrack Report #3", AIAA 2006-6753).
 * The run starts on 2006-06-20, within 8 days of every epoch (SGP4 holds
 * near the epoch; elements.ts EPOCH_WARNING_DAYS).
 */
import { GROUND_NETWORK, type Preset } from './presets';

/** The three sets as 3-line TLEs. */
export const EXAMPLE_TLE_TEXT =
  'ISS (ZARYA)\n1 25544U 98067A   06164.43693594  .00014277  00000-0  10780-3 0  6795\n2 25544  51.6455 280.1294 0004346 245.9311 226.9658 15.72751720375095\n' +
  'DELTA 1 DEB\n1 06251U 62025E   06176.82412014  .00008885  00000-0  12808-3 0  3985\n2 06251  58.0579  54.0425 0030035 139.1568 221.1854 15.56387291  6774\n' +
  'CBERS 2\n1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836\n2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550\n';

/** The same sets as OMM records (CelesTrak GP JSON), field for field from the TLEs. */
export const EXAMPLE_OMM_RECORDS: ReadonlyArray<Readonly<Record<string, string | number>>> = [
  {
    OBJECT_NAME: 'ISS (ZARYA)',
    OBJECT_ID: '1998-067A',
    EPOCH: '2006-06-13T10:29:11.265216',
    MEAN_MOTION: 15.7275172,
    ECCENTRICITY: 0.0004346,
    INCLINATION: 51.6455,
    RA_OF_ASC_NODE: 280.1294,
    ARG_OF_PERICENTER: 245.9311,
    MEAN_ANOMALY: 226.9658,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 25544,
    ELEMENT_SET_NO: 679,
    REV_AT_EPOCH: 37509,
    BSTAR: 0.0001078,
    MEAN_MOTION_DOT: 0.00014277,
    MEAN_MOTION_DDOT: 0,
  },
  {
    OBJECT_NAME: 'DELTA 1 DEB',
    OBJECT_ID: '1962-025E',
    EPOCH: '2006-06-25T19:46:43.980096',
    MEAN_MOTION: 15.56387291,
    ECCENTRICITY: 0.0030035,
    INCLINATION: 58.0579,
    RA_OF_ASC_NODE: 54.0425,
    ARG_OF_PERICENTER: 139.1568,
    MEAN_ANOMALY: 221.1854,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 6251,
    ELEMENT_SET_NO: 398,
    REV_AT_EPOCH: 677,
    BSTAR: 0.00012808,
    MEAN_MOTION_DOT: 0.00008885,
    MEAN_MOTION_DDOT: 0,
  },
  {
    OBJECT_NAME: 'CBERS 2',
    OBJECT_ID: '2003-049A',
    EPOCH: '2006-06-26T18:52:04.079712',
    MEAN_MOTION: 14.3547808,
    ECCENTRICITY: 0.0000884,
    INCLINATION: 98.4283,
    RA_OF_ASC_NODE: 247.6961,
    ARG_OF_PERICENTER: 88.1964,
    MEAN_ANOMALY: 271.9322,
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: 28057,
    ELEMENT_SET_NO: 183,
    REV_AT_EPOCH: 14055,
    BSTAR: 0.00003594,
    MEAN_MOTION_DOT: 6e-7,
    MEAN_MOTION_DDOT: 0,
  },
];

const SOURCE =
  "ISS (ZARYA): the public NORAD set of 13 June 2006; DELTA 1 DEB and CBERS 2: Vallado's SGP4 verification set (AIAA 2006-6753). The run starts on 20 June 2006, within 8 days of every epoch; ground stations as the presets'.";

/** The examples, in menu order (the name is the app's preset value; the CLI's file is named in the header). */
export const ELEMENT_SET_EXAMPLES: readonly Preset[] = [
  {
    name: 'example-tle',
    title: 'Example: real TLEs of June 2006 (ISS, Delta 1 debris, CBERS 2) with the preset ground stations',
    source: SOURCE,
    scenario: {
      name: 'Imported TLE example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'tle', text: EXAMPLE_TLE_TEXT },
      groundStations: GROUND_NETWORK,
    },
  },
  {
    name: 'example-omm',
    title: 'Example: the same element sets as OMM records (CelesTrak GP JSON) with the preset ground stations',
    source: SOURCE,
    scenario: {
      name: 'Imported OMM example',
      startUtc: '2006-06-20T00:00:00Z',
      durationHours: 24,
      stepSeconds: 60,
      constellation: { type: 'omm', records: EXAMPLE_OMM_RECORDS.map((r) => ({ ...r })) },
      groundStations: GROUND_NETWORK,
    },
  },
];

/** The example named `name` ('example-tle', 'example-omm'). */
export function findExample(name: string): Preset | undefined {
  return ELEMENT_SET_EXAMPLES.find((e) => e.name === name);
}
