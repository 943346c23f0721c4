// Every word the staff landing page shows (the apps' names and purposes are in src/web/staff-apps.ts).
export const t = {
  title: 'Вход для сотрудников',
  brand: 'Ответ — для сотрудников',
  heading: 'Ваши приложения',
  greeting: (name: string) => `Здравствуйте, ${name}. Откройте приложение для работы.`,
  noApps: 'Для вашей роли пока нет приложения в браузере.',
  apiDocs: 'Работа через API: документация',
  portal: 'Портал для граждан',
};
