import { idCheckCharacter } from '../intake/id-number.ts';
import type { Rng } from '../text/random.ts';

/**
 * Fake but well-formed people for the demo: common surnames and given-name characters, valid
 * GB 11643 ID numbers registered in 深圳市 (4403xx), and mobile numbers. None is a real person's.
 */

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '邓',
  '冯',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '潘',
  '袁',
  '蔡',
  '蒋',
  '余',
  '于',
  '杜',
  '叶',
  '程',
  '魏',
  '苏',
  '吕',
  '丁',
  '沈',
  '钟',
  '卢',
  '姜',
  '崔',
  '谭',
  '廖',
  '范',
  '汪',
  '陆',
  '金',
  '石',
  '戴',
  '贾',
  '韦',
  '夏',
  '邱',
  '方',
  '侯',
  '邹',
  '熊',
  '孟',
  '秦',
  '白',
  '欧阳',
  '司马',
];

const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '华',
  '建国',
  '建华',
  '志强',
  '志明',
  '海',
  '波',
  '斌',
  '鹏',
  '辉',
  '刚',
  '健',
  '峰',
  '浩',
  '宇',
  '俊',
  '晨',
  '文',
  '国庆',
  '德华',
  '永红',
  '立新',
  '家豪',
  '子轩',
  '俊杰',
  '振华',
  '卫东',
  '少华',
  '锦辉',
  '伟东',
  '国平',
];

const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '秀英',
  '桂英',
  '玉兰',
  '丹',
  '萍',
  '红',
  '玲',
  '燕',
  '慧',
  '婷',
  '雪',
  '琳',
  '欣怡',
  '梓涵',
  '诗琪',
  '晓燕',
  '美玲',
  '淑芬',
  '海燕',
  '丽华',
  '春梅',
  '雅婷',
  '凤英',
  '翠兰',
];

/** County-level codes of 深圳市 (GB/T 2260): where the demo's petitioners' ID numbers were issued. */
export const SHENZHEN_COUNTIES = [
  '440303',
  '440304',
  '440305',
  '440306',
  '440307',
  '440308',
  '440309',
  '440310',
  '440311',
] as const;

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)] as T;

export interface FakePerson {
  name: string;
  sex: 'male' | 'female';
  idNumber: string;
  phone: string;
  birthDate: string;
}

/** A valid 18-character ID number: region, birth date, a sequence whose parity gives the sex, check character. */
export function makeIdNumber(region: string, birthDate: string, seq: number, sex: 'male' | 'female'): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (sex === 'male')) s = s === 999 ? 998 : s + 1;
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** Generates distinct people: no two share an ID number or a phone number. */
export class PeopleFactory {
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Rng) {}

  name(sex: 'male' | 'female' = this.rng.next() < 0.5 ? 'male' : 'female'): string {
    return pick(this.rng, SURNAMES) + pick(this.rng, sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  }

  phone(): string {
    for (;;) {
      const p = pick(this.rng, MOBILE_PREFIXES) + String(this.rng.int(100_000_000)).padStart(8, '0');
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  /** A person born between 1948 and 2004 (adults on any date of the demo). */
  person(): FakePerson {
    const sex = this.rng.next() < 0.5 ? 'male' : 'female';
    const year = 1948 + this.rng.int(57);
    const month = 1 + this.rng.int(12);
    const day = 1 + this.rng.int(28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    for (;;) {
      const id = makeIdNumber(pick(this.rng, SHENZHEN_COUNTIES), birthDate, this.rng.int(1000), sex);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return { name: this.name(sex), sex, idNumber: id, phone: this.phone(), birthDate };
      }
    }
  }
}

/** Grid leaders, officers' display names and the like. */
export function randomName(rng: Rng): string {
  const sex = rng.next() < 0.5 ? 'male' : 'female';
  return pick(rng, SURNAMES) + pick(rng, sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
}
