import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * The names people give a data element's column (手机号码 for 联系电话, 是否低保户 for 是否低保): kept
 * with the element in the catalogue as a JSON array, edited by ADMIN, read by the import's header
 * matching. A catalogue loaded from the demo before this migration gets the demo's aliases (a copy
 * of those in src/catalog/demo-catalog.ts at the time: a migration imports nothing from src/).
 */
const DEMO_ALIASES: Record<string, string[]> = {
  'resident.phone': ['手机号码', '手机号', '手机', '电话', '电话号码', '联系方式', '联系电话号码'],
  'resident.dibao': ['是否低保户', '低保户', '是否享受低保', '低保'],
  'resident.poverty_relieved': ['脱贫户', '是否脱贫'],
  'resident.name': ['居民姓名'],
  'resident.household_address': ['户籍所在地', '户口所在地', '户籍地'],
  'resident.ethnicity': ['民族成分'],
  'resident.relation_to_head': ['与户主的关系', '家庭关系'],
  'resident.education': ['学历'],
  'resident.political_status': ['政治面目'],
  'resident.marital_status': ['婚姻状态'],
  'resident.disability_category': ['残疾类型'],
  'resident.medical_insured': ['是否参加医疗保险', '是否参加城乡居民医保'],
  'resident.pension_insured': ['是否参加城乡居民养老保险'],
  'resident.veteran': ['退役军人'],
  'village.registered_population': ['户籍人数', '户籍总人口'],
  'village.resident_population': ['常住人数'],
  'village.households': ['总户数', '户籍户数'],
  'village.secretary_name': ['书记姓名', '村支书姓名'],
  'village.secretary_phone': ['书记电话', '书记联系电话', '村支书电话'],
  'village.party_members': ['党员数'],
  'village.arable_land': ['耕地'],
};

export class DataElementAliases1765000200000 implements MigrationInterface {
  name = 'DataElementAliases1765000200000';

  async up(qr: QueryRunner): Promise<void> {
    const col = columns(qr);
    await qr.addColumn('data_element', new TableColumn(col.text('aliases_json', { isNullable: true })));
    for (const [code, aliases] of Object.entries(DEMO_ALIASES))
      await qr.query('UPDATE data_element SET aliases_json = ? WHERE code = ? AND aliases_json IS NULL', [JSON.stringify(aliases), code]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('data_element', 'aliases_json');
  }
}
