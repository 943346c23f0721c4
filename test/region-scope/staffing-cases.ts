// Region-scope cases for the staffing module's routes: calculations on the numbers sent, with no
// region's data behind them.
import type { Case } from './types.ts';

export const staffingCases: Record<string, Case> = {
  'GET /api/v1/staffing/erlang-c': { noRegionData: 'Erlang C arithmetic on the parameters sent' },
  'GET /api/v1/staffing/required': { noRegionData: 'staffing arithmetic on the parameters sent' },
  'GET /api/v1/staffing/erlang-a': { noRegionData: 'Erlang A arithmetic on the parameters sent' },
  'GET /api/v1/staffing/plan': { run: (c) => c.get('/api/v1/staffing/plan?region=78'), owner: 'supervisor' },
};
