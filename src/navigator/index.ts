// The navigator module's public face: the catalogue of support measures and questions, the rule
// language and the engine the wizard and the workstation run.
export { checkRule, ruleSchema, ruleVars, type Rule, type RuleProblem, type Scalar } from './rules.ts';
export { CatalogError, measureSchema, parseCatalog, questionSchema, regionalVariantSchema, type Measure, type NavigatorCatalog, type Question } from './catalog-schema.ts';
export { demoNavigatorDir, readDemoNavigator } from './demo-data.ts';
export { Navigator, type Answers, type Explanation, type MeasureResult, type Step, type Truth } from './engine.ts';
export { navigatorPageRoutes } from './page-routes.ts';
export { navigatorHsdsRoutes } from './hsds-routes.ts';
export { navigatorStepRoutes } from './step-api.ts';
export { navigatorPublishedRoutes } from './catalog-api.ts';
export { navigatorCatalogRoutes } from './catalog-routes.ts';
export { NavigatorCatalogService, type ImportSummary } from './catalog-service.ts';
export { LiveNavigator } from './live-catalog.ts';
export { subscribeNavigator, type NavigatorTopics, type CatalogChanged } from './events.ts';
export { NavigatorUsage } from './usage.ts';
export { NavigatorReports, type MeasuresOnCalls } from './report.ts';
export { navigatorReportRoutes } from './report-routes.ts';
