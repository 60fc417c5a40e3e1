/**
 * Training runs: a trainee works a scenario on a training server, and the server scores what
 * actually happened in its store during the run against the outcome the scenario expects.
 * Times are UTC epoch milliseconds; the HTTP layer turns them into ISO 8601.
 */
import type { Disposition } from '@openrtcc/domain';

/** Every hit raised during the run on a read of `readPlate` (the text the camera read) carries `disposition`. */
export interface HitDispositionExpectation {
  id: string;
  kind: 'hit_disposition';
  description: string;
  /** Why this is the right outcome; shown with the final score only. */
  debrief?: string;
  /** Normalized plate text of the read, as the camera read it (not the hit's matched text). */
  readPlate: string;
  /** Only hits on this hotlist plate count, when given. */
  entryPlate?: string;
  disposition: Disposition;
}

/** A search of plate reads made during the run returned a read of the vehicle. */
export interface SearchFindsExpectation {
  id: string;
  kind: 'search_finds';
  description: string;
  /** Why this is the right outcome; shown with the final score only. */
  debrief?: string;
  /** The vehicle's true plate, for the feedback. */
  vehiclePlate: string;
  /** Every plate text the cameras read for the vehicle during the run (misreads included). */
  readPlates: string[];
  /** The search must carry this justification (each field compared when given). */
  justification?: { offenseType?: string; caseNumber?: string };
  /** The search must give `from` and `to`, at most this many minutes apart. */
  maxWindowMinutes?: number;
}

/**
 * An area search near a scene: a search of plate reads made during the run whose area (circle or
 * polygon) covers `point`, reaches no further than `maxRadiusMeters` from it, whose time window
 * holds `at` and is at most `maxWindowMinutes` wide, and which returned a read of each vehicle.
 * The cameras of those reads are the cameras near the scene.
 */
export interface AreaSearchFindsExpectation {
  id: string;
  kind: 'area_search_finds';
  description: string;
  /** Why this is the right outcome; shown with the final score only. */
  debrief?: string;
  /** The scene, [lon, lat]. */
  point: [number, number];
  /** When it happened (UTC epoch ms): the window must hold it. */
  at: number;
  /** Each vehicle whose reads the search must return: its true plate and the texts the cameras read. */
  vehicles: { plate: string; readPlates: string[] }[];
  /** How far from `point` the area may reach: a circle's radius; a polygon's farthest corner. */
  maxRadiusMeters: number;
  /** The search must give `from` and `to`, at most this many minutes apart. */
  maxWindowMinutes: number;
  /** The search must carry this justification (each field compared when given). */
  justification?: { offenseType?: string; caseNumber?: string };
}

/** The plate was put on a hotlist (a BOLO …) during the run, and the entry is still active. */
export interface HotlistEntryExpectation {
  id: string;
  kind: 'hotlist_entry';
  description: string;
  /** Why this is the right outcome; shown with the final score only. */
  debrief?: string;
  plate: string;
}

export type TrainingExpectation = HitDispositionExpectation | SearchFindsExpectation | AreaSearchFindsExpectation | HotlistEntryExpectation;

export const EXPECTATION_KINDS = ['hit_disposition', 'search_finds', 'area_search_finds', 'hotlist_entry'] as const satisfies readonly TrainingExpectation['kind'][];

/** What the server found for one expected item. */
export interface TrainingScoreItem {
  id: string;
  kind: TrainingExpectation['kind'];
  description: string;
  met: boolean;
  /** Why, in words a trainee understands; while the run goes on it never gives the answer away. */
  reason: string;
  /** The scenario's explanation, once the run is finished. */
  debrief?: string;
  /** The records the verdict rests on. */
  evidence: { hitIds?: string[]; auditIds?: string[]; entryIds?: string[] };
}

export interface TrainingScore {
  computedAt: number;
  met: number;
  of: number;
  items: TrainingScoreItem[];
}

/** A trainee's run of a scenario. */
export interface TrainingRun {
  id: string;
  scenarioId: string;
  title: string;
  /** The person training; when named, only hit verifications under this name count. */
  trainee?: string;
  briefing?: string;
  startedAt: number;
  /** Who registered the run (the principal's name). */
  startedBy: string;
  finishedAt?: number;
  finishedBy?: string;
  expected: TrainingExpectation[];
  /** The score as it stood at finish; a running run is scored on every request. */
  result?: TrainingScore;
}
