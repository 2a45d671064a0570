export { Task } from '../dispatch/task.entity.js';
export { Assignment } from '../dispatch/assignment.entity.js';
export { Submission, SubmissionRow, SubmissionSave } from './submission.entity.js';
