import type { FieldProblem } from '../common/errors.js';
import { normaliseLabel } from '../common/text.js';

/** What a request must state: Jingmen's three clarities, the basis, and why the grassroots must do it. */
export interface AdmissionStatements {
  departmentDoes: string;
  villageDoes: string;
  departmentSupport: string;
  legalBasis: string;
  justification: string;
}

export const STATEMENT_NAMES: Record<keyof AdmissionStatements, string> = {
  departmentDoes: '部门做什么',
  villageDoes: '村(社区)做什么',
  departmentSupport: '部门提供什么支持',
  legalBasis: '法律或政策依据',
  justification: '必要性说明',
};

/** Meaningful characters (after normalising) each statement needs once filler phrases are removed. */
const MIN_CHARS: Record<keyof AdmissionStatements, number> = {
  departmentDoes: 6,
  villageDoes: 6,
  departmentSupport: 6,
  legalBasis: 4,
  justification: 6,
};
const MAX_CHARS = 2000;

/** Phrases that say nothing; what is left after removing them must still say something. Longest first. */
const FILLER = [
  '根据上级要求',
  '按照上级要求',
  '按上级要求',
  '根据工作需要',
  '根据实际需要',
  '按照有关规定',
  '按有关规定',
  '按相关规定',
  '根据相关规定',
  '详见附件',
  '见附件',
  '按要求',
  '按规定',
  '工作需要',
  '有关文件',
  '相关文件',
  '上级文件',
  '同上',
  '暂无',
  '不涉及',
  '无需',
  '待定',
  '没有',
  '其他',
  '等等',
  '填报',
  '报送',
  '配合',
  '做好',
  '完成',
  '落实',
  '相关',
  '工作',
  '无',
  '略',
  '等',
  'test',
  'xxx',
  'na',
  'null',
];

export function statementProblems(admissionStatements: Partial<AdmissionStatements>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, keyof AdmissionStatements>();
  for (const key of Object.keys(STATEMENT_NAMES) as (keyof AdmissionStatements)[]) {
    const name = STATEMENT_NAMES[key];
    const raw = (admissionStatements[key] ?? '').trim();
    if (!raw) {
      problems.push({ field: key, message: `“${name}”不能为空` });
      continue;
    }
    if (raw.length > MAX_CHARS) {
      problems.push({ field: key, message: `“${name}”不超过 ${MAX_CHARS} 个字` });
      continue;
    }
    const norm = normaliseLabel(raw);
    let rest = norm;
    for (const text of FILLER) rest = rest.split(text).join('');
    rest = rest.replace(/^(.)\1*$/u, '$1'); // 「啊啊啊啊」 is one character of content
    if ([...rest].length < MIN_CHARS[key]) {
      problems.push({
        field: key,
        message: `“${name}”过于笼统（如“无”“按上级要求”），请具体说明${key === 'legalBasis' ? '文件名称和条款' : '内容'}`,
      });
      continue;
    }
    const same = seen.get(norm);
    if (same) problems.push({ field: key, message: `“${name}”与“${STATEMENT_NAMES[same]}”内容相同，请分别说明` });
    else seen.set(norm, key);
  }
  return problems;
}
