/** The languages every message a user sees is written in: zh-CN first, en second. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

export type Messages = Record<Locale, string>;
