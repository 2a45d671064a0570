import { rollupDelta, ROLLUPS, type AssignmentSnapshot } from './rollups.js';

const due = new Date('2025-03-31T15:59:59Z');
const base: AssignmentSnapshot = {
  taskId: 7,
  formId: 3,
  departmentId: 5,
  regionId: 101,
  townId: 10,
  dueAt: due,
  status: 'NOT_STARTED',
  submittedAt: null,
  sub: null,
};
const named = (delta: ReturnType<typeof rollupDelta>) =>
  Object.fromEntries(
    [...delta].map(([def, rows]) => [
      def.table,
      rows.map((row) => ({
        key: row.key.join('|'),
        ...Object.fromEntries(def.sums.map((sum, i) => [sum, row.sums[i]]).filter(([, item]) => item !== 0)),
      })),
    ]),
  );

describe('dashboard rollups: what a change adds', () => {
  it('a dispatched task adds one not-started assignment per village to its town and to each village-year', () => {
    const other = { ...base, regionId: 102 };
    expect(
      named(
        rollupDelta([
          { before: null, after: base },
          { before: null, after: other },
        ]),
      ),
    ).toEqual({
      rollup_task_town: [{ key: '7|10', total: 2, not_started: 2 }],
      rollup_village_year: [
        { key: '2025|101|5', fills_due: 1 },
        { key: '2025|102|5', fills_due: 1 },
      ],
    });
  });

  it('a submission moves the assignment between statuses and adds its autofill counts once', () => {
    const at = new Date('2025-03-20T08:00:00Z');
    const draft = { ...base, status: 'DRAFT', sub: { status: 'DRAFT', submittedAt: null, kept: 0, changed: 0, typed: 0 } };
    const submitted = {
      ...base,
      status: 'SUBMITTED',
      submittedAt: at,
      sub: { status: 'SUBMITTED', submittedAt: at, kept: 4, changed: 1, typed: 2 },
    };
    expect(named(rollupDelta([{ before: base, after: draft }]))).toEqual({
      rollup_task_town: [{ key: '7|10', not_started: -1, draft: 1 }],
    });
    expect(named(rollupDelta([{ before: draft, after: submitted }]))).toEqual({
      rollup_task_town: [{ key: '7|10', draft: -1, submitted: 1, submitted_ever: 1, on_time: 1, kept: 4, changed: 1, typed: 2 }],
      rollup_fill_month: [{ key: '2025-03|10|5', kept: 4, other: 3 }],
      rollup_village_year: [{ key: '2025|101|5', typed: 2, kept: 4 }],
    });
  });

  it('a return takes the counts back out; a late resubmission lands in its own month and is not on time', () => {
    const first = new Date('2025-03-20T08:00:00Z');
    const late = new Date('2025-04-02T08:00:00Z');
    const submitted = {
      ...base,
      status: 'SUBMITTED',
      submittedAt: first,
      sub: { status: 'SUBMITTED', submittedAt: first, kept: 4, changed: 1, typed: 2 },
    };
    const returned = { ...submitted, status: 'RETURNED', sub: { ...submitted.sub, status: 'RETURNED' } };
    const again = {
      ...base,
      status: 'SUBMITTED',
      submittedAt: late,
      sub: { status: 'SUBMITTED', submittedAt: late, kept: 5, changed: 0, typed: 2 },
    };
    expect(named(rollupDelta([{ before: submitted, after: returned }]))).toEqual({
      rollup_task_town: [{ key: '7|10', submitted: -1, returned: 1, kept: -4, changed: -1, typed: -2 }],
      rollup_fill_month: [{ key: '2025-03|10|5', kept: -4, other: -3 }],
      rollup_village_year: [{ key: '2025|101|5', typed: -2, kept: -4 }],
    });
    expect(named(rollupDelta([{ before: returned, after: again }]))).toEqual({
      rollup_task_town: [{ key: '7|10', returned: -1, submitted: 1, on_time: -1, kept: 5, typed: 2 }],
      rollup_fill_month: [{ key: '2025-04|10|5', kept: 5, other: 2 }],
      rollup_village_year: [{ key: '2025|101|5', typed: 2, kept: 5 }],
    });
  });

  it('a save that changes nothing counted writes nothing; a moved due time rewrites the row once', () => {
    const draft = { ...base, status: 'DRAFT', sub: { status: 'DRAFT', submittedAt: null, kept: 0, changed: 0, typed: 0 } };
    expect(rollupDelta([{ before: draft, after: { ...draft } }]).size).toBe(0);
    const later = new Date('2025-04-10T15:59:59Z');
    const moved = rollupDelta([{ before: base, after: { ...base, dueAt: later } }]);
    const [def, rows] = [...moved][0];
    expect(def.table).toBe('rollup_task_town');
    expect(rows).toEqual([{ key: [7, 10], attrs: [5, 3, later], sums: def.sums.map(() => 0) }]);
  });

  it('rows come out in key order, so concurrent writers lock them in the same order', () => {
    const snaps = [105, 101, 103].map((regionId) => ({ before: null, after: { ...base, regionId } }));
    const villageYear = rollupDelta(snaps).get(ROLLUPS.find((rollupDef) => rollupDef.table === 'rollup_village_year')!)!;
    expect(villageYear.map((rollupRow) => rollupRow.key[1])).toEqual([101, 103, 105]);
  });
});
