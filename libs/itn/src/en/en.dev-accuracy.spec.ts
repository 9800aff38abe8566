import { devCasesPath, formatScores, scoreDevCases } from '../testing/dev-cases.helper';
import { enGrammar } from './en.grammar';

const file = devCasesPath('en');
const maybe = file ? it : it.skip;

describe('en grammar on the dev cases', () => {
  maybe('prints per-class accuracy and stays at or above 98 %', () => {
    const { scores, fails } = scoreDevCases(enGrammar, file!);
    console.log(formatScores('en', scores) + (fails.length ? '\nfailing:\n' + fails.join('\n') : ''));
    const ok = scores.reduce((a, s) => a + s.ok, 0);
    const total = scores.reduce((a, s) => a + s.total, 0);
    expect(ok / total).toBeGreaterThanOrEqual(0.98);
  });
});
