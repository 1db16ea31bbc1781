import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rng } from '../text/random.ts';
import { LIMITS } from '../shared/enums.ts';

/**
 * Subjects, contents and replies for the demo's matters. With the shared data folder present the
 * texts are real public petitions (2020 TipDM Cup message board), read at run time and never
 * copied into the repository; without it, short templates written for the demo stand in.
 */

/** The board's 7 first-level labels mapped to Minsheng's category codes. */
export const BOARD_LABELS: Record<string, string> = {
  城乡建设: 'urban_construction',
  劳动和社会保障: 'labour_social_security',
  教育文体: 'education_culture',
  商贸旅游: 'commerce_tourism',
  环境保护: 'environment',
  卫生计生: 'health',
  交通运输: 'transport',
};

/** Topics of the demo: a first-level category, or a special kind of matter written from templates. */
export type Topic =
  | 'urban_construction'
  | 'labour_social_security'
  | 'education_culture'
  | 'commerce_tourism'
  | 'environment'
  | 'health'
  | 'transport'
  | 'civil_affairs'
  | 'misconduct'
  | 'litigation'
  | 'labour_arbitration'
  | 'public_order'
  | 'outside_remit'
  /** One concrete nuisance that neighbours of one estate write about separately: the demo's recent hot issue. */
  | 'neighbourhood_issue';

export interface DemoReply {
  outcome: 'supported' | 'explained' | 'not_supported';
  facts: string;
  legalBasis: string;
  body: string;
}

export interface DemoText {
  subject: string;
  content: string;
  categoryCode: string;
  purpose: 'request' | 'suggestion' | 'appeal' | 'accusation' | 'other';
  reply: DemoReply;
  source: 'data' | 'template';
}

// Control characters (other than tab and newlines) are refused by the API schemas.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Strips control characters, trims, and cuts to `max` characters (never leaving it empty). */
export function cleanText(raw: string, max: number, fallback = '（无内容）'): string {
  const s = raw.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  const cut = Array.from(s).slice(0, max).join('').trim();
  return cut.length > 0 ? cut : fallback;
}

const SUBCATEGORY_KEYWORDS: [string, RegExp][] = [
  ['urban_construction.property_management', /物业|业委会|业主委员会|电梯/],
  ['urban_construction.demolition', /拆迁|安置|征收|回迁/],
  ['urban_construction.illegal_construction', /违建|违章建|违法建|私搭|加建/],
  ['urban_construction.housing_security', /公租房|廉租房|保障房|人才房|保障性住房/],
  ['urban_construction.real_estate', /开发商|楼盘|交房|购房|房产证|不动产/],
  ['urban_construction.municipal_works', /路灯|下水道|井盖|市政|绿化|管网/],
  ['labour_social_security.wage_arrears', /工资|欠薪|拖欠|讨薪/],
  ['labour_social_security.social_insurance', /社保|养老保险|医保|医疗保险|失业保险|公积金/],
  ['labour_social_security.labour_relations', /劳动合同|辞退|解除|加班|劳动关系/],
  ['environment.noise', /噪音|噪声|扰民/],
  ['environment.air', /油烟|废气|烟尘|扬尘|臭味|异味|焚烧/],
  ['environment.water', /污水|排污|河道|水质|黑臭/],
  ['education_culture.school_places', /学位|入学|招生|划片|学区/],
  ['education_culture.education_fees', /收费|乱收费|学费|补课费/],
  ['education_culture.teachers', /教师|老师待遇|代课/],
  ['transport.public_transit', /公交|地铁|线路|班次/],
  ['transport.taxi', /出租车|网约车|的士/],
  ['transport.roads', /道路|红绿灯|信号灯|路口|拥堵|停车/],
  ['health.medical_disputes', /医院|医生|就医|医疗事故|误诊/],
  ['health.food_drug', /药店|药品|食品安全|过期/],
  ['commerce_tourism.consumer_rights', /预付卡|退费|消费者|维权|售后/],
  ['commerce_tourism.market_supervision', /市场|短斤少两|价格|无证经营|虚假宣传/],
];

const FIRST_LEVEL_KEYWORDS: [string, RegExp][] = [
  ['urban_construction', /物业|小区|拆迁|违建|违章建筑|电梯|房产|开发商|楼盘|住房|公租房|安置/],
  ['labour_social_security', /工资|欠薪|社保|养老保险|劳动合同|劳动仲裁|失业|退休金|医保/],
  ['environment', /噪音|噪声|污染|排放|臭味|油烟|扰民/],
  ['education_culture', /学校|学位|教育|老师|教师|幼儿园|学生/],
  ['health', /医院|医疗|卫生院|疫苗|计生|药店/],
  ['transport', /公交|地铁|交通|出租车|道路|停车/],
  ['commerce_tourism', /商家|消费者|市场|价格|旅游|超市|商户/],
];

/**
 * A keyword guess of the first-level category for unlabelled board messages: the subject decides
 * when it names exactly one category, else the whole text must; ambiguous texts get null.
 */
export function guessFirstLevel(subject: string, body: string): string | null {
  const hits = (text: string) => FIRST_LEVEL_KEYWORDS.filter(([, re]) => re.test(text)).map(([c]) => c);
  const bySubject = hits(subject);
  if (bySubject.length === 1) return bySubject[0] ?? null;
  if (bySubject.length > 1) return null;
  const byText = hits(`${subject} ${body}`);
  return byText.length === 1 ? (byText[0] ?? null) : null;
}

/** The most specific category code for a text within a first-level category. */
export function refineCategory(firstLevel: string, subject: string, body: string): string {
  const subjectHit = SUBCATEGORY_KEYWORDS.find(
    ([code, re]) => code.startsWith(`${firstLevel}.`) && re.test(subject),
  );
  if (subjectHit) return subjectHit[0];
  const bodyHit = SUBCATEGORY_KEYWORDS.find(
    ([code, re]) => code.startsWith(`${firstLevel}.`) && re.test(body.slice(0, 300)),
  );
  return bodyHit ? bodyHit[0] : firstLevel;
}

const LEGAL_BASIS: Record<string, string> = {
  urban_construction: '《物业管理条例》《深圳经济特区物业管理条例》《中华人民共和国城乡规划法》',
  'urban_construction.property_management':
    '《物业管理条例》第三十五条、《深圳经济特区物业管理条例》第五十条',
  'urban_construction.illegal_construction':
    '《中华人民共和国城乡规划法》第六十四条、《深圳市查处违法建筑若干规定》',
  'urban_construction.demolition': '《国有土地上房屋征收与补偿条例》、《深圳市城市更新办法》',
  labour_social_security: '《中华人民共和国劳动合同法》第三十条、《保障农民工工资支付条例》第三条',
  'labour_social_security.social_insurance': '《中华人民共和国社会保险法》第五十八条、第八十六条',
  environment: '《中华人民共和国噪声污染防治法》第四十三条、《中华人民共和国大气污染防治法》第八十一条',
  education_culture: '《中华人民共和国义务教育法》第十二条、《深圳市义务教育阶段学校招生工作意见》',
  health: '《医疗纠纷预防和处理条例》第二十二条、《中华人民共和国药品管理法》',
  transport: '《城市公共交通条例》第十五条、《深圳经济特区道路交通安全管理条例》',
  commerce_tourism: '《中华人民共和国消费者权益保护法》第二十四条、《单用途商业预付卡管理办法》',
  civil_affairs: '《社会救助暂行办法》、《广东省最低生活保障制度实施办法》',
  discipline: '《中华人民共和国监察法》第十一条、《中国共产党纪律处分条例》',
  political_legal: '《中华人民共和国治安管理处罚法》',
  other: '《信访工作条例》第三十二条',
};

export function legalBasisFor(categoryCode: string): string {
  return (
    LEGAL_BASIS[categoryCode] ??
    LEGAL_BASIS[categoryCode.split('.')[0] ?? ''] ??
    (LEGAL_BASIS.other as string)
  );
}

const OUTCOME_PHRASES: Record<DemoReply['outcome'], string> = {
  supported:
    '您反映的问题属实，诉求合理，予以支持。承办单位已责成相关责任方限期整改，我们将持续跟踪落实情况。',
  explained: '您的诉求有一定合理性，但目前缺乏相应的政策依据，已向您作出解释说明，并提供了可行的替代办法。',
  not_supported:
    '经核查，您反映的问题与事实不符（或诉求缺乏法律政策依据），不予支持，具体理由已在意见书中说明。',
};

const REVIEW_NOTICE =
  '如对本处理意见不服，可自收到本意见书之日起30日内向上一级行政机关请求复查（《信访工作条例》第三十五条）。';

function replyFor(rng: Rng, categoryCode: string, subject: string, dataReply?: string): DemoReply {
  const r = rng.next();
  const outcome: DemoReply['outcome'] = r < 0.45 ? 'supported' : r < 0.8 ? 'explained' : 'not_supported';
  let facts: string;
  if (dataReply) {
    const afterIntro = dataReply.split(/现(?:将有关情况)?回复如下[:：]/)[1] ?? dataReply;
    facts = cleanText(afterIntro, 400);
  } else {
    facts = `经承办单位调查核实，您反映的“${cleanText(subject, 60)}”问题，承办人员已赴现场核查并约谈相关责任方，查明了基本事实。`;
  }
  const body = dataReply
    ? cleanText(`${dataReply}\n\n${REVIEW_NOTICE}`, LIMITS.contentMax)
    : `${facts}\n\n${OUTCOME_PHRASES[outcome]}\n\n${REVIEW_NOTICE}`;
  return { outcome, facts, legalBasis: legalBasisFor(categoryCode), body };
}

// ---------------------------------------------------------------------------------------------
// Templates (used without the data folder, and always for the special topics)

const ESTATES = [
  '荔香苑',
  '南海明珠花园',
  '前海湾名苑',
  '桃园雅居',
  '西丽山庄',
  '海月华庭',
  '蔚蓝海岸',
  '南山新村',
  '学府花园',
  '大冲新城花园',
];
const ROADS = [
  '南海大道',
  '深南大道',
  '沙河西路',
  '南山大道',
  '前海路',
  '留仙大道',
  '科苑南路',
  '桃园路',
  '月亮湾大道',
  '滨海大道辅道',
];
const COMPANIES = [
  '深圳市鸿达电子科技有限公司',
  '深圳市宏盛建筑劳务有限公司',
  '深圳市嘉禾餐饮管理有限公司',
  '深圳市新航物流有限公司',
  '深圳市恒信装饰工程有限公司',
];
const SCHOOLS = [
  '南山区第二外国语学校',
  '南山区育才实验学校',
  '南山区桃源中学',
  '南山区前海小学',
  '南山区西丽第二小学',
];
const HOSPITALS = ['南山区人民医院', '某民营口腔诊所', '某社区健康服务中心'];
const SHOPS = ['某健身会所', '某少儿英语培训机构', '某美容美发店', '某汽车美容店'];

interface Template {
  topic: Topic;
  purpose?: DemoText['purpose'];
  categoryCode: string;
  subject: string;
  content: string;
}

const T = (
  topic: Topic,
  categoryCode: string,
  subject: string,
  content: string,
  purpose?: DemoText['purpose'],
): Template =>
  purpose ? { topic, categoryCode, subject, content, purpose } : { topic, categoryCode, subject, content };

const TEMPLATES: Template[] = [
  // Several residents of one estate, each in their own words, about the same batching plant: a hot
  // issue to be solved once, at its source (条例 §8: find and solve the problems behind petitions).
  T(
    'neighbourhood_issue',
    'environment.noise',
    '海月华庭旁混凝土搅拌站夜间作业噪音扰民',
    '我是海月华庭业主。小区西侧新建的混凝土搅拌站每天夜里十二点后还在作业，搅拌机和罐车的噪音让全家无法入睡，白天粉尘落满阳台。请求环保部门核查搅拌站是否取得审批，依法处理夜间噪音和粉尘。',
  ),
  T(
    'neighbourhood_issue',
    'environment.noise',
    '投诉海月华庭西侧搅拌站粉尘和噪音',
    '海月华庭西侧的混凝土搅拌站离住宅楼不到五十米，罐车整夜进出，噪音和粉尘严重影响老人孩子休息。多次打电话给搅拌站无人理会，请相关部门尽快到现场检测并责令整改。',
  ),
  T(
    'neighbourhood_issue',
    'environment.noise',
    '请求搬迁海月华庭附近的混凝土搅拌站',
    '海月华庭住户反映：小区旁的混凝土搅拌站夜间作业噪音很大，粉尘污染严重，窗户不敢开。请求核查搅拌站的环评和夜间施工许可，督促其停止夜间作业，并考虑搬离居民区。',
  ),
  T(
    'urban_construction',
    'urban_construction.property_management',
    '{estate}物业公司擅自上调物业管理费',
    '我是{estate}业主。物业公司未经业主大会表决，从本月起将物业管理费由每平方米{n1}元上调至{n2}元，并称不交费将停止门禁卡服务。多次与物业沟通无果，请相关部门依法查处，责令其恢复原收费标准。',
  ),
  T(
    'urban_construction',
    'urban_construction.property_management',
    '{estate}电梯频繁故障，物业维修不及时',
    '{estate}{b}栋电梯近{m}个月来多次困人，最近一次有老人被困近一小时。物业公司每次只是简单重启，始终没有彻底维修，维修基金申请也迟迟不启动。请求督促物业和维保单位尽快彻底检修。',
  ),
  T(
    'urban_construction',
    'urban_construction.property_management',
    '{estate}业主委员会换届选举程序不规范',
    '{estate}业委会换届选举中，候选人名单未按规定公示，投票箱由物业保管，计票过程业主无法监督。请求街道办和住建部门依法指导并监督重新选举。',
  ),
  T(
    'urban_construction',
    'urban_construction.illegal_construction',
    '{estate}顶楼业主违规加建阳光房',
    '{estate}{b}栋顶楼业主近期在公共屋面私自加建阳光房，已经施工{m}周，影响楼顶防水和消防通道。向物业反映后无人制止，请求执法部门尽快依法查处并拆除。',
  ),
  T(
    'urban_construction',
    'urban_construction.housing_security',
    '申请公共租赁住房轮候多年未获配租',
    '本人于{y}年申请公共租赁住房，目前轮候排位长期没有变化。家中三代五口人挤在一套不足四十平方米的出租屋内，请求说明轮候进度和配租安排。',
  ),
  T(
    'urban_construction',
    'urban_construction.demolition',
    '旧改项目回迁安置房迟迟未交付',
    '我们是{estate}旧改项目的回迁户，按协议应于去年底交付回迁房，至今仍未交付，临时安置费也已停发{m}个月。请求督促开发商履行协议。',
  ),
  T(
    'urban_construction',
    'urban_construction.municipal_works',
    '{road}人行道路面塌陷多日未修复',
    '{road}靠近公交站一段人行道出现塌陷，坑深约半米，只用几个锥桶围着，已经有{m}周了，晚上经过很危险。请尽快安排修复。',
  ),
  T(
    'urban_construction',
    'urban_construction.municipal_works',
    '关于在{estate}附近增设儿童游乐设施的建议',
    '{estate}周边有近两千户居民，附近公园没有儿童游乐设施，孩子只能在停车场玩耍。建议在社区公园空地增设儿童游乐设施和休息座椅。',
    'suggestion',
  ),
  T(
    'urban_construction',
    'urban_construction.real_estate',
    '开发商逾期交房且拒付违约金',
    '我购买了{estate}二期商品房，合同约定交房日期已过去{m}个月，开发商至今未交房，也拒绝按合同支付逾期违约金。请求主管部门督促处理。',
  ),
  T(
    'labour_social_security',
    'labour_social_security.wage_arrears',
    '{company}拖欠员工{m}个月工资',
    '我们是{company}的员工，公司自今年以来以资金周转困难为由拖欠全体员工{m}个月工资，共约{n1}万元。老板现在不接电话，请求劳动监察部门介入，帮助追讨欠薪。',
  ),
  T(
    'labour_social_security',
    'labour_social_security.wage_arrears',
    '工地拖欠农民工工资',
    '我们在{road}附近一工地做钢筋工，包工头拖欠我们{n2}人的工资，合计{n1}万多元，总包单位说已经把钱付给了分包。春节前等着钱回家，请政府帮忙。',
  ),
  T(
    'labour_social_security',
    'labour_social_security.social_insurance',
    '{company}未依法为员工缴纳社会保险',
    '本人在{company}工作{y2}年，公司一直没有为我缴纳社会保险，只在工资里每月多发两百元“社保补贴”。请求责令公司依法补缴。',
  ),
  T(
    'labour_social_security',
    'labour_social_security.labour_relations',
    '公司以调岗为由变相辞退员工',
    '我在{company}担任会计，公司突然将我调到外地仓库当搬运工，我不同意就以旷工为由要解除合同。请求相关部门调查处理。',
  ),
  T(
    'environment',
    'environment.noise',
    '{road}夜间施工噪声扰民',
    '{road}地铁施工工地连续{m}周在夜间十一点后仍在打桩作业，噪音巨大，附近居民无法入睡。请求核查其是否办理夜间施工许可，并依法处理。',
  ),
  T(
    'environment',
    'environment.noise',
    '{estate}楼下餐饮店空调外机噪音扰民',
    '{estate}{b}栋楼下新开的餐饮店把多台空调外机和排风机装在住户窗下，每天运行到凌晨，噪声和热风严重影响居民生活。',
  ),
  T(
    'environment',
    'environment.air',
    '{estate}附近餐饮店油烟直排',
    '{estate}临街一排餐饮店没有安装油烟净化设施，油烟直排进小区，住户常年不能开窗。请求环保部门检测并督促整改。',
  ),
  T(
    'environment',
    'environment.water',
    '大沙河支流出现异味，疑似偷排污水',
    '近{m}周来{road}附近河段水面发黑、有明显臭味，晚上能看到排水口有污水流出，怀疑附近企业偷排。请派人取样检测。',
  ),
  T(
    'education_culture',
    'education_culture.school_places',
    '{estate}业主子女学位分配不合理',
    '{estate}属于{school}学区，但今年多名业主子女被分配到距离较远的学校。请求教育部门公开今年的学位分配规则和积分排名。',
  ),
  T(
    'education_culture',
    'education_culture.education_fees',
    '{school}课后服务收费不透明',
    '{school}以课后服务名义每学期收取{n1}百元，但没有公示收费依据和服务内容，家长不同意也被要求缴费。请求核查。',
  ),
  T(
    'education_culture',
    'education_culture.teachers',
    '民办学校拖欠教师工资和绩效',
    '本人是一所民办学校教师，学校已拖欠教师{m}个月绩效工资，举办者称等招生后再发。请求教育部门督促。',
  ),
  T(
    'transport',
    'transport.public_transit',
    '建议增开{estate}至科技园的公交线路',
    '{estate}周边居民多在科技园上班，目前没有直达公交，早高峰需要换乘两次。建议增开或调整公交线路，方便居民通勤。',
    'suggestion',
  ),
  T(
    'transport',
    'transport.public_transit',
    '{n2}路公交车班次过少、候车时间长',
    '{n2}路公交车早高峰间隔经常超过二十分钟，车上非常拥挤，建议增加高峰时段班次。',
  ),
  T(
    'transport',
    'transport.taxi',
    '网约车司机绕路多收费投诉无果',
    '我于上月乘坐网约车从{road}到机场，司机故意绕路多收费八十余元，向平台投诉后只退了十元。请求交通主管部门处理。',
  ),
  T(
    'transport',
    'transport.roads',
    '{road}路口信号灯配时不合理导致拥堵',
    '{road}与桃园路交叉口左转绿灯时间过短，早晚高峰车辆排队数百米，请交警部门优化信号灯配时。',
  ),
  T(
    'health',
    'health.medical_disputes',
    '在{hospital}就医后病情加重，要求说明',
    '本人母亲在{hospital}治疗期间病情加重，医院对用药情况解释不清，病历复印也被推诿。请求卫生健康部门调查处理。',
  ),
  T(
    'health',
    'health.food_drug',
    '{road}一药店出售过期药品',
    '本人在{road}一药店购买的感冒药已过有效期，店员拒绝退换。请求市场和卫生部门检查该店药品管理。',
  ),
  T(
    'commerce_tourism',
    'commerce_tourism.consumer_rights',
    '{shop}预付卡商家停业，消费者退费无门',
    '本人在{shop}办理了{n1}千元的预付卡，上月店铺突然关门，老板失联，还有数十名会员余额无法退还。请求相关部门帮助维权。',
  ),
  T(
    'commerce_tourism',
    'commerce_tourism.market_supervision',
    '农贸市场部分摊位短斤少两',
    '{estate}附近农贸市场部分摊位的电子秤明显不准，买一斤肉少二两，向市场管理处反映后没有处理。请求市场监管部门检查。',
  ),
  T(
    'civil_affairs',
    'civil_affairs.elderly_care',
    '高龄老人津贴申请办理缓慢',
    '我父亲今年满八十周岁，两个月前在社区申请高龄津贴，至今没有结果，社区说在等区里审批。请求加快办理。',
  ),
  T(
    'civil_affairs',
    'civil_affairs.social_assistance',
    '最低生活保障申请被驳回，请求重新审核',
    '本人因病失去劳动能力，家庭收入低于低保标准，但申请最低生活保障被驳回，理由是名下有一辆报废汽车。请求重新审核。',
  ),
  T(
    'misconduct',
    'discipline.work_style',
    '反映{reported}工作人员在执法检查中吃拿卡要',
    '{reported}一名姓{surname}的工作人员在对我公司工地进行检查时，多次暗示要“表示表示”，并在我们拒绝后以各种理由拖延验收。请求纪检监察机关调查。',
    'accusation',
  ),
  T(
    'misconduct',
    'discipline.abuse_of_power',
    '举报{reported}有关人员在项目验收中收受好处',
    '据了解，{reported}负责{estate}项目验收的一名科长多次接受开发商宴请，并收受购物卡，对明显的质量问题“高抬贵手”。现实名举报，请求依纪依法查处。',
    'accusation',
  ),
  T(
    'misconduct',
    'discipline.dereliction',
    '反映{reported}对群众举报长期不作为',
    '本人多次向{reported}举报{estate}违法建设问题，均未得到处理，相关工作人员还将举报人信息泄露给被举报人。请求调查相关人员的失职问题。',
    'accusation',
  ),
  T(
    'litigation',
    'political_legal.litigation',
    '对法院民事判决不服，要求信访部门重新处理',
    '本人与{company}的合同纠纷已由南山区人民法院作出一审判决，判决认定事实错误。本人对判决不服，请求信访部门出面责令重新处理，撤销判决。',
    'appeal',
  ),
  T(
    'litigation',
    'political_legal.litigation',
    '要求撤销法院裁定并追究承办法官责任',
    '法院在执行案件中作出的裁定明显不公，本人已多次找法院无果，现请求信访部门撤销该裁定并追究承办法官责任。',
    'appeal',
  ),
  T(
    'labour_arbitration',
    'labour_social_security.labour_relations',
    '被公司违法解除劳动合同，要求支付经济补偿',
    '本人在{company}工作{y2}年，公司以经营调整为由违法解除劳动合同，拒绝支付经济补偿金。本人想申请劳动仲裁，但希望政府先出面处理这起劳动争议。',
  ),
  T(
    'public_order',
    'political_legal.public_order',
    '{estate}周边夜间有人聚众赌博',
    '{estate}后门一间出租屋每天晚上有多人聚集打牌赌博，进出人员复杂，经常吵闹到凌晨。请求公安机关依法查处。',
  ),
  T(
    'public_order',
    'political_legal.public_order',
    '小区附近有人长期占道经营并殴打劝阻人员',
    '{road}人行道上长期有人占道经营，城管劝离后又回来，昨天还有人殴打劝阻的保安。请求公安机关依法处理。',
  ),
  T(
    'outside_remit',
    'urban_construction.property_management',
    '罗湖区某小区物业公司强行收取停车费',
    '本人居住在罗湖区一小区，物业公司未经业主同意强行收取地面停车费，请求处理。',
  ),
];

function fill(rng: Rng, s: string, vars: Record<string, string>): string {
  const pickOf = (xs: string[]) => xs[rng.int(xs.length)] ?? '';
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (vars[k] !== undefined) return vars[k];
    switch (k) {
      case 'estate':
        return (vars.estate ??= pickOf(ESTATES));
      case 'road':
        return (vars.road ??= pickOf(ROADS));
      case 'company':
        return (vars.company ??= pickOf(COMPANIES));
      case 'school':
        return (vars.school ??= pickOf(SCHOOLS));
      case 'hospital':
        return (vars.hospital ??= pickOf(HOSPITALS));
      case 'shop':
        return (vars.shop ??= pickOf(SHOPS));
      case 'b':
        return (vars.b ??= String(1 + rng.int(30)));
      case 'm':
        return (vars.m ??= String(2 + rng.int(5)));
      case 'n1':
        return (vars.n1 ??= String(3 + rng.int(40)));
      case 'n2':
        return (vars.n2 ??= String(10 + rng.int(80)));
      case 'y':
        return (vars.y ??= String(2018 + rng.int(5)));
      case 'y2':
        return (vars.y2 ??= String(2 + rng.int(8)));
      case 'surname':
        return (vars.surname ??= pickOf(['王', '李', '张', '刘', '陈']));
      default:
        return '';
    }
  });
}

interface DataRow {
  subject: string;
  body: string;
  reply?: string;
  categoryCode: string;
}

function readJsonLines(file: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A damaged line is skipped: the demo does not depend on any single message.
    }
  }
  return out;
}

const DATA_TOPICS = new Set<string>(Object.values(BOARD_LABELS));

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Hands out texts per topic without repeating one until the topic's pool runs dry. Data rows are
 * grouped by first-level category: labelled rows by their label, others by a keyword guess.
 */
export class TextPool {
  private readonly withReply = new Map<string, DataRow[]>();
  private readonly plain = new Map<string, DataRow[]>();
  readonly fromData: boolean;

  constructor(
    private readonly rng: Rng,
    dataDir: string | null,
  ) {
    this.fromData = dataDir !== null && existsSync(path.join(dataDir, 'labelled_sample.jsonl'));
    if (!this.fromData || dataDir === null) return;
    const add = (map: Map<string, DataRow[]>, row: DataRow) => {
      const key = row.categoryCode.split('.')[0] ?? row.categoryCode;
      const list = map.get(key) ?? [];
      list.push(row);
      map.set(key, list);
    };
    const toRow = (r: Record<string, unknown>, level1: string | null): DataRow | null => {
      const subject = str(r.subject);
      const body = str(r.body);
      if (!level1 || subject.trim() === '' || body.trim() === '') return null;
      const row: DataRow = { subject, body, categoryCode: refineCategory(level1, subject, body) };
      const reply = str(r.reply);
      if (reply.trim() !== '') row.reply = reply;
      return row;
    };
    for (const r of readJsonLines(path.join(dataDir, 'labelled_sample.jsonl'))) {
      const row = toRow(r, BOARD_LABELS[str(r.label)] ?? null);
      if (row) add(this.plain, row);
    }
    const extra = (file: string) =>
      existsSync(path.join(dataDir, file)) ? readJsonLines(path.join(dataDir, file)) : [];
    for (const r of extra('messages.jsonl')) {
      const row = toRow(r, guessFirstLevel(str(r.subject), str(r.body)));
      if (row) add(this.plain, row);
    }
    for (const r of extra('replies.jsonl')) {
      const row = toRow(r, guessFirstLevel(str(r.subject), str(r.body)));
      if (row?.reply) add(this.withReply, row);
    }
  }

  private draw(map: Map<string, DataRow[]>, key: string): DataRow | null {
    const list = map.get(key);
    if (!list || list.length === 0) return null;
    const i = this.rng.int(list.length);
    const row = list[i] as DataRow;
    list[i] = list[list.length - 1] as DataRow;
    list.pop();
    return row;
  }

  /** A text on `topic`; `vars` fills template fields such as {reported} (the reported unit's name). */
  take(topic: Topic, vars: Record<string, string> = {}): DemoText {
    if (this.fromData && DATA_TOPICS.has(topic)) {
      const row = this.draw(this.withReply, topic) ?? this.draw(this.plain, topic);
      if (row) return this.fromRow(row);
    }
    return this.fromTemplate(topic, vars);
  }

  private fromRow(row: DataRow): DemoText {
    const subject = cleanText(row.subject, LIMITS.subjectMax);
    return {
      subject,
      content: cleanText(row.body, LIMITS.contentMax),
      categoryCode: row.categoryCode,
      purpose: /建议/.test(subject) ? 'suggestion' : /咨询|请问/.test(subject) ? 'other' : 'request',
      reply: replyFor(this.rng, row.categoryCode, subject, row.reply),
      source: 'data',
    };
  }

  private fromTemplate(topic: Topic, vars: Record<string, string>): DemoText {
    const candidates = TEMPLATES.filter((t) => t.topic === topic);
    const t = candidates[this.rng.int(candidates.length)] ?? TEMPLATES[0];
    if (!t) throw new Error('the demo has no text templates');
    const v = { ...vars };
    const subject = cleanText(fill(this.rng, t.subject, v), LIMITS.subjectMax);
    const content = cleanText(fill(this.rng, t.content, v), LIMITS.contentMax);
    return {
      subject,
      content,
      categoryCode: t.categoryCode,
      purpose: t.purpose ?? 'request',
      reply: replyFor(this.rng, t.categoryCode, subject),
      source: 'template',
    };
  }
}

/** All template topics, for tests. */
export const TEMPLATE_TOPICS: readonly Topic[] = [...new Set(TEMPLATES.map((t) => t.topic))];
