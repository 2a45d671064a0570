import { PlaceIndex, type PlaceData } from './place-names.js';

const towns = [
  { id: 1, name: '环城街道' },
  { id: 2, name: '七方镇' },
  { id: 3, name: '太平镇' },
  { id: 4, name: '新市镇' },
  { id: 5, name: '车河管理区' },
];
const village = (id: number, name: string, townId: number) => ({ id, code: `4206830${townId}${id}`, name, townId });
const data: PlaceData = {
  cities: ['枣阳市'],
  towns,
  villages: [
    village(10, '土铺村', 1),
    village(11, '东园社区', 1),
    village(20, '新集村', 2),
    village(30, '新集村', 3),
    village(31, '太平村', 2),
    village(40, '枣阳村', 4),
    village(50, '王庄村', 5),
    village(51, '王庄村', 1),
  ],
};
const index = new PlaceIndex(data);
const ids = (text: string, town?: string) => index.resolve(text, town).villages.map((village) => village.id);

describe('PlaceIndex.resolve', () => {
  it.each([
    '土铺村',
    '环城街道土铺村',
    '枣阳市环城街道土铺村',
    '湖北省襄阳市枣阳市环城街道土铺村',
    '环城街道/土铺村',
    '环城街道 土铺村',
    '环城街道　土铺村',
    '环城街道－土铺村',
    '环城土铺村',
    '枣阳环城土铺村',
    '环城街道土铺村委会',
    '土铺村委会',
    '土铺村（环城街道）',
  ])('%s → 土铺村', (text) => {
    expect(ids(text)).toEqual([10]);
  });

  it('a bare name in several towns stays ambiguous; a town (column or cell, full or short) decides', () => {
    expect(ids('新集村')).toEqual([20, 30]);
    expect(ids('新集村', '七方镇')).toEqual([20]);
    expect(ids('新集村', '太平')).toEqual([30]);
    expect(ids('七方镇新集村')).toEqual([20]);
    expect(ids('太平新集村')).toEqual([30]);
    expect(index.resolve('七方新集村').town).toEqual(towns[1]);
  });

  it('a village whose name starts like a town or the city is found by its own name first', () => {
    expect(ids('太平村')).toEqual([31]);
    expect(ids('枣阳村')).toEqual([40]);
  });

  it('a town in the cell and another in the town column: nothing (the cadre is told)', () => {
    expect(ids('环城街道土铺村', '七方镇')).toEqual([]);
  });

  it('a town column that names no town says so', () => {
    expect(index.resolve('土铺村', '火星镇')).toEqual({ villages: [], town: null, townText: '火星镇' });
  });

  it('unknown names find nothing; a town without a village is not a village', () => {
    expect(ids('不存在村')).toEqual([]);
    expect(ids('环城街道')).toEqual([]);
    expect(ids('环城街道不存在村')).toEqual([]);
    expect(ids('土铺')).toEqual([]);
    expect(ids('环城土铺')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('same-named villages in two towns, one named by the short form of a 管理区', () => {
    expect(ids('王庄村')).toEqual([50, 51]);
    expect(ids('车河王庄村')).toEqual([50]);
    expect(ids('车河管理区王庄村')).toEqual([50]);
  });

  it('finds towns by full or short name', () => {
    expect(index.town('环城')).toEqual(towns[0]);
    expect(index.town('枣阳市七方镇')).toEqual(towns[1]);
    expect(index.town('火星')).toBeNull();
  });
});

it('a short name two towns share is not used', () => {
  const shared = new PlaceIndex({
    cities: [],
    towns: [
      { id: 1, name: '新集镇' },
      { id: 2, name: '新集乡' },
    ],
    villages: [village(10, '张湾村', 1), village(20, '张湾村', 2)],
  });
  expect(shared.town('新集')).toBeNull();
  expect(shared.resolve('新集张湾村').villages).toEqual([]);
  expect(shared.resolve('新集镇张湾村').villages.map((village) => village.id)).toEqual([10]);
});
