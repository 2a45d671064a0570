import { platformDateTime } from '../common/platform-time.js';
import { MessageKind } from '../messages/message.entity.js';
import type { MessageDraft } from '../messages/messages.service.js';

/** The page a unit opens for its own share of a task: the fill page. */
export const assignmentLink = (assignmentId: number) => `/assignments/${assignmentId}`;
/** The page a town or department follows a task on. */
export const taskLink = (taskId: number) => `/tasks/${taskId}`;

/** What dispatch tells units: titles name the form and period, never a resident. */
export function taskAssignedDrafts(
  task: { id: number; period: string; dueAt: Date },
  formTitle: string,
  assignments: { id: number; regionId: number; townId: number }[],
  at: Date,
): MessageDraft[] {
  const due = platformDateTime(task.dueAt);
  const drafts: MessageDraft[] = assignments.map((assignment) => ({
    kind: MessageKind.TASK_ASSIGNED,
    title: `新任务：${formTitle}（${task.period}）`,
    body: `请在 ${due} 前填报提交。`,
    link: assignmentLink(assignment.id),
    regionId: assignment.regionId,
    at,
  }));
  // The town of village-level assignments hears of the task too, with how many of its villages got it.
  const perTown = new Map<number, number>();
  for (const assignment of assignments)
    if (assignment.townId !== assignment.regionId) perTown.set(assignment.townId, (perTown.get(assignment.townId) ?? 0) + 1);
  for (const [townId, villages] of perTown)
    drafts.push({
      kind: MessageKind.TASK_ASSIGNED,
      title: `新任务：${formTitle}（${task.period}）下发到所辖 ${villages} 个村(社区)`,
      body: `截止 ${due}，可在任务进度中查看并催办。`,
      link: taskLink(task.id),
      regionId: townId,
      role: 'TOWN_STAFF',
      at,
    });
  return drafts;
}

export type DeadlineKind = MessageKind.DUE_IN_3_DAYS | MessageKind.DUE_TOMORROW | MessageKind.OVERDUE;

export function deadlineDraft(
  kind: DeadlineKind,
  assignment: { id: number; regionId: number; dueAt: Date; period: string },
  formTitle: string,
  at: Date,
): MessageDraft {
  const due = platformDateTime(assignment.dueAt);
  const title =
    kind === MessageKind.OVERDUE
      ? `已逾期：${formTitle}（${assignment.period}）`
      : kind === MessageKind.DUE_TOMORROW
        ? `明天到期：${formTitle}（${assignment.period}）`
        : `3 天内到期：${formTitle}（${assignment.period}）`;
  return {
    kind,
    title,
    body: kind === MessageKind.OVERDUE ? `截止时间 ${due} 已过，请尽快填报提交。` : `截止时间 ${due}，请及时填报提交。`,
    link: assignmentLink(assignment.id),
    regionId: assignment.regionId,
    dedupeKey: `${kind}:${assignment.id}`,
    at,
  };
}

/** 催办: each urged unit hears it (with the urger's note); a department's urge tells the towns too. */
export function urgeDrafts(value: {
  task: { id: number; period: string };
  formTitle: string;
  due: string;
  byTown: boolean;
  note: string | null;
  assignments: { id: number; regionId: number; townId: number }[];
  at: Date;
}): MessageDraft[] {
  const who = value.byTown ? '镇(街道)' : '下发部门';
  const note = value.note ? `附言：${value.note}` : '';
  const drafts: MessageDraft[] = value.assignments.map((assignment) => ({
    kind: MessageKind.URGED,
    title: `催办：${value.formTitle}（${value.task.period}）`,
    body: `${who}催办，请在 ${value.due} 前填报提交。${note}`,
    link: assignmentLink(assignment.id),
    regionId: assignment.regionId,
    at: value.at,
  }));
  if (!value.byTown) {
    const perTown = new Map<number, number>();
    for (const assignment of value.assignments)
      if (assignment.townId !== assignment.regionId) perTown.set(assignment.townId, (perTown.get(assignment.townId) ?? 0) + 1);
    for (const [townId, villages] of perTown)
      drafts.push({
        kind: MessageKind.URGED,
        title: `催办：${value.formTitle}（${value.task.period}）所辖 ${villages} 个村(社区)尚未提交`,
        body: `下发部门已催办，请督促所辖村(社区)在 ${value.due} 前提交。${note}`,
        link: taskLink(value.task.id),
        regionId: townId,
        role: 'TOWN_STAFF',
        at: value.at,
      });
  }
  return drafts;
}
