// The staffing module's public face: the Erlang calculators, the forecast and the plan as a
// library, and the routes. It owns no tables: history reaches it through CallHistory.
export { erlangB, erlangC, offeredLoad, type ErlangCResult, type Traffic } from './erlang-c.ts';
export { requiredAgents, scheduledFor, type StaffingResult, type StaffingTarget } from './required.ts';
export { erlangA, type ErlangAResult } from './erlang-a.ts';
export { seasonalNaive, WEEK, DAY, INTERVAL_SECONDS } from './forecast/seasonal-naive.ts';
export { holtWinters, fitHoltWinters, type HoltWintersParams } from './forecast/holt-winters.ts';
export { compareMethods, forecastNextSeason, mase } from './forecast/evaluate.ts';
export { staffingPlan, planWeek, type CallHistory, type PlannedInterval, type WeekPlan } from './plan.ts';
export { StaffingService } from './service.ts';
export { staffingRoutes } from './routes.ts';
