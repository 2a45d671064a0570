import { Rng } from '../common/rng.js';
import { makeIdNumber } from '../common/id-number.js';

// Synthetic historical records (demo data set, benchmarks): plausible values, valid check digits,
// never a real person's number (the sequence part is generated, birth dates spread over 1940-2015).

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红梅文德福生春海云峰成祥';
const ETHNIC = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '土家族', '满族'];
const EDU = ['小学及以下', '初中', '初中', '高中/中专', '大专', '本科及以上'];
const JOB = ['务农', '外出务工', '本地就业', '个体经营', '在校学生', '无业', '退休'];
const MARRIAGE = ['未婚', '已婚', '已婚', '已婚', '离异', '丧偶'];
const TYPES = ['集聚提升类', '城郊融合类', '特色保护类', '搬迁撤并类', '其他'];

export const VILLAGE_COLUMNS = [
  '村代码',
  '日期',
  '户籍人口',
  '常住人口',
  '户数',
  '耕地面积',
  '村集体经济收入',
  '脱贫户数',
  '低保户数',
  '60岁以上老人数',
  '党员人数',
  '网格数',
  '村民小组数',
  '外出务工人数',
  '是否通自来水',
  '村庄类型',
];
export const RESIDENT_COLUMNS = ['身份证号', '村代码', '日期', '姓名', '民族', '联系电话', '文化程度', '是否低保', '就业状态', '婚姻状况'];

export interface SyntheticVillage {
  code: string;
  population: number | null;
}

/** Village history rows: one per village per date (the values drift a little between dates). */
export function* villageHistoryRows(villages: SyntheticVillage[], dates: string[], seed = 7): Generator<(string | number)[]> {
  yield VILLAGE_COLUMNS;
  const rng = new Rng(seed);
  for (const village of villages) {
    const base = village.population ?? rng.int(600, 4000);
    const type = rng.pick(TYPES);
    for (let i = 0; i < dates.length; i++) {
      const pop = Math.round(base * (1 + (i - dates.length) * 0.01) + rng.int(-20, 20));
      yield [
        village.code,
        dates[i],
        pop + rng.int(50, 300),
        pop,
        Math.round(pop / 3.1),
        rng.int(500, 6000) + 0.5,
        (rng.int(5, 300) / 10).toFixed(1),
        rng.int(0, 40),
        rng.int(0, 30),
        Math.round(pop * 0.2),
        rng.int(10, 80),
        rng.int(1, 8),
        rng.int(3, 15),
        Math.round(pop * 0.25),
        rng.chance(0.9) ? '是' : '否',
        type,
      ];
    }
  }
}

/** Resident rows, `perVillage` per village; each resident's n-th ID number is stable for a seed. */
export function* residentRows(villages: SyntheticVillage[], perVillage: number, date: string, seed = 11): Generator<string[]> {
  yield RESIDENT_COLUMNS;
  const rng = new Rng(seed);
  let num = 0;
  for (const village of villages) for (let i = 0; i < perVillage; i++, num++) yield residentRow(rng, village.code, num, date);
}

/** The n-th synthetic ID number: birth dates cycle through 1940-2015, sequence numbers through 000-999. */
export function syntheticId(num: number): string {
  const day = num % 27_393; // days 1940-01-01 … 2014-12-31
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return makeIdNumber('420683', birth, Math.floor(num / 27_393) % 1000);
}

export function residentRow(rng: Rng, villageCode: string, num: number, date: string): string[] {
  const name = rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.6) ? rng.pick([...GIVEN]) : '');
  return [
    syntheticId(num),
    villageCode,
    date,
    name,
    rng.pick(ETHNIC),
    `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
    rng.pick(EDU),
    rng.chance(0.06) ? '是' : '否',
    rng.pick(JOB),
    rng.pick(MARRIAGE),
  ];
}
