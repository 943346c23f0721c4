// Demo mode: on an empty database, load the regions and create one account per role, so a
// newcomer can sign in at once. Later modules add their demo data here.
import { cliActor, type Role } from '../platform/access/principal.ts';
import type { Logger } from '../platform/logger.ts';
import { demoRegionsFile, readRegionsFile } from '../regions/index.ts';
import { seedNavigator, type Services } from '../services.ts';
import fs from 'node:fs';
import { demoAnswersFile, demoSynonymsFile, parseAnswersJsonl } from '../knowledge/index.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  region: string;
}

/** One account per role (the start banner names them on later starts too, without passwords). */
export const demoAccounts: { username: string; displayName: string; role: Role; region: string }[] = [
  { username: 'operator-77', displayName: 'Оператор, Москва', role: 'operator', region: '77' },
  { username: 'supervisor-77', displayName: 'Старший смены, Москва', role: 'supervisor', region: '77' },
  { username: 'operator-78', displayName: 'Оператор, Санкт-Петербург', role: 'operator', region: '78' },
  { username: 'supervisor-78', displayName: 'Старший смены, Санкт-Петербург', role: 'supervisor', region: '78' },
  { username: 'agency-77', displayName: 'Сотрудник ведомства, Москва', role: 'agency_officer', region: '77' },
  { username: 'editor', displayName: 'Редактор базы знаний', role: 'editor', region: 'federal' },
  { username: 'coordinator', displayName: 'Координатор федерального центра', role: 'coordinator', region: 'federal' },
  { username: 'admin', displayName: 'Администратор', role: 'admin', region: 'federal' },
];

/** Returns the accounts it created with their passwords (empty when the database had users). */
export async function seedDemo(services: Services, log: Logger): Promise<DemoAccount[]> {
  const ctx = cliActor('demo');
  if ((await services.regions.count()) === 0) {
    const summary = await services.regions.importRecords(ctx, readRegionsFile(demoRegionsFile));
    log.info({ ...summary }, 'demo: regions loaded');
  }
  await seedKnowledge(services, log);
  const measures = await seedNavigator(services);
  if (measures) log.info({ entries: measures }, 'demo: navigator questions and measures published');
  await seedAppeals(services, log);
  if ((await services.users.count()) > 0) return [];
  const created: DemoAccount[] = [];
  for (const a of demoAccounts) {
    const { user, generatedPassword } = await services.users.create(ctx, a);
    created.push({ username: a.username, password: generatedPassword!, role: a.role, region: a.region });
    // the demo's agency officer answers Moscow's volunteer enrolments
    if (a.username === 'agency-77') await services.appealsCatalog.setOfficer(ctx, user.id, 'volunteers-77');
  }
  log.info({ accounts: created.length }, 'demo: accounts created');
  return created;
}

/**
 * A year of the service's history in the monitoring rollups (the monitoring module plans and writes
 * it, in the background, a day at a time): reports, the year's summary and the forecast have
 * something to show on the first start. Nothing when the database has a history of its own.
 */
export async function startDemoHistory(services: Services, log: Logger): Promise<void> {
  await services.monitoring.history.start();
  const p = await services.monitoring.history.progress();
  if (p.filling) log.info({ written: p.written, months: p.months }, 'demo: a year of call history is being written in the background');
}

/** The demo knowledge base and synonym dictionary, when the knowledge base is empty. */
async function seedKnowledge(services: Services, log: Logger) {
  const ctx = cliActor('demo');
  if ((await services.answers.count()) === 0) {
    const { records, errors } = parseAnswersJsonl(fs.readFileSync(demoAnswersFile, 'utf8'));
    if (errors.length) throw new Error(`demo answers are invalid: line ${errors[0]!.line}: ${errors[0]!.message}`);
    const s = await services.kbImport.importRecords(ctx, records);
    log.info({ ...s }, 'demo: answers published');
  }
  if (fs.existsSync(demoSynonymsFile)) {
    const groups = JSON.parse(fs.readFileSync(demoSynonymsFile, 'utf8')) as string[][];
    const n = await services.synonyms.seed(ctx, groups);
    if (n) log.info({ groups: n }, 'demo: synonym dictionary loaded');
  }
}

/** The demo's appeal types, organisations (each region's, from templates) and routes, when there are no types. */
async function seedAppeals(services: Services, log: Logger) {
  if ((await services.appealsCatalog.types(true)).length) return;
  const s = await services.appealsCatalog.loadDemo(cliActor('demo'));
  log.info({ ...s }, 'demo: appeal types and organisations loaded');
}
