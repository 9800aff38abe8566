import { Injectable } from '@nestjs/common';
import { ItnLanguage, ItnOptions } from './core/grammar';
import { normalize } from './core/itn.engine';
import { registeredLanguages } from './core/registry';
import { ItnResult } from './core/span-map';

/** The ITN engine as an injectable: what the worker and the embedded pipeline call. */
@Injectable()
export class ItnService {
  normalize(text: string, lang: ItnLanguage, opts: ItnOptions = {}): ItnResult {
    return normalize(text, lang, opts);
  }

  languages(): ItnLanguage[] {
    return registeredLanguages();
  }
}
