/**
 * READ_MODELS: everything insights reads outside its own module. Insights owns no tables; its
 * dashboards read only these views, each published (and kept) by the module that owns the table
 * behind it. A dashboard that needs another column asks the owner to add it to its read model.
 */
import { ADMISSION_DECISION_READ_MODEL, ADMISSION_REQUEST_READ_MODEL } from '../admission/admission.read-models.js';
import { ASSIGNMENT_READ_MODEL, TASK_READ_MODEL, URGE_READ_MODEL } from '../dispatch/dispatch.read-models.js';
import { FEEDBACK_READ_MODEL } from '../feedback/feedback.read-models.js';
import { SUBMISSION_READ_MODEL } from '../filling/filling.read-models.js';
import { FORM_READ_MODEL } from '../forms/forms.read-models.js';
import {
  WORK_ORDER_READ_MODEL,
  WORK_ORDER_STEP_READ_MODEL,
  WORK_ORDER_TOWN_READ_MODEL,
  WORK_ORDER_VILLAGE_READ_MODEL,
} from '../orders/orders.read-models.js';
import {
  ROLLUP_FILL_MONTH_READ_MODEL,
  ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL,
  ROLLUP_TASK_TOWN_READ_MODEL,
  ROLLUP_VILLAGE_YEAR_READ_MODEL,
} from '../rollups/rollups.read-models.js';

export {
  ADMISSION_DECISION_READ_MODEL,
  ADMISSION_REQUEST_READ_MODEL,
  ASSIGNMENT_READ_MODEL,
  FEEDBACK_READ_MODEL,
  FORM_READ_MODEL,
  ROLLUP_FILL_MONTH_READ_MODEL,
  ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL,
  ROLLUP_TASK_TOWN_READ_MODEL,
  ROLLUP_VILLAGE_YEAR_READ_MODEL,
  SUBMISSION_READ_MODEL,
  TASK_READ_MODEL,
  URGE_READ_MODEL,
  WORK_ORDER_READ_MODEL,
  WORK_ORDER_STEP_READ_MODEL,
  WORK_ORDER_TOWN_READ_MODEL,
  WORK_ORDER_VILLAGE_READ_MODEL,
};

/** A read model: a view and the columns its owner promises. */
export interface ReadModel {
  readonly view: string;
  readonly columns: readonly string[];
}

/**
 * Regions and departments are read through RegionsService and DepartmentsService (names, the village
 * of a burden query); the rest through these views.
 */
export const READ_MODELS: readonly ReadModel[] = [
  FORM_READ_MODEL,
  ADMISSION_REQUEST_READ_MODEL,
  ADMISSION_DECISION_READ_MODEL,
  TASK_READ_MODEL,
  ASSIGNMENT_READ_MODEL,
  URGE_READ_MODEL,
  SUBMISSION_READ_MODEL,
  FEEDBACK_READ_MODEL,
  ROLLUP_TASK_TOWN_READ_MODEL,
  ROLLUP_FILL_MONTH_READ_MODEL,
  ROLLUP_VILLAGE_YEAR_READ_MODEL,
  WORK_ORDER_READ_MODEL,
  WORK_ORDER_TOWN_READ_MODEL,
  WORK_ORDER_VILLAGE_READ_MODEL,
  WORK_ORDER_STEP_READ_MODEL,
  ROLLUP_ORDER_VILLAGE_MONTH_READ_MODEL,
];
