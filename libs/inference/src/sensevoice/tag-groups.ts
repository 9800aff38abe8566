import { SymbolTable } from './symbol-table';

/** A family of tag tokens answered by one query frame (language, emotion, event, itn), as present in a vocabulary. */
export interface TagGroup {
  name: 'language' | 'emotion' | 'event' | 'itn';
  ids: number[];
  labels: string[];
}

/** SenseVoiceSmall's tag sets (spec §3.2); only the ones the vocabulary really has are used. */
const GROUPS: Record<TagGroup['name'], string[]> = {
  language: ['zh', 'en', 'yue', 'ja', 'ko', 'nospeech'],
  emotion: ['HAPPY', 'SAD', 'ANGRY', 'NEUTRAL', 'FEARFUL', 'DISGUSTED', 'SURPRISED', 'OTHER', 'EMO_UNKNOWN'],
  event: ['Speech', 'BGM', 'Laughter', 'Applause', 'Cry', 'Sneeze', 'Breath', 'Cough', 'Sing', 'Speech_Noise', 'GBG', 'Event_UNK'],
  itn: ['withitn', 'woitn'],
};

export function tagGroups(tokens: SymbolTable): TagGroup[] {
  return (Object.keys(GROUPS) as TagGroup['name'][]).map((name) => {
    const ids: number[] = [];
    const labels: string[] = [];
    for (const label of GROUPS[name]) {
      const id = tokens.id(`<|${label}|>`);
      if (id !== undefined) {
        ids.push(id);
        labels.push(label);
      }
    }
    return { name, ids, labels };
  });
}
