// The telephony module's face: the SIP edge (`otvet edge`), a separate process that speaks to otvet
// only through its public API (ADR 0014). The CLI and `npm run telephony:demo` use this; the rest stays inside.
export { EdgeConfigError, edgeVariables, loadEdgeConfig, type EdgeConfig } from './edge/config.ts';
export { DataDirBusy } from './edge/data-dir.ts';
export { startEdge, type EdgeOptions, type RunningEdge } from './edge/edge.ts';
export { runEdge } from './edge/run.ts';
export { startDemo as startTelephonyDemo, type DemoOptions as TelephonyDemoOptions } from './demo/demo.ts';
