import { Role } from './auth-user.js';
import { classOfElement, classOfField, coarsenBirthDate, maskPhone, PersonalClass, reveal } from './personal-data.js';

describe('personal data: masks and the who-sees-what table', () => {
  it('masks a mobile in the middle and a landline after its area code, keeping the last four', () => {
    expect(maskPhone('13712341657')).toBe('137****1657');
    expect(maskPhone('07106123456')).toBe('0710-***3456');
    expect(maskPhone('0710-6123456')).toBe('0710-***3456');
    expect(maskPhone('01062345678')).toBe('010-****5678');
    // Not a valid number: all but the last four digits hidden.
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('12')).toBe('****');
  });

  it('coarsens a birth date to its year and leaves other values alone', () => {
    expect(coarsenBirthDate('1941-04-28')).toBe('1941');
    expect(coarsenBirthDate('19410428')).toBe('1941');
    // Typed into an unbound 出生日期/出生年月 text field: any form with the month is cut to the year.
    for (const typed of ['1941/4/28', '1941.04.28', '1941年4月28日', '1941-04', '1941年4月', ' 194104 '])
      expect(coarsenBirthDate(typed)).toBe('1941');
    expect(coarsenBirthDate('1941')).toBe('1941');
    expect(coarsenBirthDate('84')).toBe('84');
  });

  it('classifies elements and unbound fields', () => {
    expect(classOfElement({ code: 'resident.id_number', subject: 'RESIDENT', valueType: 'ID_NUMBER' })).toBe(PersonalClass.RESIDENT_ID);
    expect(classOfElement({ code: 'resident.birth_date', subject: 'RESIDENT', valueType: 'DATE', derivedFrom: 'resident.id_number' })).toBe(
      PersonalClass.ID_DERIVED,
    );
    // Gender is the 17th digit, which the mask shows anyway.
    expect(classOfElement({ code: 'resident.gender', subject: 'RESIDENT', valueType: 'ENUM', derivedFrom: 'resident.id_number' })).toBe(
      PersonalClass.RESIDENT,
    );
    expect(classOfElement({ code: 'village.secretary_phone', subject: 'VILLAGE', valueType: 'PHONE' })).toBe(PersonalClass.PHONE);
    expect(classOfElement({ code: 'village.secretary_name', subject: 'VILLAGE', valueType: 'TEXT' })).toBe(PersonalClass.STAFF_NAME);
    expect(classOfElement({ code: 'village.households', subject: 'VILLAGE', valueType: 'INTEGER' })).toBeNull();
    expect(classOfField({ section: 'RESIDENT', valueType: 'DATE', label: '出生日期' }, null)).toBe(PersonalClass.ID_DERIVED);
    expect(classOfField({ section: 'VILLAGE', valueType: 'TEXT', label: '联系人' }, null)).toBe(PersonalClass.STAFF_NAME);
    expect(classOfField({ section: 'VILLAGE', valueType: 'INTEGER', label: '户数' }, null)).toBeNull();
    expect(classOfField({ section: 'VILLAGE', valueType: 'TEXT', label: '书记手机号' }, null)).toBe(PersonalClass.PHONE);
    expect(classOfField({ section: 'RESIDENT', valueType: 'TEXT', label: '联系电话' }, null)).toBe(PersonalClass.PHONE);
    expect(classOfField({ section: 'VILLAGE', valueType: 'INTEGER', label: '固定电话数量' }, null)).toBeNull();
  });

  it('answers each role by the table: viewer nothing, phones masked in lists, the birth date as a year', () => {
    const phone = '13712341657';
    expect(reveal({ role: Role.VIEWER }, PersonalClass.STAFF_NAME, 'DETAIL', '王书记')).toBeUndefined();
    expect(reveal({ role: Role.VIEWER }, PersonalClass.PHONE, 'DETAIL', phone)).toBeUndefined();
    expect(reveal({ role: Role.VIEWER }, null, 'DETAIL', '1200')).toBe('1200');
    expect(reveal({ role: Role.TOWN_STAFF }, PersonalClass.PHONE, 'LIST', phone)).toBe('137****1657');
    expect(reveal({ role: Role.TOWN_STAFF }, PersonalClass.PHONE, 'DETAIL', phone)).toBe(phone);
    expect(reveal({ role: Role.TOWN_STAFF, own: true }, PersonalClass.PHONE, 'LIST', phone)).toBe(phone);
    expect(reveal({ role: Role.DEPARTMENT_STAFF }, PersonalClass.PHONE, 'LIST', phone)).toBe('137****1657');
    expect(reveal({ role: Role.VILLAGE_CADRE }, PersonalClass.PHONE, 'LIST', phone)).toBe(phone);
    for (const role of [Role.VILLAGE_CADRE, Role.TOWN_STAFF, Role.DEPARTMENT_STAFF, Role.OFFICE_REVIEWER, Role.ADMIN])
      expect(reveal({ role, own: true }, PersonalClass.ID_DERIVED, 'DETAIL', '1941-04-28')).toBe('1941');
    expect(reveal({ role: Role.DEPARTMENT_STAFF, fullExport: true }, PersonalClass.ID_DERIVED, 'LIST', '1941-04-28')).toBe('1941-04-28');
    expect(reveal({ role: Role.TOWN_STAFF }, PersonalClass.PHONE, 'LIST', null)).toBeNull();
  });
});
