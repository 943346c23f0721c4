// The staff apps and who may use each: one table, read by the server (the pages' titles, the demo's
// start banner) and by the apps themselves (web/shared: which roles an app lets in, the /staff page's
// cards, the link a person in the wrong app is given). Plain data: web/ bundles it as it is.
import type { Role } from '../platform/access/principal.ts';

export interface StaffApp {
  /** Its address: /<path>, also its folder in web/. */
  path: string;
  /** Its name, as its header and its page's title say it. */
  title: string;
  /** Its name in English, for the start banner and logs. */
  english: string;
  /** What it is for, in one line (the /staff page's card). */
  purpose: string;
  /** The roles it serves (the API decides all the same: its policy is platform/access/permissions.ts). */
  roles: readonly Role[];
}

/** In the order the /staff page shows them: the line's work first, then watching it, then keeping it. */
export const staffApps = {
  operator: {
    path: 'operator',
    title: 'Рабочее место оператора',
    english: 'Operator workstation',
    purpose: 'Принимать звонки: карточка звонка, ответы базы знаний, меры поддержки, обращение со слов гражданина.',
    roles: ['operator', 'supervisor'],
  },
  supervisor: {
    path: 'supervisor',
    title: 'Старший смены',
    english: 'Supervisor view',
    purpose: 'Очереди, операторы и последние звонки региона сейчас; состояние оператора можно изменить.',
    roles: ['supervisor', 'coordinator', 'admin'],
  },
  wallboard: {
    path: 'wallboard',
    title: 'Координационный центр',
    english: 'Wallboard',
    purpose: 'Большой экран: регионы на карте, нормативы сегодня, темы последнего часа, тревоги.',
    roles: ['coordinator', 'supervisor', 'admin'],
  },
  reports: {
    path: 'reports',
    title: 'Отчёты',
    english: 'Reports',
    purpose: 'Звонки за период и за год, регионы против нормативов, темы, обращения, расчёт операторов, навигатор мер поддержки; CSV.',
    // (editors read the navigator's section only: they keep its catalogue, the calls are not theirs)
    roles: ['coordinator', 'supervisor', 'admin', 'editor'],
  },
  editor: {
    path: 'editor',
    title: 'Редакция базы знаний',
    english: 'Knowledge base editors',
    purpose: 'Ответы базы знаний и каталог навигатора: написать, отправить на проверку, проверить и опубликовать.',
    roles: ['editor', 'coordinator'],
  },
  agency: {
    path: 'agency',
    title: 'Обращения граждан',
    english: 'Agency officers',
    purpose: 'Обращения, направленные в ваше ведомство: ответить, продлить срок, перенаправить.',
    roles: ['agency_officer'],
  },
  admin: {
    path: 'admin',
    title: 'Администрирование',
    english: 'Administration',
    purpose: 'Виды обращений и их формы, организации, маршруты, сотрудники ведомств.',
    roles: ['admin'],
  },
} as const satisfies Record<string, StaffApp>;

export type StaffAppName = keyof typeof staffApps;

/** The landing page where staff sign in and find their apps. */
export const STAFF_PAGE = '/staff';

/** The apps a role may use, in the table's order. */
export function appsOf(role: string): StaffApp[] {
  return Object.values(staffApps).filter((a: StaffApp) => a.roles.includes(role as Role));
}

/** Roles as the apps name them to people. */
export const roleNames: Record<Role, string> = {
  operator: 'оператор',
  supervisor: 'старший смены',
  editor: 'редактор',
  coordinator: 'координатор',
  agency_officer: 'сотрудник ведомства',
  admin: 'администратор',
};
