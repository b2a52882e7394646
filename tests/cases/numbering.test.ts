import { clock } from '@pharmadesk/api';
import { startTestApp, type TestApp } from '../support/app';
import { signIn } from '../support/actors';
import { openCase } from './support';

/**
 * People-facing numbers are filed under the year where the franchise is (east: Asia/Shanghai):
 * just after midnight on New Year's Day in Shanghai it is still the old year in UTC.
 */
describe('numbers in the franchise’s year', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it.each([
    ['2028-01-01T00:30:00+08:00', '2028'], // 2027-12-31 16:30 UTC
    ['2027-12-31T23:30:00+08:00', '2027'],
  ])('a case opened at %s is numbered in %s', async (at, year) => {
    const c = await clock.at(new Date(at), async () => openCase(await signIn(app, 'agent@east.demo')));
    expect(c.caseNo).toMatch(new RegExp(`^EAST-CS-${year}-\\d{6}$`));
  });
});
