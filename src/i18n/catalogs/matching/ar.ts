/** Matching (issue 19), Arabic: the texts the person reads, drafted by the team (not yet reviewed). */
import type { matchingSv } from './sv.js';

export const matchingAr: Partial<Record<keyof typeof matchingSv, string>> = {
  'matching.title': 'مهن تناسبك',
  'matching.titleAds': 'إعلانات وظائف تناسبك',
  'matching.intro':
    'اقتراحات بناءً على ما تعرفه وما عملت به وما تريده. إنها اقتراحات فقط: لا يُرسل شيء ولا يُقرَّر شيء تلقائياً. أنت والموظف المسؤول تقيّمانها معاً.',
  'matching.nothingToMatch': 'لا يوجد ما يمكن مطابقته بعد: أضف معارفك أو مهنك السابقة أو ما تريد العمل به.',
  'matching.noMatches': 'لم يتم العثور على اقتراحات.',
  'matching.score': 'يناسبك بنسبة {percent} %',
  'matching.why': 'لماذا يناسبك؟',
  'matching.skillsSentence': 'لديك {matched} من {required} معرفة تتطلبها هذه المهنة عادةً.',
  'matching.matchedSkills': 'ما تعرفه بالفعل',
  'matching.missingSkills': 'ما ينقصك (الأهم أولاً)',
  'matching.experience.same': 'لقد عملت كـ {from}.',
  'matching.experience.none': 'لا توجد مهنة سابقة لك قريبة من هذه المهنة.',
  'matching.demandNone': 'لا توجد توقعات للطلب على هذه المهنة.',
  'matching.interest': 'قلت إنك تريد العمل في هذا المجال.',
  'matching.gates': 'ما تحتاجه أولاً',
  'matching.steps': 'الخطوات التالية',
  'matching.step.praktik': 'تدريب عملي في مكان عمل',
  'matching.step.swedish.sfi': 'ادرس اللغة السويدية للمهاجرين (sfi)',
  'matching.pinned': 'مثبّت في الخطة',
  'matching.draftNote': 'مسودة ترجمة',
  'matching.backOwn': 'العودة إلى صفحتي',
};
