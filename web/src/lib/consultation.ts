import { graphql, type Enum, type ResultOf } from '../graphql.js';
import type { TagType } from './labels.js';

/** What each answer is called, and its tag colour. */
export const CONSULTATION_ANSWERS: Record<Enum<'ConsultationAnswer'>, { label: string; type: TagType }> = {
  AGREE: { label: '同意', type: 'success' },
  SUGGEST: { label: '有修改建议', type: 'warning' },
  NO_OPINION: { label: '无意见', type: 'info' },
};
export const CONSULTATION_STATUS: Record<Enum<'ConsultationStatus'>, { label: string; type: TagType }> = {
  OPEN: { label: '征求中', type: 'primary' },
  CLOSED: { label: '已结束', type: 'info' },
};

/** One consultation with the answers the caller may see (a village its own, a town its villages'). */
export const ConsultationQuery = graphql(`
  query Consultation($id: Int!) {
    consultation(id: $id) {
      id
      title
      draft
      status
      dueAt
      createdAt
      closedAt
      department {
        name
      }
      createdBy {
        displayName
      }
      formDraft {
        title
        fields
      }
      recipients {
        id
        regionId
        region {
          name
          level
        }
        answer
        comment
        answeredAt
        answeredBy {
          displayName
        }
      }
    }
  }
`);
export type ConsultationDetail = ResultOf<typeof ConsultationQuery>['consultation'];
export type Recipient = ConsultationDetail['recipients'][number];
