import { isCalendarDate, isIsoDate } from './calendar-date';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2026-04-30'])('%s exists', (text) => expect(isIsoDate(text)).toBe(true));
  it.each(['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', ''])(
    '%s does not',
    (text) => expect(isIsoDate(text)).toBe(false),
  );
  it('takes numbers too', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(0, 1, 1)).toBe(false);
  });
});
