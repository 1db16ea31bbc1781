import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { noticeDataFromMatter } from './from-matter.ts';
import { noticeContent, type NoticeData } from './notice-content.ts';
import { buildNoticeDocx } from './notice-docx.ts';

/** Reads one entry of a zip (a .docx is one) through its central directory. */
function readZipEntry(zip: Buffer, name: string): string | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

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
};

describe('buildNoticeDocx', () => {
  for (const kind of ['acceptance', 'non_acceptance', 'extension', 'reply'] as const) {
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
    expect(c.docNumber).toBe('处意〔2026〕SZ-2026-000123号');
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
  });
});
