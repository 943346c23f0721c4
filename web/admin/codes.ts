// The codes of the accounts' sections in Russian: roles as every staff app names them (typed
// against the API's: a new role fails the typecheck until it has its words), the audit log's
// actions and kinds of object, and the permissions an API token may be limited to. A code missing
// here is shown as it came (ru()).
import type { Schema } from '../shared/api-types.ts';
import { ru } from '../shared/codes-ru.ts';
import { roleNames } from '../../src/web/staff-apps.ts';

export type RoleCode = Schema<'User'>['role'];

/** The roles as the staff apps name them (src/web/staff-apps.ts), capitalised for a list's cell. */
export const roles = Object.fromEntries(Object.entries(roleNames satisfies Record<RoleCode, string>).map(([code, name]) => [code, name[0]!.toUpperCase() + name.slice(1)])) as Record<RoleCode, string>;

export const roleCodes = Object.keys(roles) as RoleCode[];

/** What the audit log records (the platform's own words for its actions). */
export const auditActions: Record<string, string> = {
  'auth.login': 'вход',
  'auth.login_failed': 'неверный пароль',
  'auth.logout': 'выход',
  'auth.locked': 'вход закрыт после неверных паролей',
  'user.create': 'учётная запись создана',
  'user.update': 'учётная запись изменена',
  'user.disable': 'учётная запись отключена',
  'user.enable': 'учётная запись включена',
  'user.password_reset': 'пароль сброшен',
  'user.list': 'просмотр списка пользователей',
  'user.read': 'просмотр учётной записи',
  'token.create': 'токен API выпущен',
  'token.revoke': 'токен API отозван',
  'token.list': 'просмотр токенов API',
  'audit.read': 'просмотр журнала',
  'regions.import': 'регионы загружены',
  'settings.defaults_update': 'изменены общие настройки',
  'settings.region_update': 'изменены настройки региона',
  'queue.update': 'изменена очередь',
  'ivr_menu.update': 'изменено голосовое меню',
  'agent.state_change': 'изменено состояние оператора',
  'agent.skills_change': 'изменены навыки оператора',
  'operator.sip_password_set': 'задан SIP-пароль',
  'operator.sip_password_remove': 'удалён SIP-пароль',
  'operator.sip_session_issued': 'выдан SIP-сеанс',
  'telephony.sip_credentials_read': 'прочитаны SIP-учётные данные',
  'call.caller_history_read': 'просмотр истории звонков абонента',
  'appeal.read_personal': 'просмотр персональных данных обращения',
  'appeal.read_file': 'просмотр файла обращения',
  'appeal.read_mailbox': 'просмотр почты обращения',
  'appeal_type.save': 'сохранён вид обращения',
  'organisation.save': 'сохранена организация',
  'appeal_route.save': 'сохранён маршрут обращений',
  'appeal_officer.set': 'изменено прикрепление сотрудника ведомства',
  'appeals.retention': 'удалены устаревшие обращения',
  'kb.answer.create': 'создан ответ базы знаний',
  'kb.answer.edit': 'изменён ответ базы знаний',
  'kb.answer.submit': 'ответ отправлен на проверку',
  'kb.answer.publish': 'ответ опубликован',
  'kb.answer.reject': 'ответ возвращён на доработку',
  'kb.answer.archive': 'ответ снят с публикации',
  'kb.answer.restore': 'ответ восстановлен',
  'kb.import': 'импорт базы знаний',
  'kb.export': 'выгрузка базы знаний',
  'keys.rotate': 'смена ключа шифрования',
  'keys.rewrap': 'перешифрование ключей',
  'monitoring.webhook_create': 'создан веб-хук тревог',
  'monitoring.webhook_delete': 'удалён веб-хук тревог',
};

/** The groups of actions the log's filter offers (the API matches a group's every action). */
export const auditActionGroups: Record<string, string> = {
  auth: 'Вход и выход',
  user: 'Пользователи',
  token: 'Токены API',
  audit: 'Журнал',
  settings: 'Настройки',
  appeal: 'Обращения',
  kb: 'База знаний',
  navigator: 'Навигатор мер поддержки',
  operator: 'Операторы',
  agent: 'Состояния операторов',
};

/** What was acted on (the records' target.type). */
export const targetTypes: Record<string, string> = {
  user: 'учётная запись',
  token: 'токен API',
  answer: 'ответ базы знаний',
  operator: 'оператор',
  region: 'регион',
  appeal: 'обращение',
  appeal_type: 'вид обращения',
  organisation: 'организация',
  queue: 'очередь',
  call: 'звонок',
  webhook: 'веб-хук',
  navigator: 'навигатор',
  synonym_group: 'синонимы',
  pd_data_key: 'ключ персональных данных',
  call_centre_defaults: 'общие настройки',
  appeal_mail: 'письмо по обращению',
};

/** What an API token may be limited to: a permission's first word (the API checks it as a prefix). */
export const tokenScopes: Record<string, string> = {
  telephony: 'Телефония (адаптер АТС, SIP-шлюз)',
  monitoring: 'Мониторинг (чтение показателей)',
  metrics: 'Метрики (Prometheus)',
  staffing: 'Расчёт операторов',
  appeals: 'Обращения',
  kb: 'База знаний',
};

/** Who routes the calls a telephony edge reports (docs/telephony-events.md). */
export const routings: Record<Schema<'ApiToken'>['routing'], string> = {
  otvet: 'Ответ: очереди, операторы, обратные звонки',
  pbx: 'АТС: Ответ только записывает звонки',
};

export const roleName = (code: string) => ru(roles, code);
export const actionName = (code: string) => ru(auditActions, code);
export const targetName = (code: string) => ru(targetTypes, code);
export const scopeName = (code: string) => ru(tokenScopes, code);
