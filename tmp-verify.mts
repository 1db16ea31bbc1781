import { createRequire } from 'node:module';
import { lunarToSolar, qingmingDate, statutoryHolidays } from './src/calendar/statutory-fallback.ts';
import { loadOfficialNotices } from './src/calendar/official-notices.ts';
const cd = createRequire(import.meta.url)('chinese-days');
let bad = 0;
for (let y = 1901; y <= 2099; y++) {
  for (const [m, d] of [[1, 1], [5, 5], [8, 15], [12, 1]] as const) {
    if (lunarToSolar(y, m, d) !== cd.getSolarDateFromLunar(`${y}-${m}-${d}`).date) { bad++; console.log('lunar', y, m, d); }
  }
  if (qingmingDate(y) !== cd.getSolarTermDate(y, 4, 'pure_brightness')) { bad++; console.log('qm', y, qingmingDate(y), cd.getSolarTermDate(y, 4, 'pure_brightness')); }
}
console.log('bad', bad, process.env.TZ);
const off = loadOfficialNotices();
console.log([...off.years].sort().join(','));
for (let y = 2008; y <= 2026; y++) {
  const miss = statutoryHolidays(y).filter(h => off.days.get(h.date)?.working !== false);
  if (miss.length) console.log(y, miss.map(h => h.date + h.name).join(' '));
}
console.log(statutoryHolidays(2027), statutoryHolidays(2031).slice(-4));
