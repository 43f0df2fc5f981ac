import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ageOn, DateError, dayFromIso, dayFromYmd, formatFiscalYear, formatSeireki, formatWareki, isoFromDay, jstClock, ymdFromDay } from './dates.ts';

describe('dates and 和暦', () => {
  it('round-trips ISO dates and day numbers', () => {
    fc.assert(fc.property(fc.integer({ min: -40_000, max: 60_000 }), (day) => dayFromIso(isoFromDay(day)) === day));
    expect(dayFromYmd(1970, 1, 1)).to.equal(0);
    expect(ymdFromDay(dayFromYmd(2024, 2, 29))).to.deep.equal({ year: 2024, month: 2, day: 29 });
    expect(() => dayFromYmd(2025, 2, 29)).to.throw(DateError).with.property('code', 'date.invalid');
    expect(() => dayFromIso('2025/01/01')).to.throw(DateError).with.property('code', 'date.bad-format');
  });

  it('writes the first year of an era as 元年, at every modern era boundary', () => {
    const cases: [string, string][] = [
      ['1912-07-29', '明治45年7月29日'],
      ['1912-07-30', '大正元年7月30日'],
      ['1926-12-24', '大正15年12月24日'],
      ['1926-12-25', '昭和元年12月25日'],
      ['1989-01-07', '昭和64年1月7日'],
      ['1989-01-08', '平成元年1月8日'],
      ['2019-04-30', '平成31年4月30日'],
      ['2019-05-01', '令和元年5月1日'],
      ['2020-01-01', '令和2年1月1日'],
      ['2026-11-25', '令和8年11月25日'],
    ];
    for (const [iso, wareki] of cases) expect(formatWareki(dayFromIso(iso)), iso).to.equal(wareki);
  });

  it('formats 西暦 dates with Japanese units, with no era and no padding', () => {
    expect(formatSeireki(dayFromIso('1992-12-01'))).to.equal('1992年12月1日');
    expect(formatSeireki(dayFromIso('1989-01-07'))).to.equal('1989年1月7日');
    expect(formatSeireki(dayFromIso('2019-05-01'))).to.equal('2019年5月1日');
  });

  it('names fiscal years by the era on April 1', () => {
    expect(formatFiscalYear(2019)).to.equal('平成31年度');
    expect(formatFiscalYear(2020)).to.equal('令和2年度');
    expect(formatFiscalYear(2025)).to.equal('令和7年度');
  });

  it('computes ages and the JST clock', () => {
    expect(ageOn(dayFromIso('2011-11-26'), dayFromIso('2026-11-25'))).to.equal(14);
    expect(ageOn(dayFromIso('2011-11-25'), dayFromIso('2026-11-25'))).to.equal(15);
    // 2026-11-25 21:30 UTC is 2026-11-26 06:30 in Japan (a Thursday).
    const clock = jstClock(new Date('2026-11-25T21:30:00Z'));
    expect(isoFromDay(clock.day)).to.equal('2026-11-26');
    expect(clock.minutes).to.equal(6 * 60 + 30);
    expect(clock.weekday).to.equal(4);
  });
});
