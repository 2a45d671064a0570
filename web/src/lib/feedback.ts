// The feedback API (issue 7) decides the exact shape; this file is the one place to adapt.
export const FEEDBACK_MUTATION = `mutation($input: FileFeedbackInput!) { fileFeedback(input: $input) { id } }`;
export function feedbackVariables(kind: string, content: string, page: string) {
  return { input: { kind, content, page } };
}
