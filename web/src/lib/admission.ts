import { graphql, type Enum, type ResultOf } from '../graphql.js';
import type { TagType } from './labels.js';

export type AdmissionRequestStatus = Enum<'AdmissionRequestStatus'>;
export type DecisionAction = Enum<'DecisionAction'>;

export const REQUEST_STATUS: Record<AdmissionRequestStatus, { label: string; type: TagType }> = {
  PENDING: { label: '待审核', type: 'warning' },
  APPROVED: { label: '已准入', type: 'success' },
  REJECTED: { label: '不予准入', type: 'danger' },
  RETURNED: { label: '退回修改', type: 'danger' },
  WITHDRAWN: { label: '已撤回', type: 'info' },
};
export const DECISIONS: Record<DecisionAction, string> = {
  SUBMIT: '提交申请',
  APPROVE: '准入',
  REJECT: '不予准入',
  RETURN: '退回修改',
  WITHDRAW: '撤回',
  SYSTEM_REJECT: '系统拒绝（负面清单）',
  RETIRE: '退出',
};
export const STATEMENTS = [
  { key: 'departmentDoes', label: '明确一：部门做什么', placeholder: '本部门在这项工作中承担的职责和具体工作' },
  { key: 'villageDoes', label: '明确二：村(社区)做什么', placeholder: '需要村(社区)做的具体事项、频次、工作量' },
  { key: 'departmentSupport', label: '明确三：部门提供什么支持', placeholder: '经费、人员、培训、系统等支持' },
  { key: 'legalBasis', label: '法律或政策依据', placeholder: '文件名称和文号' },
  { key: 'justification', label: '必要性说明', placeholder: '为什么不能从已有表单或共享数据库取得' },
] as const;

export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** What a request asks admission for, in a clerk's words: the form's title, or the work order's. */
export const requestTitle = (request: { form: { title: string } | null; workOrder: { title: string } | null }) =>
  request.form?.title ?? request.workOrder?.title ?? '';

// The two lists of admission requests ask for the same fields. They are spelt out in each document, not shared as a
// fragment: the server's depth limit (8) counts every fragment spread as two levels, and the analysis is already deep.

/** The requests for one form (the form designer's admission panel), newest first. */
export const FormAdmissionRequestsQuery = graphql(`
  query FormAdmissionRequests($f: Int!) {
    admissionRequests(formId: $f, take: 50) {
      items {
        id
        status
        submittedAt
        reviewedAt
        reviewComment
        systemRejected
        capOverridden
        annualEntries
        departmentDoes
        villageDoes
        departmentSupport
        legalBasis
        justification
        kind
        returnCategory
        workOrder {
          id
          title
          content
          deadline
          fundsYuan
          supportStaff
          supportMaterials
          supportOther
          evidenceRequired
          evidenceNote
          towns {
            townId
            town {
              name
            }
          }
        }
        department {
          name
        }
        dutyItem {
          list
          groupName
          name
        }
        reviewer {
          displayName
        }
        submittedBy {
          displayName
        }
        form {
          id
          title
          status
          frequency
          targetLevel
        }
        formVersion {
          id
          versionNo
          fields {
            key
            label
            valueType
            section
            required
            element {
              code
              name
            }
          }
        }
        analysis {
          maxOverlap
          mergeThreshold
          burden {
            annualEntries
            fillsPerYear
            manualFields
            targetUnits
            totalFields
          }
          overlaps {
            formId
            title
            departmentName
            jaccard
            mergeSuggested
            sharedElements
            sharedFieldKeys
          }
          fields {
            key
            label
            elementName
            autofillable
            coverage
            sharedWith {
              formId
              title
              departmentName
            }
          }
        }
      }
    }
  }
`);

/** One page of requests by status, search text and sort (the review and the department's request pages), with the village form cap. */
export const AdmissionRequestsQuery = graphql(`
  query AdmissionRequests(
    $s: AdmissionRequestStatus
    $kind: WorkOrderKind
    $q: String
    $sort: AdmissionRequestSort
    $desc: Boolean
    $skip: Int
    $take: Int
  ) {
    admissionRequests(status: $s, kind: $kind, search: $q, sort: $sort, descending: $desc, skip: $skip, take: $take) {
      totalItems
      items {
        id
        status
        submittedAt
        reviewedAt
        reviewComment
        systemRejected
        capOverridden
        annualEntries
        departmentDoes
        villageDoes
        departmentSupport
        legalBasis
        justification
        kind
        returnCategory
        workOrder {
          id
          title
          content
          deadline
          fundsYuan
          supportStaff
          supportMaterials
          supportOther
          evidenceRequired
          evidenceNote
          towns {
            townId
            town {
              name
            }
          }
        }
        department {
          name
        }
        dutyItem {
          list
          groupName
          name
        }
        reviewer {
          displayName
        }
        submittedBy {
          displayName
        }
        form {
          id
          title
          status
          frequency
          targetLevel
        }
        formVersion {
          id
          versionNo
          fields {
            key
            label
            valueType
            section
            required
            element {
              code
              name
            }
          }
        }
        analysis {
          maxOverlap
          mergeThreshold
          burden {
            annualEntries
            fillsPerYear
            manualFields
            targetUnits
            totalFields
          }
          overlaps {
            formId
            title
            departmentName
            jaccard
            mergeSuggested
            sharedElements
            sharedFieldKeys
          }
          fields {
            key
            label
            elementName
            autofillable
            coverage
            sharedWith {
              formId
              title
              departmentName
            }
          }
        }
      }
    }
    villageFormCap {
      activeVillageForms
      cap
    }
  }
`);

export type AdmissionRequest = ResultOf<typeof AdmissionRequestsQuery>['admissionRequests']['items'][number];
/** The overlap and burden analysis of a request (null for a request the negative list rejected). */
export type Analysis = NonNullable<AdmissionRequest['analysis']>;

// The two documents must keep agreeing: a field added to one and not the other is a type error here.
type Same<Left, Right> = [Left] extends [Right] ? ([Right] extends [Left] ? true : false) : false;
export const requestFieldsAgree: Same<AdmissionRequest, ResultOf<typeof FormAdmissionRequestsQuery>['admissionRequests']['items'][number]> =
  true;
