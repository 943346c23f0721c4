// The simulator's public face: a run (in-process or against a URL), its options and its summary,
// and the demo's gentle simulation. Callers, operators and the edge stay inside.
export { ApiError } from './api.ts';
export { SimClock } from './clock.ts';
export { startDemoSimulation } from './demo.ts';
export { simulateInProcess, simulatorToken } from './in-process.ts';
export { defaultBehaviour, defaultOptions, defaultStaffing, NATIONAL_CALLS_PER_DAY, parseCurve, parseDuration, parseMoment, parseSurge, SimulationError, type SimulationOptions } from './options.ts';
export { demoTopics, runSimulation } from './simulation.ts';
export { formatSummary, summaryJson, type Summary } from './summary.ts';
