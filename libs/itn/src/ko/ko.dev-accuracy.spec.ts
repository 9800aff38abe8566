import { devCasesPath, formatScores, scoreDevCases } from '../testing/dev-cases.helper';
import { koGrammar } from './ko.grammar';

const file = devCasesPath('ko');
const maybe = file ? it : it.skip;

describe('ko grammar on the dev cases', () => {
  maybe('prints per-class accuracy and stays at or above 95 %', () => {
    const { scores, fails } = scoreDevCases(koGrammar, file!);
    console.log(formatScores('ko', scores) + (fails.length ? '\nfailing:\n' + fails.join('\n') : ''));
    const ok = scores.reduce((a, s) => a + s.ok, 0);
    const total = scores.reduce((a, s) => a + s.total, 0);
    expect(ok / total).toBeGreaterThanOrEqual(0.95);
  });
});
