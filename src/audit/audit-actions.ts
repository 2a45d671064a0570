/**
 * Every action the platform writes to the audit log, with the Chinese name the audit page shows.
 * `AuditInput.action` is typed by this table: an action without its name does not compile.
 */
export const AUDIT_ACTION_LABELS = {
  'user.export': '导出用户列表',
  'user.login': '登录',
  'user.lock': '登录失败过多，账号锁定',
  'user.create': '新建用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.resetPassword': '重置密码',
  'catalog.create': '新建数据元',
  'catalog.update': '修改数据元',
  'catalog.aliases': '修改数据元别名',
  'duty.create': '新增职责事项',
  'duty.update': '修改职责事项',
  'duty.delete': '删除职责事项',
  'import.batch': '导入数据',
  'import.dry_run': '试导入（不写入）',
  'import.errors_export': '下载导入错误清单',
  'form.create': '新建表单',
  'form.update': '修改表单',
  'form.delete': '删除表单草稿',
  'admission.submit': '提交准入申请',
  'admission.approve': '准入',
  'admission.reject': '不予准入',
  'admission.return': '退回修改',
  'admission.withdraw': '撤回准入申请',
  'admission.system_reject': '系统拒绝（负面清单）',
  'admission.retire': '退出表单',
  'task.create': '下发任务',
  'task.close': '关闭任务',
  'task.remind': '催报',
  'task.urge': '催办',
  'task.export': '导出汇总表',
  'task.export_full': '导出完整汇总表（含完整身份证号）',
  'submission.save': '保存填报草稿',
  'submission.submit': '提交填报',
  'submission.submit_accept': '提交填报（提交即通过）',
  'submission.accept': '审核通过填报',
  'submission.return': '退回填报',
  'resident.autofill': '按身份证号自动带出',
  'resident.lookup': '查询居民',
  'village.contact_read': '查看村(社区)联系电话',
  'feedback.file': '提交反馈',
  'feedback.acknowledge': '受理反馈',
  'feedback.respond': '答复反馈',
  'feedback.resolve': '办结反馈',
  'townContact.set': '设置镇(街道)联系方式',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The Chinese name of an action; an action no longer written (older rows) keeps a neutral name, never its code. */
export const auditActionLabel = (action: string): string => (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? '其他操作';
