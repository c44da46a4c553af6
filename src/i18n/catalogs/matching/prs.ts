/** Matching (issue 19), Dari: the texts the person reads, drafted by the team (not yet reviewed). */
import type { matchingSv } from './sv.js';

export const matchingPrs: Partial<Record<keyof typeof matchingSv, string>> = {
  'matching.title': 'شغل‌هایی که مناسب شما است',
  'matching.titleAds': 'آگهی‌های کاری که مناسب شما است',
  'matching.intro':
    'پیشنهادها بر اساس آنچه می‌دانید، کار کرده‌اید و می‌خواهید. این‌ها فقط پیشنهاد هستند: هیچ چیزی خودکار فرستاده یا تصمیم گرفته نمی‌شود. شما و کارمند مسئول آن‌ها را با هم بررسی می‌کنید.',
  'matching.nothingToMatch':
    'هنوز چیزی برای مقایسه وجود ندارد: دانش‌ها، شغل‌های قبلی یا آنچه می‌خواهید کار کنید را اضافه کنید.',
  'matching.noMatches': 'هیچ پیشنهادی پیدا نشد.',
  'matching.score': '{percent} % مناسب',
  'matching.why': 'چرا مناسب است؟',
  'matching.skillsSentence': 'شما {matched} از {required} دانشی را دارید که این شغل معمولاً لازم دارد.',
  'matching.matchedSkills': 'آنچه از قبل می‌دانید',
  'matching.missingSkills': 'آنچه کم است (مهم‌ترین اول)',
  'matching.interest': 'شما گفتید که می‌خواهید در این زمینه کار کنید.',
  'matching.gates': 'آنچه اول لازم است',
  'matching.steps': 'قدم‌های بعدی',
  'matching.step.praktik': 'کارآموزی در یک محل کار',
  'matching.draftNote': 'پیش‌نویس ترجمه',
  'matching.backOwn': 'بازگشت به صفحهٔ من',
};
