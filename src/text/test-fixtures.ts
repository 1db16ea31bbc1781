/**
 * Small hand-written petitions for unit tests (written for Minsheng, not taken from any data set):
 * enough for a classifier to learn five categories, so tests need no shared data.
 */
import type { TrainingRecord } from './classifier/model.ts';

const BY_LABEL: Record<string, string[]> = {
  城乡建设: [
    '阳光花园小区物业乱收停车费，业主多次反映无人处理',
    '我们小区的电梯经常故障，物业公司不维修',
    '开发商逾期交房，购房合同约定的房产证至今没有办理',
    '小区旁边有人违章建筑，占用公共绿地，请城管执法',
    '老旧小区改造施工拖延一年，道路坑洼不平',
    '拆迁安置房迟迟不交付，拆迁补偿款也没有到位',
    '物业公司强行断水断电，业主委员会无法成立',
    '小区地下车库漏水严重，开发商推诿责任',
  ],
  劳动和社会保障: [
    '公司拖欠工人工资三个月，老板失联，请劳动监察处理',
    '单位不给职工缴纳社保，养老保险断缴怎么办',
    '退休人员养老金调整标准是什么，何时发放',
    '工地包工头拖欠农民工工资，年底讨薪无门',
    '企业不签劳动合同，辞退员工不给经济补偿',
    '失业保险金如何申领，需要哪些材料',
    '医疗保险异地转移接续手续办理困难',
    '工伤认定拖了半年，单位拒绝支付工伤待遇',
  ],
  教育文体: [
    '孩子小学入学划片不合理，学位紧张无法就近入学',
    '学校老师私自有偿补课，家长负担很重',
    '幼儿园收费过高，普惠性幼儿园名额太少',
    '中学食堂饭菜质量差，学生意见很大',
    '学校放学太早，学生课后服务没有落实',
    '教师招聘考试成绩公示有问题，请教育局核查',
    '体育馆长期不对市民开放，健身场地太少',
    '高中学生作业太多，睡眠时间严重不足',
  ],
  环境保护: [
    '工厂夜间排放废气，刺鼻臭味让居民无法入睡',
    '附近搅拌站噪音扰民，粉尘污染非常严重',
    '河道被偷排污水，河水发黑发臭，鱼虾死亡',
    '垃圾焚烧厂选址离居民区太近，担心空气污染',
    '建筑工地深夜施工，噪音严重影响休息',
    '养猪场粪便直排农田，污染地下水',
    '餐馆油烟直排，楼上住户窗户都是油污',
    '采砂场破坏山体植被，扬尘污染周边村庄',
  ],
  交通运输: [
    '公交车经常不按时发车，乘客等车时间太长',
    '路口红绿灯时间设置不合理，早晚高峰严重拥堵',
    '出租车司机拒载绕路，乘客投诉无门',
    '建议地铁线路延伸到新区，方便市民出行',
    '高速公路收费站排队太长，通行效率低',
    '网约车平台乱收费，车辆和司机资质不明',
    '公交站台设置太远，老人上车不方便',
    '货车超载严重，乡村公路被压坏',
  ],
};

/** Forty labelled petitions, eight per category, as `{ label, text }` records. */
export const TRAINING_FIXTURE: TrainingRecord[] = Object.entries(BY_LABEL).flatMap(([label, texts]) =>
  texts.map((text) => ({ label, text })),
);

/** New petitions (not in the fixture) with the category a registrar would give them. */
export const UNSEEN_FIXTURE: { subject: string; body: string; label: string }[] = [
  { subject: '物业乱收费', body: '小区物业公司收取高额停车费，业主不同意', label: '城乡建设' },
  { subject: '讨要工资', body: '公司拖欠我们工资半年了，请帮助农民工讨薪', label: '劳动和社会保障' },
  { subject: '入学问题', body: '孩子上小学没有学位，学校不给入学', label: '教育文体' },
  { subject: '噪音污染', body: '工厂机器噪音和废气污染严重，居民无法休息', label: '环境保护' },
  { subject: '公交问题', body: '公交车班次太少，等车时间长，建议增加线路', label: '交通运输' },
];

/** A petition and an unrelated one, for similarity tests. */
export const SIMILARITY_ORIGINAL = {
  subject: '阳光花园小区旁边建搅拌站噪音扰民',
  body: '阳光花园小区东侧新建了一座混凝土搅拌站，每天从早到晚机器轰鸣，粉尘满天，大货车进进出出，严重影响居民休息和孩子学习。请环保部门尽快调查处理，还我们安静的生活环境。',
};
export const SIMILARITY_UNRELATED = {
  subject: '公交车班次太少',
  body: '十八路公交车早高峰班次太少，乘客在站台等半个小时也上不了车，建议公交公司增加班次。',
};
