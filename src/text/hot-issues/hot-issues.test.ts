import { describe, expect, it } from 'vitest';
import { findHotIssues, parseTime } from './cluster.ts';
import type { HotIssueInput } from './cluster.ts';
import { heatIndex, isRising } from './heat.ts';

const DAY = 86_400_000;

const MATTERS: HotIssueInput[] = [
  {
    id: 1,
    user: 'u1',
    subject: '阳光花园小区旁搅拌站噪音扰民',
    body: '搅拌站日夜施工，噪音和粉尘严重。',
    time: '2024-03-01 09:00:00',
    likes: 5,
  },
  {
    id: 2,
    user: 'u2',
    subject: '投诉阳光花园附近搅拌站',
    body: '搅拌站大货车进出，粉尘污染小区。',
    time: '2024-03-03 10:00:00',
    likes: 2,
  },
  {
    id: 3,
    user: 'u3',
    subject: '阳光花园小区居民反映搅拌站污染',
    body: '噪音扰民，孩子无法学习。',
    time: '2024-03-20 10:00:00',
  },
  {
    id: 4,
    user: 'u3',
    subject: '再次反映阳光花园搅拌站',
    body: '问题仍未解决，搅拌站继续施工。',
    time: '2024-03-25 10:00:00',
  },
  {
    id: 5,
    user: 'u4',
    subject: '宏达物流公司拖欠司机运费',
    body: '宏达物流公司拖欠我们几十名司机的运费。',
    time: '2023-06-01 10:00:00',
  },
  {
    id: 6,
    user: 'u5',
    subject: '宏达物流公司欠薪',
    body: '宏达物流公司至今没有结清运费和工资。',
    time: '2023-09-01 10:00:00',
  },
  { id: 7, user: 'u6', subject: '建议增加公交班次', body: '早高峰公交太挤。', time: '2024-01-01 10:00:00' },
  { id: 8, user: 'u7', subject: '', body: '', time: '2024-01-01 10:00:00' },
];

describe('findHotIssues', () => {
  const { issues, skipped } = findHotIssues(MATTERS, { top: 5 });

  it('groups matters about the same named thing and ranks the hotter first', () => {
    expect(skipped).toBe(1);
    expect(issues).toHaveLength(2);
    const [first, second] = issues;
    expect(first).toMatchObject({
      rank: 1,
      entity: '阳光花园',
      size: 4,
      people: 3,
      likes: 7,
      first: '2024-03-01 09:00:00',
      last: '2024-03-25 10:00:00',
    });
    expect(first?.ids).toEqual([1, 2, 3, 4]);
    expect(first?.label).toMatch(/^阳光花园：/);
    expect(first?.keywords).toContain('搅拌站');
    expect(second).toMatchObject({ rank: 2, entity: '宏达物流公司', size: 2, people: 2 });
    expect(first!.heat).toBeGreaterThan(second!.heat);
  });

  it('flags a group growing in the last month as rising', () => {
    expect(issues[0]?.rising).toBe(true);
    expect(issues[1]?.rising).toBe(false);
  });

  it('describes a pair by the words both share, never by a number and a measure word', () => {
    const pair = findHotIssues(
      [
        { ...MATTERS[4]!, body: '宏达物流公司拖欠我们一名司机的运费，停车场也乱收费。' },
        { ...MATTERS[5]!, body: '宏达物流公司至今没有结清一名司机运费和工资。' },
      ],
      { top: 5 },
    ).issues;
    expect(pair).toHaveLength(1);
    const words = pair[0]!.keywords;
    expect(words).toContain('运费');
    expect(words).not.toContain('一名');
    expect(words).not.toContain('停车场'); // in one letter of the two only
  });

  it('does not describe an issue by how its letters ask', () => {
    const [issue] = findHotIssues(
      [
        { ...MATTERS[4]!, body: '请问宏达物流公司拖欠的运费能否尽快结清？之前咨询过没有得到答复。' },
        { ...MATTERS[5]!, body: '请问宏达物流公司的运费能否结清，之前咨询没有得到答复。' },
      ],
      { top: 5 },
    ).issues;
    expect(issue!.keywords).toContain('运费');
    for (const w of ['请问', '能否', '之前', '咨询', '没有', '得到'])
      expect(issue!.keywords).not.toContain(w);
  });

  it('does not describe an issue by grammar words: function characters joined by jieba, comparisons', () => {
    const [issue] = findHotIssues(
      [
        { ...MATTERS[4]!, body: '宏达物流公司的事，我拒绝后以诉讼解决，赔偿低于预期。' },
        { ...MATTERS[5]!, body: '宏达物流公司那边，他拒绝后以仲裁处理，赔偿低于约定。' },
      ],
      { top: 5 },
    ).issues;
    expect(issue!.keywords).toContain('赔偿');
    for (const w of ['后以', '低于']) expect(issue!.keywords).not.toContain(w);
  });

  it('names an issue without a place by the subject most of its letters share', () => {
    const letter = {
      subject: '最低生活保障申请被驳回，请求重新审核',
      body: '本人因病失去劳动能力，家庭收入低于低保标准，但申请最低生活保障被驳回，理由是名下有一辆报废汽车。请求重新审核。',
    };
    const [issue] = findHotIssues(
      [
        { id: 1, user: 'a', ...letter, time: '2024-05-01 09:00:00' },
        { id: 2, user: 'b', ...letter, time: '2024-05-02 09:00:00' },
        { id: 3, user: 'c', ...letter, subject: '低保被驳回', time: '2024-05-03 09:00:00' },
      ],
      { top: 5 },
    ).issues;
    expect(issue).toMatchObject({ entity: null, size: 3, label: '最低生活保障申请被驳回，请求重新审核' });
    expect(issue!.keywords.length).toBeGreaterThan(0);
  });

  it('is deterministic and honours top', () => {
    expect(findHotIssues(MATTERS, { top: 5 })).toEqual({ issues, skipped });
    expect(findHotIssues(MATTERS, { top: 1 }).issues).toHaveLength(1);
    expect(findHotIssues([], {}).issues).toEqual([]);
  });
});

describe('heat and rising', () => {
  it('grows with people, volume and likes', () => {
    const base = { size: 5, people: 5, likes: 0, against: 0, times: [0, 30 * DAY] };
    expect(heatIndex({ ...base, people: 10, size: 10 })).toBeGreaterThan(heatIndex(base));
    expect(heatIndex({ ...base, likes: 100 })).toBeGreaterThan(heatIndex(base));
    // The same volume in a burst is hotter than spread over a year.
    expect(heatIndex({ ...base, times: [0, 365 * DAY] })).toBeLessThan(heatIndex(base));
  });

  it('compares the last 30 days with the group baseline', () => {
    const now = 400 * DAY;
    const steady = Array.from({ length: 13 }, (_, i) => now - i * 30 * DAY - DAY);
    expect(isRising(steady, now)).toBe(false);
    expect(isRising([...steady, now - 2 * DAY, now - 3 * DAY, now - 4 * DAY], now)).toBe(true);
    expect(isRising([now - DAY], now)).toBe(false);
  });

  it('parses board and ISO times', () => {
    expect(parseTime('2019-02-28 11:25:05')).toBe(Date.UTC(2019, 1, 28, 11, 25, 5));
    expect(parseTime('2019-02-28')).toBe(Date.UTC(2019, 1, 28));
    expect(parseTime('2019-02-28T11:25:05+08:00')).toBe(Date.UTC(2019, 1, 28, 3, 25, 5));
    expect(Number.isNaN(parseTime('yesterday'))).toBe(true);
  });
});
