/** Matching (issue 19), Ukrainian: the texts the person reads, drafted by the team (not yet reviewed). */
import type { matchingSv } from './sv.js';

export const matchingUk: Partial<Record<keyof typeof matchingSv, string>> = {
  'matching.title': 'Професії, які вам підходять',
  'matching.titleAds': 'Вакансії, які вам підходять',
  'matching.intro':
    'Пропозиції на основі того, що ви знаєте, де працювали і чого хочете. Це лише пропозиції: нічого не надсилається і нічого не вирішується автоматично. Ви та ваш куратор оцінюєте їх разом.',
  'matching.nothingToMatch':
    'Поки що немає з чим порівнювати: додайте навички, попередні професії або те, чим хочете займатися.',
  'matching.noMatches': 'Пропозицій не знайдено.',
  'matching.score': 'Підходить на {percent} %',
  'matching.why': 'Чому це підходить?',
  'matching.skillsSentence': 'У вас є {matched} з {required} навичок, яких зазвичай вимагає ця професія.',
  'matching.matchedSkills': 'Що ви вже вмієте',
  'matching.missingSkills': 'Чого бракує (найважливіше спочатку)',
  'matching.experience.same': 'Ви працювали як {from}.',
  'matching.experience.none': 'Жодна з ваших попередніх професій не близька до цієї.',
  'matching.demandNone': 'Прогнозу попиту на цю професію немає.',
  'matching.interest': 'Ви сказали, що хочете цим займатися.',
  'matching.gates': 'Що потрібно спочатку',
  'matching.steps': 'Наступні кроки',
  'matching.step.praktik': 'Практика на робочому місці',
  'matching.step.swedish.sfi': 'Вивчати шведську для іммігрантів (sfi)',
  'matching.pinned': 'Закріплено в плані',
  'matching.draftNote': 'Чернетка перекладу',
  'matching.backOwn': 'Назад на мою сторінку',
};
