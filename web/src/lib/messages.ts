import { reactive } from 'vue';
import { graphql } from '../graphql.js';
import { gqlBackgroundQuery, gqlQuery } from './api.js';
import { auth } from './auth.js';

const UnreadQuery = graphql(`
  query UnreadMessageCount {
    unreadMessageCount
  }
`);

/** The header's unread badge: refreshed on every page change, every minute, and after marking read. */
export const inbox = reactive({ unread: 0 });

export async function refreshUnread({ background = false } = {}): Promise<void> {
  if (!auth.me) {
    inbox.unread = 0;
    return;
  }
  try {
    // The minute's timer is not the person at work: it must not keep an unattended session from idling out.
    inbox.unread = (await (background ? gqlBackgroundQuery(UnreadQuery) : gqlQuery(UnreadQuery))).unreadMessageCount;
  } catch {
    // A badge that cannot refresh keeps its last figure; the page itself reports errors.
  }
}

/** What each kind is called on the 消息 page. */
export const MESSAGE_KINDS: Record<string, { label: string; type: 'primary' | 'success' | 'warning' | 'danger' | 'info' }> = {
  TASK_ASSIGNED: { label: '新任务', type: 'primary' },
  DUE_IN_3_DAYS: { label: '即将到期', type: 'warning' },
  DUE_TOMORROW: { label: '明天到期', type: 'warning' },
  OVERDUE: { label: '已逾期', type: 'danger' },
  RETURNED: { label: '被退回', type: 'danger' },
  ACCEPTED: { label: '已通过', type: 'success' },
  URGED: { label: '催办', type: 'danger' },
  ADMISSION_DECIDED: { label: '准入结果', type: 'primary' },
  FEEDBACK_ANSWERED: { label: '反馈答复', type: 'success' },
  FORM_RETIRED: { label: '表单退出', type: 'info' },
  CONSULTATION_ASKED: { label: '征求意见', type: 'warning' },
};
