import { registerEnumType } from '@nestjs/graphql';

export enum ValueType {
  TEXT = 'TEXT',
  INTEGER = 'INTEGER',
  DECIMAL = 'DECIMAL',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  ENUM = 'ENUM',
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}
registerEnumType(ValueType, { name: 'ValueType', description: '取值类型：文本、整数、小数、日期、是/否、选项、身份证号、电话' });

export enum Subject {
  VILLAGE = 'VILLAGE',
  RESIDENT = 'RESIDENT',
}
registerEnumType(Subject, { name: 'Subject', description: '数据主体：村(社区) 或 居民' });
