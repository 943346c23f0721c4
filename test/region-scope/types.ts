import type { Role } from '../../src/platform/access/principal.ts';
import type { TestApp } from '../support/app.ts';
import type { Client, Response } from '../support/http-client.ts';

/** Region 78's data that region 77's users try to reach. */
export interface Target {
  user78: { id: number; username: string };
  token78: { id: number; secret: string };
  /** Regional supplements of region 78 in each workflow state, under the federal answer `parent`. */
  kb: { parent: string; draft: string; inReview: string; inReview2: string; live: string; archived: string };
  /** A call of region 78 ringing for its operator; the region's queue. */
  cc: { callId: string; operatorId: number; queueId: number };
  /** A webhook subscribed to region 78's alerts. */
  monitoring: { webhookId: number };
  /** A volunteer enrolment filed in region 78, and the officer of its organisation. */
  appeals: { number: string; officerId: number };
}

export interface Attempt {
  /** Try to touch region 78's data: must be refused (403 or 404). */
  run: (c: Client, t: Target) => Promise<Response>;
  /** Afterwards, region 78's data must be as it was. */
  unchanged?: (app: TestApp, t: Target) => Promise<void>;
  /** Who in region 78 does the same successfully (default admin); false where no control applies. */
  owner?: Role | false;
}

/** The request succeeds, but what comes back holds nothing of region 78. */
export interface Filtered {
  filtered: (c: Client, t: Target) => Promise<void>;
}

export type Case = Attempt | Filtered | { noRegionData: string };
