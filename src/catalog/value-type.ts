// Plain enums (value checks run in the import worker thread, which loads no Nest); registered as
// GraphQL enums in data-element.entity.ts.
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

export enum Subject {
  VILLAGE = 'VILLAGE',
  RESIDENT = 'RESIDENT',
}
