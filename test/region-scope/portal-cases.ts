// The portal's API: what editors and coordinators read about the public site.
import type { Case } from './types.ts';

export const portalCases: Record<string, Case> = {
  'GET /api/v1/portal/views': { noRegionData: 'views of public answers, counted per answer and day without region' },
  'GET /api/v1/portal/missing': { noRegionData: 'what readers of public answers said was missing, per answer, without region' },
};
