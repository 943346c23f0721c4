// The navigator's routes of the API.
import type { Case } from './types.ts';

export const navigatorCases: Record<string, Case> = {
  'GET /api/v1/navigator/hsds/services': { noRegionData: 'the catalogue of support measures as HSDS (public, the same for every region)' },
  'GET /api/v1/navigator/hsds/services/{id}': { noRegionData: 'one support measure of the catalogue as HSDS (public, the same for every region)' },
  'POST /api/v1/navigator/step': { noRegionData: 'a step of the navigator over the answers in the body (public, nothing stored, the same for every region)' },
};
