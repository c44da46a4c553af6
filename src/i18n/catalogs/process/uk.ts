/** Ukrainian texts of the Process pages the person sees or hears: drafts by the team, not yet reviewed. */
import type { sv } from '../sv.js';
import type { processSv } from './sv.js';

type Key = keyof typeof processSv | Extract<keyof typeof sv, `process.information.${string}`>;

export const processUk: Partial<Record<Key, string>> = {
  'process.information.title': 'Інформація про ваші персональні дані',
  'process.information.what':
    "Ми записуємо ваше ім'я (або інше ім'я, яке обирає муніципалітет), вашу мову, контактні дані та те, що ви розповідаєте про свою освіту, роботу, знання, мови та посвідчення водія, вашими словами.",
  'process.information.why':
    'Дані використовуються, щоб допомогти вам знайти роботу чи навчання і скласти план разом з вами. Жодних автоматичних рішень не ухвалюється.',
  'process.information.basis': 'Правова підстава: {basis}.',
  'process.information.basisNotSet': 'підстава, яку визначив муніципалітет (ще не внесена в Etablera)',
  'process.information.retention':
    'Дані зберігаються {days} днів після закриття вашої справи. Потім їх видаляють.',
  'process.information.access':
    'Дані можуть читати лише ваші консультанти та адміністратор Process муніципалітету. Кожне читання записується в журнал.',
  'process.information.rights':
    'Ви маєте право бачити все, що про вас записано, виправляти помилки, вимагати видалення даних і заперечувати проти обробки. Запитайте свого консультанта або уповноваженого з захисту даних муніципалітету.',
  'process.information.sensitive':
    "Не розповідайте про здоров'я, релігію, етнічне походження, політичні погляди чи сексуальне життя. Тут це не потрібно.",
  'process.interview.wholeSection': 'Відповідь для всього розділу',
  'process.interview.answered': 'відповідає',
  'process.interview.remove': 'Видалити',
  'process.interview.choose': '– оберіть –',
  'process.interview.save': 'Зберегти',
  'process.interview.saveNext': 'Зберегти і продовжити',
  'process.interview.savedAt': 'Збережено {time}',
  'process.interview.offline':
    "Немає з'єднання: відповіді залишаються в браузері і будуть збережені, коли з'єднання відновиться.",
  'process.interview.freeTextWarning':
    "Не пишіть про здоров'я, етнічне походження, релігію, політичні погляди чи сексуальне життя.",
  'process.interview.search': 'Пошук',
  'process.interview.searchOccupation': 'Пошук професії (вашою мовою або шведською)',
  'process.interview.searchSkill': 'Пошук навички',
  'process.interview.results': 'Результати: позначте те, що підходить, і збережіть',
  'process.interview.noResults': 'Нічого не знайдено.',
  'process.interview.suggested': 'Навички, запропоновані з обраних професій: залиште те, що підходить',
  'process.interview.draftLabel': 'чернетка',
  'process.answer.unknown': 'Не знаю',
  'process.answer.declined': 'Не хочу відповідати',
  'process.answer.yes': 'Так',
  'process.answer.no': 'Ні',
  'process.section.education': 'Освіта',
  'process.section.work': 'Досвід роботи',
  'process.section.skills': 'Навички',
  'process.section.languages': 'Мови',
  'process.section.licences': 'Посвідчення водія',
  'process.section.digital': 'Цифрові навички',
  'process.section.goals': 'Інтереси та цілі',
  'process.section.constraints': 'Обставини',
  'process.section.freeText': 'Інше',
  'process.q.educationLevel': 'Який рівень освіти?',
  'process.q.educationField': 'У якій галузі?',
  'process.q.country': 'У якій країні?',
  'process.q.educationYears': 'Скільки років?',
  'process.q.school': 'Школа або програма (як пише людина)',
  'process.q.documentsSeen': 'Чи бачив консультант документи про освіту?',
  'process.q.occupation': 'Професія',
  'process.q.workYears': 'Скільки досвіду?',
  'process.q.tasks': "Обов'язки (як їх описує людина)",
  'process.q.language': 'Мова',
  'process.q.listening': 'Аудіювання',
  'process.q.reading': 'Читання',
  'process.q.speaking': 'Говоріння',
  'process.q.writing': 'Письмо',
  'process.q.swedish': 'Шведська: sfi або шведська як друга мова',
  'process.q.licences': 'Які посвідчення водія має людина?',
  'process.q.digital': "Наскільки людина звикла до комп'ютера і телефону?",
  'process.q.interests': 'Інтереси',
  'process.q.goals': 'Цілі: робота чи навчання, яких хоче людина',
  'process.q.constraints': 'Обставини, які людина сама хоче назвати',
  'process.q.freeText': 'Інше, будь-якою мовою',
  'process.own.title': 'Мої дані',
  'process.own.intro':
    'Тут ви бачите, що про вас записано, і можете доповнити або виправити це. Ваш консультант бачить, що ви змінили.',
  'process.own.download': 'Завантажити мої дані',
  'process.own.edit': 'Змінити',
  'process.own.back': 'Назад до моїх даних',
  'process.code.title': 'Відкрийте свої дані',
  'process.code.intro': 'Введіть код, який ви отримали від консультанта.',
  'process.code.label': 'Код',
  'process.code.submit': 'Відкрити',
  'process.code.invalid':
    'Код недійсний (неправильний, уже використаний або застарілий). Попросіть у консультанта новий.',
  'process.person.profilePdf': 'Профіль навичок (PDF)',
  'process.done.saved': 'Збережено.',
};
