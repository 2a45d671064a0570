import type { Enum } from '../graphql.js';

export type PublicList = Enum<'PublicList'>;
export type NameplateCategory = Enum<'NameplateCategory'>;

export const PUBLIC_LISTS: Record<PublicList, string> = {
  CERTIFICATE: '村(社区)不应出具的证明事项',
  NAMEPLATE: '村级组织挂牌标准',
};
/** In the order the standard reads: 4 必挂 + 8 可挂 + 2 统一标识. */
export const NAMEPLATE_CATEGORIES: Record<NameplateCategory, string> = {
  REQUIRED: '必挂（村级组织机构牌）',
  OPTIONAL: '可挂（按实际设置的功能场所）',
  SIGN: '统一标识',
};
