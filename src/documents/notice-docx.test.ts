import { describe, expect, it } from 'vitest';
import { readZipEntry } from '../../test/helpers/zip.ts';
import { noticeDataFromMatter } from './from-matter.ts';
import { formatDocNumber, unitDocCode } from './document-numbers.ts';
import { NOTICE_KINDS, noticeContent, type NoticeData } from './notice-content.ts';
import { buildNoticeDocx } from './notice-docx.ts';

const base: NoticeData = {
  caseNumber: 'SZ-2026-000123',
  queryCode: 'K7QX-29DF',
  subject: '小区电梯长期停运',
  receivedAt: '2026-03-02T01:00:00Z',
  petitionerNames: ['张三'],
  issuingBody: '深圳市南山区住房和建设局',
  issuedAt: '2026-03-05',
  acceptance: {
    acceptedAt: '2026-03-05T02:00:00Z',
    leadUnitName: '深圳市南山区住房和建设局',
    handlingDueDate: '2026-05-04',
  },
  nonAcceptance: {
    reason: 'lawful_channel',
    lawfulChannel: 'labour_arbitration',
    explanation: '拖欠工资争议属于劳动争议。',
  },
  extension: { days: 30, reason: '需要委托第三方检测', newDueDate: '2026-06-03' },
  reply: {
    outcome: 'supported',
    facts: '经现场核查，电梯确已停运四十日。',
    legalBasis: '《特种设备安全法》第四十二条。',
    body: '责令物业于十日内修复。',
    decidedAt: '2026-04-01T08:00:00Z',
    reviewDueDate: '2026-05-01',
  },
  review: {
    outcome: 'changed',
    facts: '经复查，物业已于四月修复一台电梯，另一台仍停运。',
    legalBasis: '《信访工作条例》第三十五条。',
    body: '变更原处理意见，责令五日内修复第二台电梯。',
    decidedAt: '2026-05-10T08:00:00Z',
    recheckDueDate: '2026-06-09',
  },
  recheck: {
    outcome: 'upheld',
    facts: '经复核，复查查明的事实清楚。',
    legalBasis: '《信访工作条例》第三十六条。',
    body: null,
    decidedAt: '2026-06-20T08:00:00Z',
  },
};

describe('buildNoticeDocx', () => {
  for (const kind of NOTICE_KINDS) {
    it(`puts the case number, query code and title of the ${kind} notice into document.xml`, async () => {
      const buf = await buildNoticeDocx(kind, base);
      expect(buf.subarray(0, 2).toString()).toBe('PK');
      const xml = readZipEntry(buf, 'word/document.xml');
      expect(xml).not.toBeNull();
      expect(xml).toContain('SZ-2026-000123');
      expect(xml).toContain(noticeContent(kind, base).title);
      const footer = readZipEntry(buf, 'word/footer1.xml') ?? '';
      expect(xml! + footer).toContain('K7QX-29DF');
    });
  }

  it('tells a non-accepted petitioner the lawful channel', async () => {
    const xml = readZipEntry(await buildNoticeDocx('non_acceptance', base), 'word/document.xml')!;
    expect(xml).toContain('申请劳动人事争议仲裁');
  });

  it('states the facts, the basis and how to ask for review in the written reply', () => {
    const c = noticeContent('reply', base);
    const text = c.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs]).join('\n');
    expect(text).toContain('经现场核查');
    expect(text).toContain('特种设备安全法');
    expect(text).toContain('30日内');
    expect(c.docNumber).not.toContain('SZ-2026-000123');
  });

  it('prints the issued 文号, and leaves the sequence blank on a draft', () => {
    expect(noticeContent('reply', { ...base, docNumber: '南山住房和建设处意〔2026〕3号' }).docNumber).toBe(
      '南山住房和建设处意〔2026〕3号',
    );
    expect(noticeContent('reply', base).docNumber).toBe('〔2026〕\u3000\u3000号');
  });

  it('states the review decision with its facts, basis and text, and how to ask for second review', async () => {
    const doc = { ...base, docNumber: '深圳信访复查〔2026〕1号' };
    const c = noticeContent('review', doc);
    expect(c.title).toBe('信访事项复查意见书');
    const text = c.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs]).join('\n');
    expect(text).toContain('另一台仍停运');
    expect(text).toContain('第三十五条');
    expect(text).toContain('责令五日内修复第二台电梯');
    expect(text).toContain('变更原处理意见');
    expect(text).toContain('请求复核（截至2026年6月9日）');
    const xml = readZipEntry(await buildNoticeDocx('review', doc), 'word/document.xml')!;
    expect(xml).toContain('另一台仍停运');
    expect(xml).toContain('深圳信访复查〔2026〕1号');
    expect(xml).toContain('复查意见书');
  });

  it('tells the petitioner that the second-review decision is final', async () => {
    const xml = readZipEntry(await buildNoticeDocx('recheck', base), 'word/document.xml')!;
    expect(xml).toContain('信访事项复核意见书');
    expect(xml).toContain('经复核，复查查明的事实清楚');
    expect(xml).toContain('不再受理');
  });

  it('refuses to build a notice without its data', async () => {
    await expect(buildNoticeDocx('extension', { ...base, extension: undefined })).rejects.toThrow(
      /extension/,
    );
  });
});

describe('noticeDataFromMatter', () => {
  const matter = {
    caseNumber: 'SZ-1',
    queryCode: 'Q1',
    subject: '噪音',
    receivedAt: '2026-03-02T01:00:00Z',
    acceptedAt: '2026-03-03T01:00:00Z',
    petitioners: [
      { name: '甲', isRepresentative: false },
      { name: '乙', isRepresentative: true },
    ],
    units: [{ unitId: 7, name: '南山区住建局', role: 'lead' }],
    decisions: [],
    timeline: [
      {
        kind: 'accepted',
        at: '2026-03-03T01:00:00Z',
        unitName: '南山区信访局',
        payload: { leadUnitName: '南山区住建局', handlingDueDate: '2026-05-02' },
      },
    ],
  };

  it('addresses the representatives and names the accepting body', () => {
    const d = noticeDataFromMatter('acceptance', matter)!;
    expect(d.petitionerNames).toEqual(['乙']);
    expect(d.issuingBody).toBe('南山区信访局');
    expect(d.acceptance?.handlingDueDate).toBe('2026-05-02');
  });

  it('has no reply notice before a reply exists', () => {
    expect(noticeDataFromMatter('reply', matter)).toBeNull();
    expect(noticeDataFromMatter('review', matter)).toBeNull();
  });

  it('builds the review notice from the review decision and prints the 文号 its event recorded', () => {
    const reviewed = {
      ...matter,
      units: [...matter.units, { unitId: 2, name: '深圳市信访局', role: 'reviewer' }],
      decisions: [{ ...base.review!, kind: 'review', body: base.review!.body ?? null, unitId: 2 }],
      timeline: [
        ...matter.timeline,
        {
          kind: 'reviewed',
          at: '2026-05-10T08:00:00Z',
          unitName: '深圳市信访局',
          payload: {
            unitName: '深圳市信访局',
            recheckRequestDueDate: '2026-06-09',
            docNumber: '深圳信访复查〔2026〕4号',
          },
        },
      ],
    };
    const d = noticeDataFromMatter('review', reviewed)!;
    expect(d.issuingBody).toBe('深圳市信访局');
    expect(d.docNumber).toBe('深圳信访复查〔2026〕4号');
    expect(d.review?.facts).toContain('另一台仍停运');
    expect(d.review?.recheckDueDate).toBe('2026-06-09');
    expect(noticeDataFromMatter('recheck', reviewed)).toBeNull();
  });
});

describe('document numbers', () => {
  it('abbreviates the issuing unit as 文号 do', () => {
    expect(unitDocCode('深圳市南山区信访局')).toBe('南山信访');
    expect(unitDocCode('深圳市信访局')).toBe('深圳信访');
    expect(unitDocCode('广东省信访局')).toBe('广东信访');
    expect(unitDocCode('南山区信访局')).toBe('南山信访');
    expect(unitDocCode('广东省深圳市南山区住房和建设局')).toBe('南山住房和建设');
  });

  it('writes unit, kind, year in 六角括号 and the plain sequence', () => {
    expect(formatDocNumber('南山信访', 'acceptance', 2026, 17)).toBe('南山信访受告〔2026〕17号');
    expect(formatDocNumber('深圳信访', 'recheck', 2027, 1)).toBe('深圳信访复核〔2027〕1号');
  });
});
