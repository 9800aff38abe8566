import { Grammar, ItnLanguage } from './grammar';
import { zhGrammar } from '../zh/zh.grammar';
import { jaGrammar } from '../ja/ja.grammar';
import { enGrammar } from '../en/en.grammar';
import { koGrammar } from '../ko/ko.grammar';

/**
 * Every language grammar, by code. One line per language: the English and Korean grammars register
 * themselves here (`en: enGrammar,` / `ko: koGrammar,`) when they land; a missing language is reported
 * by `getGrammar` as unsupported rather than silently passing text through.
 */
const GRAMMARS: Partial<Record<ItnLanguage, Grammar>> = {
  zh: zhGrammar,
  ja: jaGrammar,
  en: enGrammar,
  ko: koGrammar,
};

export function getGrammar(lang: ItnLanguage): Grammar | undefined {
  return GRAMMARS[lang];
}

export function registeredLanguages(): ItnLanguage[] {
  return Object.keys(GRAMMARS) as ItnLanguage[];
}
