/**
 * Arabic drafts of the site header and footer (the layout every page shares), written by the team:
 * a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const layoutAr: Partial<Record<MessageKey, string>> = {
  'layout.tagline': 'مؤشرات رئيسية للاندماج',
  'layout.skipToContent': 'انتقل إلى المحتوى',
  'layout.mainNav': 'القائمة الرئيسية',
  'layout.languageMenu': 'اللغة',
  'layout.navSearch': 'ابحث عن بلدية',
  'layout.navCompare': 'قارن',
  'layout.navAnalysis': 'التحليلات',
  'layout.navFollowup': 'المتابعة',
  'layout.demoBanner': 'بيانات تجريبية – ليست قيمًا حقيقية',
  'layout.demoBannerDetail':
    'لم يتمكن Etablera من جلب البيانات من Kolada ويعرض قيمًا نموذجية مولَّدة. لا تستخدمها لاتخاذ القرارات.',
  'layout.emptyStore': 'لا توجد بيانات بعد. ابدأ مزامنة من Kolada أو استورد ملفات.',
  'layout.syncRunning': 'جارٍ جلب البيانات من Kolada',
  'layout.sourceKolada': 'المصدر: Kolada',
  'layout.sourceDemo': 'بيانات تجريبية',
  'layout.footerSource':
    'المصدر: Kolada (RKA). أرقام المقارنة (المتوسطات والترتيب والألوان) يحسبها Etablera.',
  'layout.footerDataAt': 'تاريخ تحميل البيانات',
  'layout.downloads': 'تنزيل',
  'layout.show': 'عرض',
};
