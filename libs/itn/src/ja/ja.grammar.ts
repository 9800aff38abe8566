import { Grammar, ItnOptions, Replacement } from '../core/grammar';

export class JaGrammar implements Grammar {
  readonly lang = 'ja' as const;
  find(_input: string, _opts: ItnOptions): Replacement[] {
    return [];
  }
}
export const jaGrammar = new JaGrammar();
