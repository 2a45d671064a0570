import { ElMessage, ElMessageBox } from 'element-plus';
import { graphql } from '../graphql.js';
import { ApiError, gqlMutation } from './api.js';

const RetireFormMutation = graphql(`
  mutation RetireForm($id: Int!, $r: String!) {
    retireForm(id: $id, reason: $r) {
      id
      status
    }
  }
`);

/**
 * The office retires an active form (退出此表): asks once for the reason, which the department reads in the
 * form's history. Resolves true when the form was retired, false when the office cancelled or the server refused.
 */
export async function retireForm(formId: number, title: string): Promise<boolean> {
  let reason: string;
  try {
    const answer = await ElMessageBox.prompt(
      `退出后《${title}》不再下发，不再占用村级表单名额；已下发的任务不受影响。请写明退出理由：`,
      '退出此表',
      {
        type: 'warning',
        confirmButtonText: '退出此表',
        cancelButtonText: '取消',
        inputType: 'textarea',
        inputPlaceholder: '如：临时事项已结束，不再报送',
        inputValidator: (value: string) => (value?.trim().length ?? 0) >= 4 || '请写明理由（至少 4 个字）',
      },
    );
    reason = answer.value.trim();
  } catch {
    return false;
  }
  try {
    await gqlMutation(RetireFormMutation, { id: formId, r: reason });
    ElMessage.success('已退出此表，不再下发');
    return true;
  } catch (err) {
    ElMessage.error(err instanceof ApiError ? err.message : String(err));
    return false;
  }
}
