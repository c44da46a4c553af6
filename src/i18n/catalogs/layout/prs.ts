/**
 * Dari drafts of the site header and footer (the layout every page shares), written by the team:
 * a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const layoutPrs: Partial<Record<MessageKey, string>> = {
  'layout.tagline': 'شاخص‌های کلیدی برای ادغام',
  'layout.skipToContent': 'رفتن به محتوا',
  'layout.mainNav': 'منوی اصلی',
  'layout.languageMenu': 'زبان',
  'layout.navSearch': 'جستجوی شاروالی',
  'layout.navCompare': 'مقایسه',
  'layout.navAnalysis': 'تحلیل‌ها',
  'layout.navFollowup': 'پیگیری',
  'layout.demoBanner': 'معلومات نمایشی – ارقام واقعی نیستند',
  'layout.demoBannerDetail':
    'Etablera نتوانست معلومات را از Kolada بگیرد و ارقام نمونهٔ ساخته‌شده را نشان می‌دهد. از آن‌ها برای تصمیم‌گیری استفاده نکنید.',
  'layout.emptyStore': 'هنوز معلوماتی وجود ندارد. همگام‌سازی با Kolada را آغاز کنید یا فایل‌ها را وارد کنید.',
  'layout.syncRunning': 'معلومات از Kolada گرفته می‌شود',
  'layout.sourceKolada': 'منبع: Kolada',
  'layout.sourceDemo': 'معلومات نمایشی',
  'layout.footerSource':
    'منبع: Kolada (RKA). ارقام مقایسه (اوسط‌ها، رتبه‌ها، رنگ‌ها) توسط Etablera محاسبه می‌شوند.',
  'layout.footerDataAt': 'تاریخ بارگذاری معلومات',
  'layout.downloads': 'دانلود',
  'layout.show': 'نمایش',
};
