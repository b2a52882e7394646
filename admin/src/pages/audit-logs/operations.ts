/** The API's mutation names in words (audit log). Create/update/delete of an entity are composed. */
export const OPERATION_NAMES: Record<string, Record<'zh-CN' | 'en', string>> = {
  acceptCase: { 'zh-CN': '受理工单', en: 'Accept case' }, addCaseMessage: { 'zh-CN': '回复 / 备注工单', en: 'Reply or note on case' },
  answerCase: { 'zh-CN': '答复客户', en: 'Answer customer' }, answerDepartmentFeedback: { 'zh-CN': '答复跨部门反馈', en: 'Answer department feedback' },
  assignCase: { 'zh-CN': '分配工单', en: 'Assign case' }, cancelCase: { 'zh-CN': '取消工单', en: 'Cancel case' },
  changeFranchiseStatus: { 'zh-CN': '变更加盟机构状态', en: 'Change franchise status' }, changePassword: { 'zh-CN': '修改密码', en: 'Change password' },
  claimCase: { 'zh-CN': '认领工单', en: 'Claim case' }, closeCase: { 'zh-CN': '关闭工单', en: 'Close case' }, completeCareTask: { 'zh-CN': '完成关怀任务', en: 'Complete care task' },
  createApiKey: { 'zh-CN': '创建 API 密钥', en: 'Create API key' }, disablePlugin: { 'zh-CN': '停用插件', en: 'Disable plugin' },
  disableStaffUser: { 'zh-CN': '停用员工账号', en: 'Disable staff account' }, enablePlugin: { 'zh-CN': '启用插件', en: 'Enable plugin' },
  enableStaffUser: { 'zh-CN': '启用员工账号', en: 'Enable staff account' }, escalateCase: { 'zh-CN': '升级工单', en: 'Escalate case' },
  linkKnowledgeArticle: { 'zh-CN': '引用知识', en: 'Link knowledge article' }, login: { 'zh-CN': '登录', en: 'Sign in' }, logout: { 'zh-CN': '退出登录', en: 'Sign out' },
  mergeCustomers: { 'zh-CN': '合并客户档案', en: 'Merge customers' }, proposeSolution: { 'zh-CN': '提出方案', en: 'Propose solution' },
  raiseDepartmentFeedback: { 'zh-CN': '发起跨部门反馈', en: 'Raise department feedback' }, referCaseToExpert: { 'zh-CN': '转专家', en: 'Refer to expert' },
  refreshSession: { 'zh-CN': '续期会话', en: 'Refresh session' }, reopenCase: { 'zh-CN': '重新打开工单', en: 'Reopen case' },
  requestCustomerConfirmation: { 'zh-CN': '请客户确认', en: 'Ask customer to confirm' }, requestCustomerInfo: { 'zh-CN': '请客户补充', en: 'Ask customer for information' },
  resolveCase: { 'zh-CN': '解决工单', en: 'Resolve case' }, resolveDepartmentFeedback: { 'zh-CN': '办结跨部门反馈', en: 'Resolve department feedback' },
  revokeApiKey: { 'zh-CN': '吊销 API 密钥', en: 'Revoke API key' }, rotateApiKey: { 'zh-CN': '轮换 API 密钥', en: 'Rotate API key' },
  setMyAvailability: { 'zh-CN': '切换在线状态', en: 'Set availability' }, setPluginOwnerAccess: { 'zh-CN': '设置加盟商插件权限', en: 'Set plugin owner access' },
  setStaffRoles: { 'zh-CN': '设置员工角色', en: 'Set staff roles' }, startCaseInvestigation: { 'zh-CN': '开始调查', en: 'Start investigation' },
  transferCase: { 'zh-CN': '转交工单', en: 'Transfer case' }, transitionCase: { 'zh-CN': '工单流转', en: 'Case workflow action' },
  updateCaseSettings: { 'zh-CN': '修改工单设置', en: 'Update case settings' }, updatePluginOptions: { 'zh-CN': '修改插件选项', en: 'Update plugin options' },
  sendSatisfactionRequest: { 'zh-CN': '发送满意度调查', en: 'Send satisfaction survey' }, recordSurveyAnswers: { 'zh-CN': '记录问卷答案', en: 'Record survey answers' },
  recordCallbackOutcome: { 'zh-CN': '记录回访结果', en: 'Record callback outcome' }, raiseCaseFromCallback: { 'zh-CN': '回访转工单', en: 'Raise case from callback' },
};

const ENTITY_NAMES: Record<string, Record<'zh-CN' | 'en', string>> = {
  BusinessCalendar: { 'zh-CN': '工作日历', en: 'business calendar' }, Case: { 'zh-CN': '工单', en: 'case' }, CaseView: { 'zh-CN': '看板视图', en: 'board view' },
  Customer: { 'zh-CN': '客户档案', en: 'customer' }, Franchise: { 'zh-CN': '加盟机构', en: 'franchise' }, KnowledgeArticle: { 'zh-CN': '知识文章', en: 'knowledge article' },
  OrgUnit: { 'zh-CN': '门店 / 部门', en: 'store or unit' }, Role: { 'zh-CN': '角色', en: 'role' }, SlaPolicy: { 'zh-CN': 'SLA 策略', en: 'SLA policy' },
  StaffUser: { 'zh-CN': '员工', en: 'staff member' }, AuthSession: { 'zh-CN': '登录会话', en: 'session' }, ApiKey: { 'zh-CN': 'API 密钥', en: 'API key' },
  DepartmentFeedback: { 'zh-CN': '跨部门反馈', en: 'department feedback' }, CareTask: { 'zh-CN': '关怀任务', en: 'care task' },
  SatisfactionRequest: { 'zh-CN': '满意度回访', en: 'satisfaction survey' }, FranchisePlugin: { 'zh-CN': '插件启用', en: 'plugin enablement' },
  RefundApproval: { 'zh-CN': '退款审批', en: 'refund approval' }, CaseMessage: { 'zh-CN': '工单消息', en: 'case message' }, CaseSettings: { 'zh-CN': '工单设置', en: 'case settings' },
  AgentPresence: { 'zh-CN': '坐席状态', en: 'agent presence' }, SurveyTemplate: { 'zh-CN': '问卷模板', en: 'survey template' },
  CallbackRule: { 'zh-CN': '回访规则', en: 'callback rule' },
};
const VERBS: Record<string, Record<'zh-CN' | 'en', string>> = { create: { 'zh-CN': '新建', en: 'Create' }, update: { 'zh-CN': '修改', en: 'Update' }, delete: { 'zh-CN': '删除', en: 'Delete' } };

/** The operation in words, or undefined when the panel does not know it (shown as the code). */
export function operationName(operation: string, locale: 'zh-CN' | 'en'): string | undefined {
  const known = OPERATION_NAMES[operation]?.[locale];
  if (known) return known;
  const crud = /^(create|update|delete)(?:One|Many)?([A-Z]\w*)$/.exec(operation);
  const entity = crud && ENTITY_NAMES[crud[2]!]?.[locale];
  if (!crud || !entity) return undefined;
  return locale === 'en' ? `${VERBS[crud[1]!]![locale]} ${entity}` : `${VERBS[crud[1]!]![locale]}${entity}`;
}

/** The operation codes whose name contains the text the user typed (so "认领" finds claimCase). */
export function operationsNamed(text: string, operations: string[]): string[] {
  const wanted = text.trim().toLowerCase();
  return operations.filter((op) => (['zh-CN', 'en'] as const).some((l) => operationName(op, l)?.toLowerCase().includes(wanted)));
}

export const KNOWN_OPERATIONS = [
  ...Object.keys(OPERATION_NAMES),
  ...Object.keys(ENTITY_NAMES).flatMap((e) => Object.keys(VERBS).map((v) => `${v}One${e}`)),
];

/** An audited record's type in words (`Case` → 工单), or the type itself when unknown. */
export const entityName = (type: string, locale: 'zh-CN' | 'en'): string => ENTITY_NAMES[type]?.[locale] ?? type;
