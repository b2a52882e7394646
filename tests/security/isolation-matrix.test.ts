import type { GraphQLField } from 'graphql';
import { buildAppSchema, clock, createPubSub, inScopedTransaction, SYSTEM_SCOPE } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type GraphQLResponse, type TestApp } from '../support/app';
import { apiKeyCaller, signIn, type Caller } from '../support/actors';
import { createProduct, createWarehouse, inDays, receive } from '../inventory/support';

/**
 * Franchise isolation, exercised for every root field of the schema: a franchise-east
 * user and a franchise-east API key go after franchise-west records and data. No west
 * id may appear in any answer; a west record is NOT_FOUND (or null / absent for reads).
 * A root field without a case here fails the test, so new fields must join the matrix.
 */

interface West {
  franchiseId: string;
  storeId: string;
  staffId: string;
  staffVersion: number;
  roleId: string;
  roleVersion: number;
  apiKeyId: string;
  refreshToken: string;
  customerId: string;
  customerVersion: number;
  customerName: string;
  careTaskId: string;
  knowledgeArticleId: string;
  knowledgeArticleVersion: number;
  /** A west case still NEW and unowned (a leaked claim, accept or assign would take it). */
  caseId: string;
  caseVersion: number;
  /** A west case with a customer, resolved by agent@west.demo (so it has a satisfaction request). */
  resolvedCaseId: string;
  resolvedCaseVersion: number;
  sharedViewId: string;
  sharedViewVersion: number;
  personalViewId: string;
  calendarId: string;
  calendarVersion: number;
  slaPolicyId: string;
  slaPolicyVersion: number;
  departmentId: string;
  /** One of west's demo teams (班组). */
  teamId: string;
  feedbackId: string;
  agentId: string;
  pharmacistId: string;
  caseSettings: { assignmentRule: string; feedbackAnswerHours: number };
  /** West's plugin enablements and a refund approval of its own (HQ enabled refund-approval for west here). */
  pluginEnablementIds: string[];
  refundApprovalId: string;
  /** A west message template and a west customer message (in the message log). */
  templateId: string;
  templateVersion: number;
  messageId: string;
  /** West's own product, supplier, warehouse with zones, a lot in stock and a reservation of it. */
  inventory: { productId: string; supplierId: string; warehouseId: string; warehouseVersion: number; zoneId: string; zoneVersion: number; batchId: string; reservationId: string; recallId: string; coldZoneId: string; alertId: string; excursionId: string; stocktakeId: string; stocktakeVersion: number; stocktakeLineId: string; recallContactId: string; recallContactVersion: number; minimumId: string };
  /** West's stock documents: a DRAFT purchase request, a SUBMITTED requisition to its branch center, a REQUESTED destruction of a damaged lot. */
  documents: { purchaseId: string; purchaseVersion: number; purchaseLineId: string; requisitionId: string; requisitionVersion: number; branchWarehouseId: string; destructionId: string; destructionVersion: number; damagedBatchId: string };
  /** West's orders: an online one still RECEIVED and an in-store receipt not yet paid. */
  orders: { onlineId: string; onlineVersion: number; inStoreId: string; inStoreVersion: number; shippedId: string; shippedVersion: number; errorId: string };
  /** A west order delivered, with a return of one unit requested (its 24 h review running). */
  returns: { orderId: string; orderLineId: string; returnId: string; returnVersion: number; returnLineId: string };
  /** West's doctor with a schedule at its branch center, a service, a day of leave and a booked appointment. */
  appointments: { doctorId: string; branchId: string; serviceId: string; serviceVersion: number; exceptionId: string; appointmentId: string; appointmentVersion: number; startsAt: string };
  /** West's own test item and a test order of its customer prescribed by its doctor. */
  journey: { testItemId: string; testItemVersion: number; testOrderId: string; testOrderVersion: number; recordId: string; recordVersion: number; prescriptionId: string; prescriptionVersion: number; productId: string };
  /** West's own survey template (its version 1) and its satisfaction request (pending). */
  surveys: { templateId: string; templateVersion: number; versionId: string; requestId: string; ruleId: string; ruleVersion: number; taskId: string };
  /** A call west's owner logged by hand, with a west customer. */
  calls: { callId: string; callVersion: number };
  /** West's outbound plan (its agent, its customer) and the plan's task. */
  outbound: { planId: string; taskId: string; taskVersion: number };
  /** West's QA: its own scorecard, a review of a case its agent handled, a calibration session on it. */
  quality: { scorecardId: string; scorecardVersion: number; reviewId: string; reviewVersion: number; caseId: string; sessionId: string; sessionVersion: number };
  /** West's appraisal plan of its own, a month's cycle opened with it and its agent's appraisal there. */
  appraisals: { planId: string; planVersion: number; cycleId: string; appraisalId: string; appraisalVersion: number };
  /** West's satisfaction analysis with an improvement action owned by its store director. */
  analysis: { analysisId: string; analysisVersion: number; actionId: string; actionVersion: number; ownerId: string };
  /** HQ's quarterly rounds (one for franchises, answered by west's owner; one for partner organizations only) and west's answers. */
  quarterly: { roundId: string; roundVersion: number; partnersRoundId: string; responseId: string };
  allIds: string[];
}

/** East's own records, for cases that need one (an east queue view to subscribe to, an east case to point at west). */
interface East {
  caseId: string;
  caseVersion: number;
  sharedViewId: string;
  /** A zone of an east warehouse (east's own excursions feed the stock alert subscription). */
  zoneId: string;
  /** That warehouse and a product of east's own, for east's orders (they feed the order subscriptions). */
  warehouseId: string;
  productId: string;
  /** An east order handed over, that east's returns (requested, then cancelled) come from. */
  returnOrderId: string;
  returnOrderLineId: string;
  /** An east appointment (its live events must reach east's calendar subscriptions). */
  appointment: { id: string; doctorId: string; storeId: string };
  /** An east test order (its report-released events must reach east's subscriptions). */
  testOrderId: string;
}

type Expect = 'NOT_FOUND' | 'null' | 'noWestData' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
interface MatrixCase {
  query: (w: West, e: East) => { query: string; variables?: Record<string, unknown> };
  /** What an east caller gets; every answer must also carry no west id. */
  expect: Expect | Expect[];
  /**
   * 'tick' streams on its own; 'customer' needs an archive created or changed to fire; 'case' a
   * case opened and edited; 'presence' an agent's availability set; 'sla' an SLA alert published.
   */
  subscription?: 'tick' | 'customer' | 'case' | 'presence' | 'sla' | 'bell' | 'stock' | 'order' | 'return' | 'appointment' | 'report' | 'lowRating' | 'callWall';
}

const ID_FIELDS = 'id franchiseId';
/** What the call wall shows of calls and agents: none may be west's. */
const CALL_WALL = `at waiting { waitingSeconds call { ${ID_FIELDS} orgUnitId agentId customerId customer { id } agent { id } } } inProgress { call { ${ID_FIELDS} orgUnitId agentId customerId } } agents { agentId agent { id } currentCall { call { id } } }`;
let calendars = 0;
/** A case's references to other records: none may be west's. */
const CASE_REFS = 'customerId ownerId expertId orgUnitId';
/** An order's references to other records: none may be west's. */
const ORDER_REFS = 'customerId orgUnitId warehouseId';
const RETURN_REFS = 'orderId customerId orgUnitId warehouseId';
const APPOINTMENT_REFS = 'customerId doctorId storeId serviceId rescheduledFromId rescheduledToId';

const matrix: Record<string, MatrixCase> = {
  // --- queries
  serverInfo: { query: () => ({ query: '{ serverInfo { version } }' }), expect: 'noWestData' },
  me: { query: () => ({ query: '{ me { permissions scope { franchiseIds orgUnit { id } } } }' }), expect: 'noWestData' },
  permissions: { query: () => ({ query: '{ permissions { name } }' }), expect: 'noWestData' },
  orgUnits: { query: (w) => ({ query: `query($id: ID!) { orgUnits(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $id } }] }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { id: w.franchiseId } }), expect: 'noWestData' },
  orgUnit: { query: (w) => ({ query: `query($id: ID!) { orgUnit(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.storeId } }), expect: 'null' },
  franchises: { query: () => ({ query: `{ franchises(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }` }), expect: 'noWestData' },
  franchise: { query: (w) => ({ query: `query($id: ID!) { franchise(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.franchiseId } }), expect: 'null' },
  staffUsers: { query: (w) => ({ query: `query($f: ID!) { staffUsers(filter: { franchiseId: { eq: $f } }) { totalCount nodes { id email } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },
  staffUser: { query: (w) => ({ query: `query($id: ID!) { staffUser(id: $id) { id email } }`, variables: { id: w.staffId } }), expect: 'null' },
  roles: { query: () => ({ query: `{ roles(paging: { limit: 200 }) { nodes { ${ID_FIELDS} name } } }` }), expect: 'noWestData' },
  role: { query: (w) => ({ query: `query($id: ID!) { role(id: $id) { id name } }`, variables: { id: w.roleId } }), expect: 'null' },
  apiKeys: { query: () => ({ query: `{ apiKeys(paging: { limit: 200 }) { nodes { ${ID_FIELDS} prefix } } }` }), expect: 'noWestData' },
  apiKey: { query: (w) => ({ query: `query($id: ID!) { apiKey(id: $id) { id prefix } }`, variables: { id: w.apiKeyId } }), expect: 'null' },
  auditLogs: { query: (w) => ({ query: `query($f: ID!) { auditLogs(filter: { franchiseId: { eq: $f } }, paging: { limit: 200 }) { totalCount nodes { id franchiseId targetIds } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },

  // --- mutations on west records: NOT_FOUND (HQ-only ones are refused by permission whatever the id)
  login: { query: () => ({ query: `mutation { login(email: "owner@west.demo", password: "wrong-password-1") { accessToken user { id } } }` }), expect: 'UNAUTHENTICATED' },
  refreshSession: { query: () => ({ query: `mutation { refreshSession(refreshToken: "made-up-token") { accessToken } }` }), expect: 'UNAUTHENTICATED' },
  logout: { query: () => ({ query: 'mutation { logout }' }), expect: ['noWestData', 'BAD_USER_INPUT'] },
  changePassword: { query: () => ({ query: 'mutation { changePassword(currentPassword: "wrong-password-1", newPassword: "Another-pass-2026") }' }), expect: 'BAD_USER_INPUT' },
  createOneFranchise: { query: () => ({ query: `mutation { createOneFranchise(input: { franchise: { name: "x", ownerName: "x", ownerPhone: "13800000000", cooperationType: FRANCHISE, contractDate: "2026-01-01" } }) { id } }` }), expect: 'FORBIDDEN' },
  updateOneFranchise: { query: (w) => ({ query: `mutation($id: ID!) { updateOneFranchise(input: { id: $id, version: 1, update: { name: "taken" } }) { ${ID_FIELDS} } }`, variables: { id: w.franchiseId } }), expect: 'FORBIDDEN' },
  changeFranchiseStatus: { query: (w) => ({ query: `mutation($id: ID!) { changeFranchiseStatus(input: { id: $id, status: CLOSED, reason: "takeover" }) { id } }`, variables: { id: w.franchiseId } }), expect: 'FORBIDDEN' },
  createOneOrgUnit: { query: (w) => ({ query: `mutation($p: ID!) { createOneOrgUnit(input: { orgUnit: { parentId: $p, kind: STORE, name: "implant" } }) { ${ID_FIELDS} } }`, variables: { p: w.franchiseId } }), expect: 'NOT_FOUND' },
  teams: { query: () => ({ query: `{ teams { ${ID_FIELDS} orgUnitId memberIds } }` }), expect: 'noWestData' },
  createOneTeam: { query: (w) => ({ query: `mutation($u: ID!) { createOneTeam(team: { orgUnitId: $u, name: "潜入组" }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneTeam: { query: (w) => ({ query: `mutation($id: ID!) { updateOneTeam(input: { id: $id, version: 1, update: { name: "renamed" } }) { ${ID_FIELDS} } }`, variables: { id: w.teamId } }), expect: 'NOT_FOUND' },
  updateOneOrgUnit: { query: (w) => ({ query: `mutation($id: ID!) { updateOneOrgUnit(input: { id: $id, version: 1, update: { name: "renamed" } }) { ${ID_FIELDS} } }`, variables: { id: w.storeId } }), expect: 'NOT_FOUND' },
  createOneStaffUser: { query: (w) => ({ query: `mutation($u: ID!) { createOneStaffUser(input: { staffUser: { orgUnitId: $u, email: "mole@west.demo", displayName: "mole", password: "Mole-pass-2026", jobTitle: AGENT } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneStaffUser: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneStaffUser(input: { id: $id, version: $v, update: { displayName: "x" } }) { id } }`, variables: { id: w.staffId, v: w.staffVersion } }), expect: 'NOT_FOUND' },
  setStaffRoles: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $r: ID!) { setStaffRoles(input: { id: $id, version: $v, roleIds: [$r] }) { id } }`, variables: { id: w.staffId, v: w.staffVersion, r: w.roleId } }), expect: 'NOT_FOUND' },
  disableStaffUser: { query: (w) => ({ query: `mutation($id: ID!) { disableStaffUser(input: { id: $id }) { id } }`, variables: { id: w.staffId } }), expect: 'NOT_FOUND' },
  enableStaffUser: { query: (w) => ({ query: `mutation($id: ID!) { enableStaffUser(input: { id: $id }) { id } }`, variables: { id: w.staffId } }), expect: 'NOT_FOUND' },
  createOneRole: { query: (w) => ({ query: `mutation($f: ID!) { createOneRole(input: { role: { name: "planted", permissions: [], franchiseId: $f } }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateOneRole: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneRole(input: { id: $id, version: $v, update: { name: "x" } }) { id } }`, variables: { id: w.roleId, v: w.roleVersion } }), expect: 'NOT_FOUND' },
  deleteOneRole: { query: (w) => ({ query: `mutation($id: ID!) { deleteOneRole(input: { id: $id }) { id } }`, variables: { id: w.roleId } }), expect: 'NOT_FOUND' },
  createApiKey: { query: (w) => ({ query: `mutation($u: ID!) { createApiKey(input: { name: "x", permissions: [], orgUnitId: $u }) { secret apiKey { ${ID_FIELDS} } } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  rotateApiKey: { query: (w) => ({ query: `mutation($id: ID!) { rotateApiKey(input: { id: $id }) { secret apiKey { id } } }`, variables: { id: w.apiKeyId } }), expect: 'NOT_FOUND' },
  revokeApiKey: { query: (w) => ({ query: `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, variables: { id: w.apiKeyId } }), expect: 'NOT_FOUND' },

  // --- customers
  customers: { query: (w) => ({ query: `query($id: ID!) { customers(filter: { or: [{ id: { eq: $id } }, { status: { in: [ACTIVE, MERGED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { id: w.customerId } }), expect: 'noWestData' },
  customer: { query: (w) => ({ query: `query($id: ID!) { customer(id: $id) { ${ID_FIELDS} name } }`, variables: { id: w.customerId } }), expect: 'null' },
  searchCustomers: { query: (w) => ({ query: `query($q: String!) { searchCustomers(query: $q, limit: 200) { customer { ${ID_FIELDS} } } }`, variables: { q: w.customerName } }), expect: 'noWestData' },
  customerTimeline: { query: (w) => ({ query: `query($id: ID!) { customerTimeline(customerId: $id) { nodes { title refId } } }`, variables: { id: w.customerId } }), expect: 'NOT_FOUND' },
  birthdayList: { query: (w) => ({ query: `query($s: ID!) { birthdayList(from: "2026-01-01", to: "2026-12-31", orgUnitId: $s) { nodes { id } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  contactList: { query: () => ({ query: `{ contactList(purpose: GREETING, channel: PHONE, paging: { limit: 200 }) { nodes { ${ID_FIELDS} } } }` }), expect: 'noWestData' },
  careTasks: { query: () => ({ query: `{ careTasks(paging: { limit: 200 }) { nodes { ${ID_FIELDS} customerId assigneeId } } }` }), expect: 'noWestData' },
  customerSegments: { query: (w) => ({ query: `query($s: ID!) { customerSegments(orgUnitId: $s) { segment customers } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  topSpenders: { query: (w) => ({ query: `query($s: ID!) { topSpenders(orgUnitId: $s, month: "2026-11") { customer { id } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  createOneCustomer: { query: (w) => ({ query: `mutation($s: ID!) { createOneCustomer(input: { customer: { name: "潜入", birthDate: "1970-01-01", phone: "13900000001", doctorId: $s, healthManagerId: $s, orgUnitId: $s, sourceChannel: WALK_IN } }) { ${ID_FIELDS} } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneCustomer: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { note: "x" } }) { id } }`, variables: { id: w.customerId, v: w.customerVersion } }), expect: 'NOT_FOUND' },
  mergeCustomers: { query: (w) => ({ query: `mutation($id: ID!) { mergeCustomers(input: { sourceId: $id, targetId: $id }) { id } }`, variables: { id: w.customerId } }), expect: 'FORBIDDEN' },
  completeCareTask: { query: (w) => ({ query: `mutation($id: ID!) { completeCareTask(input: { id: $id, status: DONE }) { id } }`, variables: { id: w.careTaskId } }), expect: 'NOT_FOUND' },
  recomputeCustomerSegments: { query: () => ({ query: 'mutation { recomputeCustomerSegments }' }), expect: 'noWestData' },

  // --- knowledge
  knowledgeArticles: { query: (w) => ({ query: `query($id: ID!) { knowledgeArticles(filter: { or: [{ id: { eq: $id } }, { status: { in: [DRAFT, PUBLISHED, ARCHIVED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { id: w.knowledgeArticleId } }), expect: 'noWestData' },
  knowledgeArticle: { query: (w) => ({ query: `query($id: ID!) { knowledgeArticle(id: $id) { ${ID_FIELDS} title } }`, variables: { id: w.knowledgeArticleId } }), expect: 'null' },
  searchKnowledge: { query: () => ({ query: `{ searchKnowledge(query: "西区独有", limit: 200) { snippet article { ${ID_FIELDS} } } }` }), expect: 'noWestData' },
  createOneKnowledgeArticle: { query: () => ({ query: `mutation { createOneKnowledgeArticle(input: { knowledgeArticle: { kind: FAQ, title: "共享潜入", body: "x", shared: true } }) { ${ID_FIELDS} } }` }), expect: 'FORBIDDEN' },
  updateOneKnowledgeArticle: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneKnowledgeArticle(input: { id: $id, version: $v, update: { title: "taken" } }) { id } }`, variables: { id: w.knowledgeArticleId, v: w.knowledgeArticleVersion } }), expect: 'NOT_FOUND' },
  deleteOneKnowledgeArticle: { query: (w) => ({ query: `mutation($id: ID!) { deleteOneKnowledgeArticle(input: { id: $id }) { id } }`, variables: { id: w.knowledgeArticleId } }), expect: 'NOT_FOUND' },

  // --- cases
  cases: { query: (w) => ({ query: `query($a: ID!, $b: ID!) { cases(filter: { or: [{ id: { in: [$a, $b] } }, { stage: { in: [NEW, OPEN, PENDING_CUSTOMER, RESOLVED, CLOSED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} ${CASE_REFS} } } }`, variables: { a: w.caseId, b: w.resolvedCaseId } }), expect: 'noWestData' },
  case: { query: (w) => ({ query: `query($id: ID!) { case(id: $id) { ${ID_FIELDS} subject } }`, variables: { id: w.resolvedCaseId } }), expect: 'null' },
  caseViews: { query: () => ({ query: `{ caseViews { ${ID_FIELDS} ownerId orgUnitId name } }` }), expect: 'noWestData' },
  caseQueue: { query: (w) => ({ query: `query($v: ID!) { caseQueue(viewId: $v, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} } } }`, variables: { v: w.sharedViewId } }), expect: 'NOT_FOUND' },
  agentPresences: { query: () => ({ query: '{ agentPresences { staffUserId franchiseId availability openCases staffUser { id email } } }' }), expect: 'noWestData' },
  slaPolicies: { query: () => ({ query: `{ slaPolicies { ${ID_FIELDS} calendarId name } }` }), expect: 'noWestData' },
  businessCalendars: { query: () => ({ query: `{ businessCalendars { ${ID_FIELDS} name } }` }), expect: 'noWestData' },
  caseSettings: { query: (w) => ({ query: `query($f: ID!) { caseSettings(franchiseId: $f) { franchiseId assignmentRule feedbackAnswerHours } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  caseWorkflows: { query: () => ({ query: '{ caseWorkflows { name initial states { name } } }' }), expect: 'noWestData' },
  departmentFeedbacks: { query: (w) => ({ query: `query($id: ID!) { departmentFeedbacks(filter: { or: [{ id: { eq: $id } }, { status: { in: [OPEN, ANSWERED, RESOLVED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} caseId departmentId raisedById title } } }`, variables: { id: w.feedbackId } }), expect: 'noWestData' },
  satisfactionRequests: { query: () => ({ query: `{ satisfactionRequests(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} customerId sourceId sourceRef staffId orgUnitId templateVersionId templateVersion { id templateId } } } }` }), expect: 'noWestData' },
  surveyTemplates: { query: () => ({ query: `{ surveyTemplates(paging: { limit: 200 }) { totalCount nodes { id franchiseId currentVersionId } } }` }), expect: 'noWestData' },
  surveyTemplate: { query: (w) => ({ query: `query($id: ID!) { surveyTemplate(id: $id) { id franchiseId } }`, variables: { id: w.surveys.templateId } }), expect: 'null' },
  surveyTemplateVersion: { query: (w) => ({ query: `query($id: ID!) { surveyTemplateVersion(id: $id) { id franchiseId templateId } }`, variables: { id: w.surveys.versionId } }), expect: 'null' },
  createSurveyTemplate: { query: () => ({ query: `mutation { createSurveyTemplate(input: { code: "west-copy", name: "x", purpose: GENERAL, shared: true, questions: [{ key: "a", kind: TEXT, text: "x" }] }) { id franchiseId } }` }), expect: 'FORBIDDEN' },
  updateSurveyTemplate: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateSurveyTemplate(input: { id: $id, version: $v, name: "taken" }) { id } }`, variables: { id: w.surveys.templateId, v: w.surveys.templateVersion } }), expect: 'NOT_FOUND' },
  sendSatisfactionRequest: { query: (w) => ({ query: `mutation($id: ID!) { sendSatisfactionRequest(input: { id: $id, channel: PHONE }) { id } }`, variables: { id: w.surveys.requestId } }), expect: 'NOT_FOUND' },
  sendSurveyLink: { query: (w) => ({ query: `mutation($id: ID!, $c: ID!, $t: ID!) { a: sendSurveyLink(input: { id: $id, channel: SMS }) { id } b: sendSurveyLink(input: { customerId: $c, templateId: $t }) { id } }`, variables: { id: w.surveys.requestId, c: w.customerId, t: w.surveys.templateId } }), expect: 'NOT_FOUND' },
  recordSurveyAnswers: { query: (w) => ({ query: `mutation($id: ID!) { recordSurveyAnswers(input: { id: $id, version: 1, channel: PHONE, answers: [{ questionKey: "overall", value: 1 }] }) { id } }`, variables: { id: w.surveys.requestId } }), expect: 'NOT_FOUND' },
  callbackRules: { query: () => ({ query: `{ callbackRules { ${ID_FIELDS} code templateId } }` }), expect: 'noWestData' },
  createCallbackRule: { query: () => ({ query: `mutation { createCallbackRule(input: { code: "matrix_rule", kind: NEW_MEMBER, name: "x", enabled: false }) { ${ID_FIELDS} } }` }), expect: ['noWestData', 'BAD_USER_INPUT'] },
  updateCallbackRule: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateCallbackRule(input: { id: $id, version: $v, update: { enabled: false } }) { id } }`, variables: { id: w.surveys.ruleId, v: w.surveys.ruleVersion } }), expect: 'NOT_FOUND' },
  callbackDesk: { query: () => ({ query: `{ callbackDesk(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} customerId orgUnitId surveyId customer { id } } } }` }), expect: 'noWestData' },
  callbackTasks: { query: () => ({ query: `{ callbackTasks(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} customerId orgUnitId surveyId caseId customer { id } survey { id } } } }` }), expect: 'noWestData' },
  callbackTask: { query: (w) => ({ query: `query($id: ID!) { callbackTask(id: $id) { id franchiseId } }`, variables: { id: w.surveys.taskId } }), expect: 'null' },
  recordCallbackOutcome: { query: (w) => ({ query: `mutation($id: ID!) { recordCallbackOutcome(input: { id: $id, version: 1, outcome: REFUSED }) { id } }`, variables: { id: w.surveys.taskId } }), expect: 'NOT_FOUND' },
  raiseCaseFromCallback: { query: (w) => ({ query: `mutation($id: ID!) { raiseCaseFromCallback(input: { id: $id, type: COMPLAINT, subject: "潜入", description: "x" }) { id caseId } }`, variables: { id: w.surveys.taskId } }), expect: 'NOT_FOUND' },
  calls: { query: () => ({ query: `{ calls(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} orgUnitId customerId agentId caseId customer { id } agent { id } orgUnit { id } } } }` }), expect: 'noWestData' },
  call: { query: (w) => ({ query: `query($id: ID!) { call(id: $id) { id franchiseId } }`, variables: { id: w.calls.callId } }), expect: 'null' },
  logCall: { query: (w) => ({ query: `mutation($c: ID!) { logCall(input: { direction: INBOUND, number: "13700000009", customerId: $c, offeredAt: "2020-01-01T00:00:00Z", endedAt: "2020-01-01T00:01:00Z" }) { ${ID_FIELDS} } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  updateCall: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateCall(input: { id: $id, version: $v, update: { note: "taken" } }) { id } }`, variables: { id: w.calls.callId, v: w.calls.callVersion } }), expect: 'NOT_FOUND' },
  recordCallEvents: {
    query: (w) => ({
      query: `mutation($s: ID!) { recordCallEvents(input: { events: [{ callId: "matrix-1", occurredAt: "2020-01-01T00:00:00Z", state: RINGING, direction: INBOUND, callerNumber: "13700000009", calleeNumber: "4008000000", offeredAt: "2020-01-01T00:00:00Z", storeId: $s }] }) { applied rejected { code } calls { ${ID_FIELDS} orgUnitId customerId agentId } } }`,
      variables: { s: w.storeId },
    }),
    expect: 'noWestData',
  },
  callWall: { query: () => ({ query: `{ callWall { ${CALL_WALL} } }` }), expect: 'noWestData' },
  markCallForReview: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { markCallForReview(input: { id: $id, version: $v, reason: "taken" }) { id } }`, variables: { id: w.calls.callId, v: w.calls.callVersion } }), expect: 'NOT_FOUND' },
  callKpis: { query: (w) => ({ query: `query($f: ID!, $s: ID!) { a: callKpis(input: { from: "2020-01-01", to: "2020-12-31", franchiseId: $f }) { totals { offered } } b: callKpis(input: { from: "2020-01-01", to: "2020-12-31", storeId: $s, groupBy: AGENT }) { rows { key } } }`, variables: { f: w.franchiseId, s: w.storeId } }), expect: 'NOT_FOUND' },
  agentKpis: { query: (w) => ({ query: `query($f: ID!, $s: ID!) { a: agentKpis(input: { from: "2020-01-01", to: "2020-12-31", franchiseId: $f }) { totals { calls { offered } } } b: agentKpis(input: { from: "2020-01-01", to: "2020-12-31", storeId: $s, groupBy: AGENT }) { rows { key } } }`, variables: { f: w.franchiseId, s: w.storeId } }), expect: 'NOT_FOUND' },
  callSettings: { query: (w) => ({ query: `query($f: ID!) { callSettings(franchiseId: $f) { franchiseId answerRateTarget } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateCallSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateCallSettings(input: { franchiseId: $f, answerRateTarget: 0.1 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  outboundPlans: { query: () => ({ query: `{ outboundPlans(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} orgUnitId createdById assigneeIds } } }` }), expect: 'noWestData' },
  outboundPlan: { query: (w) => ({ query: `query($id: ID!) { outboundPlan(id: $id) { id franchiseId } }`, variables: { id: w.outbound.planId } }), expect: 'null' },
  outboundPlanProgress: { query: (w) => ({ query: `query($id: ID!) { outboundPlanProgress(planId: $id) { planId byAgent { assigneeId } } }`, variables: { id: w.outbound.planId } }), expect: 'NOT_FOUND' },
  outboundTasks: { query: () => ({ query: `{ outboundTasks(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} planId customerId assigneeId callId customer { id } assignee { id } plan { id } call { id } } } }` }), expect: 'noWestData' },
  createOutboundPlan: {
    query: (w) => ({
      query: `mutation($f: ID!, $a: ID!, $c: ID!) { createOutboundPlan(input: { franchiseId: $f, name: "潜入", purpose: SALES, goal: "x", assigneeIds: [$a], deadline: "2099-01-01T00:00:00Z", targets: { customerIds: [$c] } }) { ${ID_FIELDS} } }`,
      variables: { f: w.franchiseId, a: w.agentId, c: w.customerId },
    }),
    expect: 'NOT_FOUND',
  },
  addOutboundTargets: { query: (w) => ({ query: `mutation($p: ID!, $c: ID!) { addOutboundTargets(input: { planId: $p, targets: { customerIds: [$c] } }) { created } }`, variables: { p: w.outbound.planId, c: w.customerId } }), expect: 'NOT_FOUND' },
  recordOutboundOutcome: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { recordOutboundOutcome(input: { id: $id, version: $v, outcome: UNREACHED, call: { offeredAt: "2020-01-01T00:00:00Z" } }) { id } }`, variables: { id: w.outbound.taskId, v: w.outbound.taskVersion } }), expect: 'NOT_FOUND' },
  report: { query: (w) => ({ query: `query($s: ID!) { report(input: { kind: COMPLAINTS, from: "2020-01-01", to: "2020-12-31", storeId: $s, groupBy: STORE }) { rows { key label } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  commonQuestions: { query: (w) => ({ query: `query($s: ID!) { commonQuestions(input: { from: "2020-01-01", to: "2020-12-31", storeId: $s }) { categories { key } words { word } } }`, variables: { s: w.storeId } }), expect: 'NOT_FOUND' },
  rebuildReports: { query: (w) => ({ query: `mutation($f: ID!) { rebuildReports(input: { franchiseId: $f, from: "2020-01-01", to: "2020-01-31" }) { events } }`, variables: { f: w.franchiseId } }), expect: 'FORBIDDEN' },
  qaScorecards: { query: () => ({ query: `{ qaScorecards(paging: { limit: 200 }) { totalCount nodes { id franchiseId } } }` }), expect: 'noWestData' },
  qaScorecard: { query: (w) => ({ query: `query($id: ID!) { qaScorecard(id: $id) { id franchiseId } }`, variables: { id: w.quality.scorecardId } }), expect: 'null' },
  createQaScorecard: { query: () => ({ query: `mutation { createQaScorecard(input: { code: "west-copy", name: "x", shared: true, categories: [{ key: "a", name: "x", weight: 100, criteria: [{ key: "a1", name: "x", scale: BINARY }] }] }) { id franchiseId } }` }), expect: 'FORBIDDEN' },
  updateQaScorecard: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateQaScorecard(input: { id: $id, version: $v, name: "taken" }) { id } }`, variables: { id: w.quality.scorecardId, v: w.quality.scorecardVersion } }), expect: 'NOT_FOUND' },
  qaReviews: { query: () => ({ query: `{ qaReviews(filter: { calibration: true }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} agentId reviewerId targetId scorecardId calibrationSessionId agent { id } reviewer { id } } } }` }), expect: 'noWestData' },
  qaReview: { query: (w) => ({ query: `query($id: ID!) { qaReview(id: $id) { id franchiseId } }`, variables: { id: w.quality.reviewId } }), expect: 'null' },
  qaAgentScores: { query: () => ({ query: `{ qaAgentScores(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { agentId reviews } }` }), expect: 'noWestData' },
  qaScorePreview: { query: (w) => ({ query: `query($s: ID!) { qaScorePreview(scorecardId: $s, ratings: [{ criterionKey: "a1", rating: 4 }]) { score } }`, variables: { s: w.quality.scorecardId } }), expect: 'NOT_FOUND' },
  qaReviewQueue: {
    query: () => ({ query: `query($w: String!) { qaReviewQueue(week: $w, perAgent: 20, includeReviewed: true) { items { callId reviewId call { ${ID_FIELDS} orgUnitId customerId agentId customer { id } agent { id } orgUnit { id } } } } }`, variables: { w: clock.now().toISOString().slice(0, 10) } }),
    expect: 'noWestData',
  },
  submitQaReview: { query: (w) => ({ query: `mutation($s: ID!, $c: ID!) { submitQaReview(input: { scorecardId: $s, targetKind: CASE, targetId: $c, ratings: [] }) { id } }`, variables: { s: w.quality.scorecardId, c: w.quality.caseId } }), expect: 'NOT_FOUND' },
  disputeQaReview: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { disputeQaReview(input: { id: $id, version: $v, comment: "x" }) { id } }`, variables: { id: w.quality.reviewId, v: w.quality.reviewVersion } }), expect: 'NOT_FOUND' },
  acknowledgeQaReview: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { acknowledgeQaReview(id: $id, version: $v) { id } }`, variables: { id: w.quality.reviewId, v: w.quality.reviewVersion } }), expect: 'NOT_FOUND' },
  resolveQaDispute: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { resolveQaDispute(input: { id: $id, version: $v, outcome: REJECTED, comment: "x" }) { id } }`, variables: { id: w.quality.reviewId, v: w.quality.reviewVersion } }), expect: 'NOT_FOUND' },
  appraisalPlans: { query: () => ({ query: `{ appraisalPlans(paging: { limit: 200 }) { totalCount nodes { id franchiseId } } }` }), expect: 'noWestData' },
  appraisalPlan: { query: (w) => ({ query: `query($id: ID!) { appraisalPlan(id: $id) { id franchiseId } }`, variables: { id: w.appraisals.planId } }), expect: 'null' },
  createAppraisalPlan: {
    query: () => ({ query: `mutation { createAppraisalPlan(input: { code: "west-copy", name: "x", kind: MONTHLY, shared: true, weights: { self: 0, supervisor: 100, customer: 0, qa: 0, data: 0 }, formCategories: [{ key: "a", name: "x", weight: 100 }], bands: [{ key: "all", name: "x", minScore: 0, consequence: NONE }] }) { id franchiseId } }` }),
    expect: 'FORBIDDEN',
  },
  updateAppraisalPlan: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateAppraisalPlan(input: { id: $id, version: $v, name: "taken" }) { id } }`, variables: { id: w.appraisals.planId, v: w.appraisals.planVersion } }), expect: 'NOT_FOUND' },
  appraisalCycles: { query: () => ({ query: `{ appraisalCycles(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} planId openedById } } }` }), expect: 'noWestData' },
  appraisalCycle: { query: (w) => ({ query: `query($id: ID!) { appraisalCycle(id: $id) { id franchiseId } }`, variables: { id: w.appraisals.cycleId } }), expect: 'null' },
  openAppraisalCycle: { query: (w) => ({ query: `mutation($p: ID!) { openAppraisalCycle(input: { kind: MONTHLY, period: "2030-02", planId: $p }) { ${ID_FIELDS} } }`, variables: { p: w.appraisals.planId } }), expect: 'NOT_FOUND' },
  appraisals: { query: () => ({ query: `{ appraisals(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} agentId cycleId orgUnitId agent { id } orgUnit { id } } } }` }), expect: 'noWestData' },
  appraisal: { query: (w) => ({ query: `query($id: ID!) { appraisal(id: $id) { id franchiseId } }`, variables: { id: w.appraisals.appraisalId } }), expect: 'null' },
  submitSelfEvaluation: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { submitSelfEvaluation(input: { id: $id, version: $v, ratings: [{ key: "a", score: 100 }] }) { id } }`, variables: { id: w.appraisals.appraisalId, v: w.appraisals.appraisalVersion } }), expect: 'NOT_FOUND' },
  evaluateAppraisal: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { evaluateAppraisal(input: { id: $id, version: $v, ratings: [{ key: "a", score: 0 }] }) { id } }`, variables: { id: w.appraisals.appraisalId, v: w.appraisals.appraisalVersion } }), expect: 'NOT_FOUND' },
  finalizeAppraisal: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { finalizeAppraisal(input: { id: $id, version: $v }) { id } }`, variables: { id: w.appraisals.appraisalId, v: w.appraisals.appraisalVersion } }), expect: 'NOT_FOUND' },
  acknowledgeAppraisal: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { acknowledgeAppraisal(input: { id: $id, version: $v }) { id } }`, variables: { id: w.appraisals.appraisalId, v: w.appraisals.appraisalVersion } }), expect: 'NOT_FOUND' },
  qaCalibrationSessions: { query: () => ({ query: `{ qaCalibrationSessions(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} targetId scorecardId reviewerIds reviews { id } } } }` }), expect: 'noWestData' },
  qaCalibrationSession: { query: (w) => ({ query: `query($id: ID!) { qaCalibrationSession(id: $id) { id franchiseId } }`, variables: { id: w.quality.sessionId } }), expect: 'null' },
  createQaCalibrationSession: { query: (w) => ({ query: `mutation($s: ID!, $c: ID!, $r: [ID!]!) { createQaCalibrationSession(input: { name: "潜入", scorecardId: $s, targetKind: CASE, targetId: $c, reviewerIds: $r }) { id } }`, variables: { s: w.quality.scorecardId, c: w.quality.caseId, r: [w.staffId, w.staffId] } }), expect: 'NOT_FOUND' },
  closeQaCalibrationSession: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { closeQaCalibrationSession(id: $id, version: $v) { id } }`, variables: { id: w.quality.sessionId, v: w.quality.sessionVersion } }), expect: 'NOT_FOUND' },
  satisfactionAnalyses: { query: () => ({ query: `{ satisfactionAnalyses(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} storeId authorId store { id } author { id } } } }` }), expect: 'noWestData' },
  satisfactionAnalysis: { query: (w) => ({ query: `query($id: ID!) { satisfactionAnalysis(id: $id) { id franchiseId } }`, variables: { id: w.analysis.analysisId } }), expect: 'null' },
  createSatisfactionAnalysis: { query: (w) => ({ query: `mutation($f: ID!, $s: ID!) { a: createSatisfactionAnalysis(input: { title: "潜入", from: "2020-01-01", to: "2020-12-31", franchiseId: $f }) { id } b: createSatisfactionAnalysis(input: { title: "潜入", from: "2020-01-01", to: "2020-12-31", storeId: $s }) { id } }`, variables: { f: w.franchiseId, s: w.storeId } }), expect: 'NOT_FOUND' },
  updateSatisfactionAnalysis: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateSatisfactionAnalysis(input: { id: $id, version: $v, findings: "taken" }) { id } }`, variables: { id: w.analysis.analysisId, v: w.analysis.analysisVersion } }), expect: 'NOT_FOUND' },
  closeSatisfactionAnalysis: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { closeSatisfactionAnalysis(id: $id, version: $v) { id } }`, variables: { id: w.analysis.analysisId, v: w.analysis.analysisVersion } }), expect: 'NOT_FOUND' },
  satisfactionAnalysisSettings: { query: (w) => ({ query: `query($f: ID!) { satisfactionAnalysisSettings(franchiseId: $f) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateSatisfactionAnalysisSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateSatisfactionAnalysisSettings(input: { franchiseId: $f, concentrationShare: 0.9 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  improvementActions: { query: () => ({ query: `{ improvementActions(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} analysisId ownerId storeId owner { id } store { id } analysis { id } } } }` }), expect: 'noWestData' },
  improvementAction: { query: (w) => ({ query: `query($id: ID!) { improvementAction(id: $id) { id franchiseId } }`, variables: { id: w.analysis.actionId } }), expect: 'null' },
  addImprovementAction: { query: (w) => ({ query: `mutation($a: ID!, $o: ID!) { addImprovementAction(input: { analysisId: $a, title: "潜入", ownerId: $o, dueDate: "2099-01-01" }) { id } }`, variables: { a: w.analysis.analysisId, o: w.analysis.ownerId } }), expect: 'NOT_FOUND' },
  reportImprovementProgress: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { reportImprovementProgress(input: { id: $id, version: $v, note: "潜入" }) { id } }`, variables: { id: w.analysis.actionId, v: w.analysis.actionVersion } }), expect: 'NOT_FOUND' },
  verifyImprovementAction: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { verifyImprovementAction(input: { id: $id, version: $v, accept: true }) { id } }`, variables: { id: w.analysis.actionId, v: w.analysis.actionVersion } }), expect: 'NOT_FOUND' },
  thirdPartySurveyProjects: { query: () => ({ query: `{ thirdPartySurveyProjects(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} storeIds } } }` }), expect: 'FORBIDDEN' },
  thirdPartySurveyProject: { query: (w) => ({ query: `query($id: ID!) { thirdPartySurveyProject(id: $id) { id franchiseId } }`, variables: { id: w.storeId } }), expect: 'FORBIDDEN' },
  thirdPartySurveyReport: { query: (w) => ({ query: `query($id: ID!) { thirdPartySurveyReport(projectId: $id) { respondents } }`, variables: { id: w.storeId } }), expect: 'FORBIDDEN' },
  createThirdPartySurveyProject: { query: (w) => ({ query: `mutation($s: ID!) { createThirdPartySurveyProject(input: { name: "潜入", firm: "x", storeIds: [$s], startDate: "2020-01-01", endDate: "2020-01-31" }) { id } }`, variables: { s: w.storeId } }), expect: 'FORBIDDEN' },
  updateThirdPartySurveyProject: { query: (w) => ({ query: `mutation($id: ID!) { updateThirdPartySurveyProject(input: { id: $id, version: 1, name: "taken" }) { id } }`, variables: { id: w.storeId } }), expect: 'FORBIDDEN' },
  importThirdPartySurveyResults: { query: (w) => ({ query: `mutation($id: ID!) { importThirdPartySurveyResults(input: { projectId: $id, version: 1, fileName: "x.csv", contentBase64: "eA==" }) { rows } }`, variables: { id: w.storeId } }), expect: 'FORBIDDEN' },
  quarterlySurveyRounds: { query: () => ({ query: `{ quarterlySurveyRounds { totalCount nodes { id quarter } } }` }), expect: 'FORBIDDEN' },
  quarterlySurveyResults: { query: (w) => ({ query: `query($id: ID!) { quarterlySurveyResults(roundId: $id) { answered franchises { franchiseId answers { value } } } }`, variables: { id: w.quarterly.roundId } }), expect: 'FORBIDDEN' },
  myQuarterlySurveys: { query: () => ({ query: `{ myQuarterlySurveys { round { id } response { ${ID_FIELDS} roundId answers { value } } } }` }), expect: 'noWestData' },
  openQuarterlySurveyRound: { query: (w) => ({ query: `mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2098-Q1", templateId: $t, audience: [FRANCHISES], closesOn: "2098-03-31" }) { id } }`, variables: { t: w.surveys.templateId } }), expect: 'FORBIDDEN' },
  closeQuarterlySurveyRound: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { closeQuarterlySurveyRound(id: $id, version: $v) { id } }`, variables: { id: w.quarterly.roundId, v: w.quarterly.roundVersion } }), expect: 'FORBIDDEN' },
  answerQuarterlySurvey: { query: (w) => ({ query: `mutation($r: ID!) { answerQuarterlySurvey(input: { roundId: $r, answers: [{ questionKey: "service", value: 1 }] }) { ${ID_FIELDS} } }`, variables: { r: w.quarterly.partnersRoundId } }), expect: 'NOT_FOUND' },
  satisfactionFigures: { query: (w) => ({ query: `query($f: ID!, $s: ID!) { a: satisfactionFigures(input: { from: "2020-01-01", to: "2020-12-31", franchiseId: $f, groupBy: FRANCHISE }) { groups { key label } totals { sent } } b: satisfactionFigures(input: { from: "2020-01-01", to: "2020-12-31", storeId: $s }) { totals { sent } } }`, variables: { f: w.franchiseId, s: w.storeId } }), expect: 'NOT_FOUND' },
  createOneCase: { query: (w) => ({ query: `mutation($c: ID!, $u: ID!) { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "潜入", description: "x", customerId: $c, orgUnitId: $u } }) { ${ID_FIELDS} } }`, variables: { c: w.customerId, u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneCase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneCase(input: { id: $id, version: $v, update: { subject: "taken" } }) { id } }`, variables: { id: w.caseId, v: w.caseVersion } }), expect: 'NOT_FOUND' },
  acceptCase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int) { acceptCase(input: { id: $id, version: $v }) { id ownerId } }`, variables: { id: w.caseId, v: w.caseVersion } }), expect: 'NOT_FOUND' },
  startCaseInvestigation: { query: (w) => ({ query: `mutation($id: ID!) { startCaseInvestigation(input: { id: $id }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  proposeSolution: { query: (w) => ({ query: `mutation($id: ID!) { proposeSolution(input: { id: $id, solutionType: REFUND, solutionAmount: 999, solutionNote: "x" }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  requestCustomerConfirmation: { query: (w) => ({ query: `mutation($id: ID!) { requestCustomerConfirmation(input: { id: $id }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  resolveCase: { query: (w) => ({ query: `mutation($id: ID!) { resolveCase(input: { id: $id, resolutionNote: "x" }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  reopenCase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int) { reopenCase(input: { id: $id, version: $v, reason: "x" }) { id } }`, variables: { id: w.resolvedCaseId, v: w.resolvedCaseVersion } }), expect: 'NOT_FOUND' },
  closeCase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int) { closeCase(input: { id: $id, version: $v }) { id } }`, variables: { id: w.resolvedCaseId, v: w.resolvedCaseVersion } }), expect: 'NOT_FOUND' },
  cancelCase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int) { cancelCase(input: { id: $id, version: $v, reason: "x" }) { id } }`, variables: { id: w.caseId, v: w.caseVersion } }), expect: 'NOT_FOUND' },
  requestCustomerInfo: { query: (w) => ({ query: `mutation($id: ID!) { requestCustomerInfo(input: { id: $id, question: "x" }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  answerCase: { query: (w) => ({ query: `mutation($id: ID!) { answerCase(input: { id: $id, answer: "x" }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  transitionCase: { query: (w) => ({ query: `mutation($id: ID!) { transitionCase(input: { id: $id, action: "accept" }) { id } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  claimCase: { query: (w) => ({ query: `mutation($id: ID!) { claimCase(id: $id) { id ownerId } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  assignCase: { query: (w) => ({ query: `mutation($id: ID!, $s: ID!) { assignCase(input: { id: $id, staffUserId: $s }) { id ownerId } }`, variables: { id: w.caseId, s: w.agentId } }), expect: 'NOT_FOUND' },
  transferCase: { query: (w) => ({ query: `mutation($id: ID!, $s: ID!) { transferCase(input: { id: $id, toStaffUserId: $s, reason: "x" }) { id ownerId } }`, variables: { id: w.resolvedCaseId, s: w.staffId } }), expect: 'NOT_FOUND' },
  escalateCase: { query: (w) => ({ query: `mutation($id: ID!) { escalateCase(input: { id: $id, reason: "x" }) { id escalationLevel } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  referCaseToExpert: { query: (w) => ({ query: `mutation($id: ID!, $x: ID!) { referCaseToExpert(input: { id: $id, expertId: $x, question: "x" }) { id expertId } }`, variables: { id: w.caseId, x: w.pharmacistId } }), expect: 'NOT_FOUND' },
  addCaseMessage: { query: (w) => ({ query: `mutation($id: ID!) { addCaseMessage(input: { caseId: $id, kind: NOTE, body: "x" }) { ${ID_FIELDS} caseId } }`, variables: { id: w.caseId } }), expect: 'NOT_FOUND' },
  linkKnowledgeArticle: { query: (w) => ({ query: `mutation($c: ID!, $a: ID!) { linkKnowledgeArticle(input: { caseId: $c, articleId: $a }) { ${ID_FIELDS} usageCount } }`, variables: { c: w.caseId, a: w.knowledgeArticleId } }), expect: 'NOT_FOUND' },
  createOneCaseView: { query: (w) => ({ query: `mutation($u: ID!) { createOneCaseView(input: { caseView: { name: "潜入", orgUnitId: $u } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneCaseView: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneCaseView(input: { id: $id, version: $v, update: { name: "taken" } }) { id } }`, variables: { id: w.sharedViewId, v: w.sharedViewVersion } }), expect: 'NOT_FOUND' },
  deleteOneCaseView: { query: (w) => ({ query: `mutation($id: ID!) { deleteOneCaseView(input: { id: $id }) { id } }`, variables: { id: w.sharedViewId } }), expect: 'NOT_FOUND' },
  // No id to aim at west: the owner sets their own presence; an API key has none.
  setMyAvailability: { query: () => ({ query: 'mutation { setMyAvailability(input: { availability: AWAY }) { staffUserId franchiseId availability openCases } }' }), expect: ['noWestData', 'FORBIDDEN'] },
  createOneSlaPolicy: { query: (w) => ({ query: `mutation($c: ID!) { createOneSlaPolicy(input: { slaPolicy: { name: "潜入", calendarId: $c, targets: [{ firstResponseMinutes: 5 }] } }) { ${ID_FIELDS} } }`, variables: { c: w.calendarId } }), expect: 'NOT_FOUND' },
  updateOneSlaPolicy: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $c: ID!) { updateOneSlaPolicy(input: { id: $id, version: $v, update: { name: "taken", calendarId: $c, targets: [{ firstResponseMinutes: 5 }] } }) { id } }`, variables: { id: w.slaPolicyId, v: w.slaPolicyVersion, c: w.calendarId } }), expect: 'NOT_FOUND' },
  // Creates an east calendar: nothing of west to name.
  createOneBusinessCalendar: { query: () => ({ query: `mutation { createOneBusinessCalendar(input: { businessCalendar: { name: "东区日历 ${++calendars}", workingDays: [{ weekday: 1, periods: [{ start: "09:00", end: "18:00" }] }] } }) { ${ID_FIELDS} } }` }), expect: 'noWestData' },
  updateOneBusinessCalendar: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneBusinessCalendar(input: { id: $id, version: $v, update: { name: "taken", workingDays: [{ weekday: 1, periods: [{ start: "09:00", end: "18:00" }] }] } }) { id } }`, variables: { id: w.calendarId, v: w.calendarVersion } }), expect: 'NOT_FOUND' },
  updateCaseSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateCaseSettings(input: { franchiseId: $f, assignmentRule: "round_robin", feedbackAnswerHours: 1 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  raiseDepartmentFeedback: { query: (w) => ({ query: `mutation($d: ID!) { raiseDepartmentFeedback(input: { departmentId: $d, title: "潜入", description: "x" }) { ${ID_FIELDS} } }`, variables: { d: w.departmentId } }), expect: 'NOT_FOUND' },
  answerDepartmentFeedback: { query: (w) => ({ query: `mutation($id: ID!) { answerDepartmentFeedback(input: { id: $id, answer: "x", promisedBy: "2099-01-01T00:00:00Z" }) { id } }`, variables: { id: w.feedbackId } }), expect: 'NOT_FOUND' },
  resolveDepartmentFeedback: { query: (w) => ({ query: `mutation($id: ID!) { resolveDepartmentFeedback(input: { id: $id, note: "x" }) { id } }`, variables: { id: w.feedbackId } }), expect: 'NOT_FOUND' },

  // --- plugins (core host and the bundled plugins' fields)
  installedPlugins: { query: (w) => ({ query: `query($f: ID!) { installedPlugins { name all: enablements { ${ID_FIELDS} plugin options changedById } west: enablements(franchiseId: $f) { id } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },
  enablePlugin: { query: (w) => ({ query: `mutation($f: ID!) { enablePlugin(input: { franchiseId: $f, plugin: "vip-care", options: {} }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  disablePlugin: { query: (w) => ({ query: `mutation($f: ID!) { disablePlugin(input: { franchiseId: $f, plugin: "pharmacist-review" }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updatePluginOptions: { query: (w) => ({ query: `mutation($f: ID!) { updatePluginOptions(input: { franchiseId: $f, plugin: "refund-approval", options: { threshold: 1 }, version: 1 }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  setPluginOwnerAccess: { query: (w) => ({ query: `mutation($f: ID!) { setPluginOwnerAccess(input: { franchiseId: $f, plugin: "vip-care", ownerMayManage: true }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'FORBIDDEN' },
  refundApprovals: { query: (w) => ({ query: `query($id: ID!) { refundApprovals(filter: { or: [{ id: { eq: $id } }, { status: { in: [PENDING, APPROVED, REJECTED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} caseId requestedById decidedById } } cases(paging: { limit: 200 }) { nodes { id refundApprovals { ${ID_FIELDS} caseId } } } }`, variables: { id: w.refundApprovalId } }), expect: 'noWestData' },
  vipCareOverview: { query: () => ({ query: '{ vipCareOverview { openCases unassignedCases warningCases breachedCases nextDueAt } }' }), expect: 'noWestData' },

  // --- notifications
  notificationKinds: { query: () => ({ query: '{ notificationKinds { key placeholders { name } } }' }), expect: 'noWestData' },
  notificationTemplates: { query: (w) => ({ query: `query($id: ID!) { notificationTemplates(filter: { or: [{ id: { eq: $id } }, { enabled: { is: true } }, { enabled: { is: false } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} body } } }`, variables: { id: w.templateId } }), expect: 'noWestData' },
  notificationTemplate: { query: (w) => ({ query: `query($id: ID!) { notificationTemplate(id: $id) { ${ID_FIELDS} body } }`, variables: { id: w.templateId } }), expect: 'null' },
  createOneNotificationTemplate: { query: (w) => ({ query: `mutation($f: ID!) { createOneNotificationTemplate(input: { template: { franchiseId: $f, kind: "customer.care", channel: SMS, body: "潜入 {{message}}" } }) { ${ID_FIELDS} } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateOneNotificationTemplate: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneNotificationTemplate(input: { id: $id, version: $v, update: { body: "taken" } }) { id } }`, variables: { id: w.templateId, v: w.templateVersion } }), expect: 'NOT_FOUND' },
  deleteOneNotificationTemplate: { query: (w) => ({ query: `mutation($id: ID!) { deleteOneNotificationTemplate(input: { id: $id }) { id } }`, variables: { id: w.templateId } }), expect: 'NOT_FOUND' },
  notificationSettings: { query: (w) => ({ query: `query($f: ID!) { notificationSettings(franchiseId: $f) { franchiseId quietHoursStart } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateNotificationSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateNotificationSettings(input: { franchiseId: $f, quietHoursStart: null, quietHoursEnd: null }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  notificationMessages: { query: (w) => ({ query: `query($id: ID!, $c: ID!) { notificationMessages(filter: { or: [{ id: { eq: $id } }, { customerId: { eq: $c } }, { status: { in: [QUEUED, SCHEDULED, SENT, FAILED, SUPPRESSED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} customerId staffId body } } }`, variables: { id: w.messageId, c: w.customerId } }), expect: 'noWestData' },
  sendCustomerMessage: { query: (w) => ({ query: `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "潜入" }) { ${ID_FIELDS} } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  retryNotificationMessage: { query: (w) => ({ query: `mutation($id: ID!) { retryNotificationMessage(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.messageId } }), expect: 'NOT_FOUND' },
  // The dead-letter list is HQ's (events:manage): a franchise user or key is refused whatever the id.
  eventReactions: { query: () => ({ query: `{ eventReactions(paging: { limit: 50 }) { nodes { id franchiseId handler } } }` }), expect: 'FORBIDDEN' },
  retryEventReaction: { query: (w) => ({ query: `mutation($id: ID!) { retryEventReaction(id: $id) { id franchiseId } }`, variables: { id: w.caseId } }), expect: 'FORBIDDEN' },
  customerOptOuts: { query: (w) => ({ query: `query($c: ID!) { customerOptOuts(customerId: $c) { ${ID_FIELDS} customerId } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  optOutCustomer: { query: (w) => ({ query: `mutation($c: ID!) { optOutCustomer(input: { customerId: $c, reason: "潜入" }) { ${ID_FIELDS} } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  optInCustomer: { query: (w) => ({ query: `mutation($c: ID!) { optInCustomer(input: { customerId: $c }) }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  // Every staff member's own bell; an API key has none.
  myNotifications: { query: () => ({ query: `{ myNotifications(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} staffId body } } }` }), expect: ['noWestData', 'FORBIDDEN'] },
  myNotificationCount: { query: () => ({ query: '{ myNotificationCount { unread } }' }), expect: ['noWestData', 'FORBIDDEN'] },
  markNotificationsRead: { query: (w) => ({ query: 'mutation($id: ID!) { markNotificationsRead(input: { ids: [$id] }) { unread } }', variables: { id: w.messageId } }), expect: ['noWestData', 'FORBIDDEN'] },
  // --- inventory
  products: { query: (w) => ({ query: `query($id: ID!) { products(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $id } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} franchiseTerms { id franchiseId } } } }`, variables: { id: w.inventory.productId } }), expect: 'noWestData' },
  product: { query: (w) => ({ query: `query($id: ID!) { product(id: $id) { ${ID_FIELDS} genericName } }`, variables: { id: w.inventory.productId } }), expect: 'null' },
  franchiseProducts: { query: (w) => ({ query: `query($f: ID!) { franchiseProducts(filter: { franchiseId: { eq: $f } }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} productId } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },
  suppliers: { query: () => ({ query: `{ suppliers(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} name } } }` }), expect: 'noWestData' },
  supplier: { query: (w) => ({ query: `query($id: ID!) { supplier(id: $id) { ${ID_FIELDS} } }`, variables: { id: w.inventory.supplierId } }), expect: 'null' },
  warehouses: { query: (w) => ({ query: `query($f: ID!) { warehouses(filter: { franchiseId: { eq: $f } }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} zones { id } } } }`, variables: { f: w.franchiseId } }), expect: 'noWestData' },
  warehouse: { query: (w) => ({ query: `query($id: ID!) { warehouse(id: $id) { ${ID_FIELDS} zones { id } } }`, variables: { id: w.inventory.warehouseId } }), expect: 'null' },
  inventorySettings: { query: (w) => ({ query: `query($f: ID!) { inventorySettings(franchiseId: $f) { franchiseId minRemainingShelfLifeDays } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  batches: { query: (w) => ({ query: `query($p: ID!) { batches(filter: { productId: { eq: $p } }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} productId supplierId } } }`, variables: { p: w.inventory.productId } }), expect: 'noWestData' },
  batch: { query: (w) => ({ query: `query($id: ID!) { batch(id: $id) { ${ID_FIELDS} lotNo } }`, variables: { id: w.inventory.batchId } }), expect: 'null' },
  stockBalances: { query: (w) => ({ query: `query($w: ID!) { stockBalances(filter: { or: [{ warehouseId: { eq: $w } }, { onHand: { gte: 0 } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId zoneId productId batchId batch { id } warehouse { id } } } }`, variables: { w: w.inventory.warehouseId } }), expect: 'noWestData' },
  stockMoves: { query: (w) => ({ query: `query($w: ID!) { stockMoves(filter: { warehouseId: { eq: $w } }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId batchId actorId documentId } } }`, variables: { w: w.inventory.warehouseId } }), expect: 'noWestData' },
  stockReservations: { query: (w) => ({ query: `query($id: ID!) { stockReservations(filter: { id: { eq: $id } }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId documentId allocations { batchId zoneId } } } }`, variables: { id: w.inventory.reservationId } }), expect: 'noWestData' },
  createOneProduct: { query: () => ({ query: `mutation { createOneProduct(input: { product: { genericName: "潜入", specification: "x", dosageForm: "片剂", unit: "盒", category: OTC, storageClass: NORMAL, shelfLifeDays: 10, priceCents: 1, shared: true } }) { ${ID_FIELDS} } }` }), expect: 'FORBIDDEN' },
  updateOneProduct: { query: (w) => ({ query: `mutation($id: ID!) { updateOneProduct(input: { id: $id, version: 1, update: { priceCents: 1 } }) { id } }`, variables: { id: w.inventory.productId } }), expect: 'NOT_FOUND' },
  setProductStatus: { query: (w) => ({ query: `mutation($id: ID!) { setProductStatus(input: { id: $id, status: DISCONTINUED }) { id } }`, variables: { id: w.inventory.productId } }), expect: 'NOT_FOUND' },
  setFranchiseProductTerms: { query: (w) => ({ query: `mutation($p: ID!, $f: ID!) { setFranchiseProductTerms(input: { productId: $p, franchiseId: $f, available: false }) { ${ID_FIELDS} } }`, variables: { p: w.inventory.productId, f: w.franchiseId } }), expect: 'NOT_FOUND' },
  createOneSupplier: { query: () => ({ query: `mutation { createOneSupplier(input: { supplier: { name: "潜入", shared: true } }) { ${ID_FIELDS} } }` }), expect: 'FORBIDDEN' },
  updateOneSupplier: { query: (w) => ({ query: `mutation($id: ID!) { updateOneSupplier(input: { id: $id, version: 1, update: { name: "taken" } }) { id } }`, variables: { id: w.inventory.supplierId } }), expect: 'NOT_FOUND' },
  createOneWarehouse: { query: (w) => ({ query: `mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "MOLE", name: "潜入" } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }), expect: 'NOT_FOUND' },
  updateOneWarehouse: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneWarehouse(input: { id: $id, version: $v, update: { name: "taken" } }) { id } }`, variables: { id: w.inventory.warehouseId, v: w.inventory.warehouseVersion } }), expect: 'NOT_FOUND' },
  createOneStorageZone: { query: (w) => ({ query: `mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "X", name: "潜入", storageClass: NORMAL } }) { ${ID_FIELDS} } }`, variables: { w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  updateOneStorageZone: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneStorageZone(input: { id: $id, version: $v, update: { temperatureMax: 30 } }) { id } }`, variables: { id: w.inventory.zoneId, v: w.inventory.zoneVersion } }), expect: 'NOT_FOUND' },
  updateInventorySettings: { query: (w) => ({ query: `mutation($f: ID!) { updateInventorySettings(input: { franchiseId: $f, minRemainingShelfLifeDays: 0 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  holdBatch: { query: (w) => ({ query: `mutation($id: ID!) { holdBatch(input: { id: $id, status: ON_HOLD, reason: "x" }) { id } }`, variables: { id: w.inventory.batchId } }), expect: 'NOT_FOUND' },
  releaseBatch: { query: (w) => ({ query: `mutation($id: ID!) { releaseBatch(input: { id: $id, reason: "x" }) { id } }`, variables: { id: w.inventory.batchId } }), expect: 'NOT_FOUND' },
  receiveStock: { query: (w) => ({ query: `mutation($w: ID!, $z: ID!, $p: ID!) { receiveStock(input: { warehouseId: $w, documentNo: "x", lines: [{ productId: $p, zoneId: $z, lotNo: "MOLE", manufactureDate: "2026-01-01", expiryDate: "2029-01-01", quantity: 1 }] }) { documentId } }`, variables: { w: w.inventory.warehouseId, z: w.inventory.zoneId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  adjustStock: { query: (w) => ({ query: `mutation($w: ID!, $z: ID!, $b: ID!) { adjustStock(input: { warehouseId: $w, zoneId: $z, batchId: $b, quantity: -1, reason: "x" }) { id } }`, variables: { w: w.inventory.warehouseId, z: w.inventory.zoneId, b: w.inventory.batchId } }), expect: 'NOT_FOUND' },
  reserveStock: { query: (w) => ({ query: `mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-00000000cafe", lines: [{ productId: $p, quantity: 1 }] }) { id } }`, variables: { w: w.inventory.warehouseId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  releaseStockReservation: { query: (w) => ({ query: `mutation($id: ID!) { releaseStockReservation(input: { id: $id }) { id } }`, variables: { id: w.inventory.reservationId } }), expect: 'NOT_FOUND' },
  batchRecalls: { query: (w) => ({ query: `query($id: ID!) { batchRecalls(filter: { or: [{ id: { eq: $id } }, { status: { in: [OPEN, CLOSED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} productId recalledById } } }`, variables: { id: w.inventory.recallId } }), expect: 'noWestData' },
  recallRecipients: { query: (w) => ({ query: `query($id: ID!) { recallRecipients(recallId: $id) { franchiseId warehouseId documentId } }`, variables: { id: w.inventory.recallId } }), expect: 'NOT_FOUND' },
  recallBatch: { query: (w) => ({ query: `mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "WEST-LOT-1", reason: "潜入" }) { ${ID_FIELDS} lotsBlocked } }`, variables: { p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  purchaseRequests: { query: (w) => ({ query: `query($id: ID!, $f: ID!) { purchaseRequests(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $f } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId requestedById lines { id productId } inspectionLines { id } } } }`, variables: { id: w.documents.purchaseId, f: w.franchiseId } }), expect: 'noWestData' },
  purchaseRequest: { query: (w) => ({ query: `query($id: ID!) { purchaseRequest(id: $id) { ${ID_FIELDS} lines { id } } }`, variables: { id: w.documents.purchaseId } }), expect: 'null' },
  purchaseSuggestions: { query: (w) => ({ query: `query($w: ID!) { purchaseSuggestions(warehouseId: $w) { productId onHand } }`, variables: { w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  stockRequisitions: { query: (w) => ({ query: `query($id: ID!, $f: ID!) { stockRequisitions(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $f } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} fromWarehouseId toWarehouseId lines { id productId } transferLines { id batchId } } } }`, variables: { id: w.documents.requisitionId, f: w.franchiseId } }), expect: 'noWestData' },
  stockRequisition: { query: (w) => ({ query: `query($id: ID!) { stockRequisition(id: $id) { ${ID_FIELDS} lines { id } } }`, variables: { id: w.documents.requisitionId } }), expect: 'null' },
  stockDestructions: { query: (w) => ({ query: `query($id: ID!, $f: ID!) { stockDestructions(filter: { or: [{ id: { eq: $id } }, { franchiseId: { eq: $f } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId witnessId lines { id batchId zoneId } } } }`, variables: { id: w.documents.destructionId, f: w.franchiseId } }), expect: 'noWestData' },
  stockDestruction: { query: (w) => ({ query: `query($id: ID!) { stockDestruction(id: $id) { ${ID_FIELDS} lines { id } } }`, variables: { id: w.documents.destructionId } }), expect: 'null' },
  requisitionSources: { query: (w) => ({ query: `query($w: ID!) { requisitionSources(toWarehouseId: $w) { id name } }`, variables: { w: w.documents.branchWarehouseId } }), expect: 'NOT_FOUND' },
  destructionWitnesses: { query: (w) => ({ query: `query($w: ID!) { destructionWitnesses(warehouseId: $w) { id displayName } }`, variables: { w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  createPurchaseRequest: { query: (w) => ({ query: `mutation($w: ID!, $p: ID!) { createPurchaseRequest(input: { warehouseId: $w, lines: [{ productId: $p, quantity: 1 }] }) { ${ID_FIELDS} } }`, variables: { w: w.inventory.warehouseId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  updatePurchaseRequest: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updatePurchaseRequest(input: { id: $id, version: $v, note: "潜入" }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  submitPurchaseRequest: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { submitPurchaseRequest(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  approvePurchaseRequest: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { approvePurchaseRequest(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  rejectPurchaseRequest: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { rejectPurchaseRequest(input: { id: $id, version: $v, note: "x" }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  placeSupplierOrder: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { placeSupplierOrder(input: { id: $id, version: $v, supplierOrderNo: "x" }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  recordArrival: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { recordArrival(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  cancelPurchaseRequest: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { cancelPurchaseRequest(input: { id: $id, version: $v, reason: "x" }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  recordInspection: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $l: ID!) { recordInspection(input: { id: $id, version: $v, lines: [{ requestLineId: $l, lotNo: "MOLE", manufactureDate: "2026-01-01", expiryDate: "2029-01-01", acceptedQuantity: 1 }] }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion, l: w.documents.purchaseLineId } }), expect: 'NOT_FOUND' },
  signInspection: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { signInspection(input: { id: $id, version: $v, as: WAREHOUSE_KEEPER }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  putAwayPurchase: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { putAwayPurchase(input: { id: $id, version: $v, inboundSlipNo: "x" }) { id } }`, variables: { id: w.documents.purchaseId, v: w.documents.purchaseVersion } }), expect: 'NOT_FOUND' },
  createRequisition: { query: (w) => ({ query: `mutation($f: ID!, $t: ID!, $p: ID!) { createRequisition(input: { fromWarehouseId: $f, toWarehouseId: $t, lines: [{ productId: $p, quantity: 1 }] }) { ${ID_FIELDS} } }`, variables: { f: w.inventory.warehouseId, t: w.documents.branchWarehouseId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  approveRequisition: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { approveRequisition(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  rejectRequisition: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { rejectRequisition(input: { id: $id, version: $v, note: "x" }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  pickRequisition: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { pickRequisition(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  shipRequisition: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { shipRequisition(input: { id: $id, version: $v, outboundSlipNo: "x" }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  receiveTransfer: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { receiveTransfer(input: { id: $id, version: $v, lines: [{ transferLineId: $id, receivedQuantity: 1 }] }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  cancelRequisition: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { cancelRequisition(input: { id: $id, version: $v, reason: "x" }) { id } }`, variables: { id: w.documents.requisitionId, v: w.documents.requisitionVersion } }), expect: 'NOT_FOUND' },
  requestDestruction: { query: (w) => ({ query: `mutation($w: ID!, $z: ID!, $b: ID!) { requestDestruction(input: { warehouseId: $w, reason: "潜入", lines: [{ zoneId: $z, batchId: $b, quantity: 1 }] }) { ${ID_FIELDS} } }`, variables: { w: w.inventory.warehouseId, z: w.inventory.zoneId, b: w.documents.damagedBatchId } }), expect: 'NOT_FOUND' },
  approveDestruction: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { approveDestruction(input: { id: $id, version: $v }) { id } }`, variables: { id: w.documents.destructionId, v: w.documents.destructionVersion } }), expect: 'NOT_FOUND' },
  rejectDestruction: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { rejectDestruction(input: { id: $id, version: $v, note: "x" }) { id } }`, variables: { id: w.documents.destructionId, v: w.documents.destructionVersion } }), expect: 'NOT_FOUND' },
  destroyStock: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $s: ID!) { destroyStock(input: { id: $id, version: $v, method: "焚烧", witnessId: $s }) { id } }`, variables: { id: w.documents.destructionId, v: w.documents.destructionVersion, s: w.staffId } }), expect: 'NOT_FOUND' },
  cancelDestruction: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { cancelDestruction(input: { id: $id, version: $v, reason: "x" }) { id } }`, variables: { id: w.documents.destructionId, v: w.documents.destructionVersion } }), expect: 'NOT_FOUND' },
  stockAlerts: { query: (w) => ({ query: `query($w: ID!, $id: ID!) { stockAlerts(filter: { or: [{ warehouseId: { eq: $w } }, { id: { eq: $id } }, { kind: { in: [EXCURSION, LEDGER_MISMATCH] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId zoneId subjectId message } } }`, variables: { w: w.inventory.warehouseId, id: w.inventory.alertId } }), expect: 'noWestData' },
  acknowledgeStockAlert: { query: (w) => ({ query: `mutation($id: ID!) { acknowledgeStockAlert(id: $id) { id } }`, variables: { id: w.inventory.alertId } }), expect: 'NOT_FOUND' },
  storageExcursions: { query: (w) => ({ query: `query($z: ID!) { storageExcursions(filter: { or: [{ zoneId: { eq: $z } }, { status: { in: [OPEN, CLOSED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} zoneId warehouseId caseId } } }`, variables: { z: w.inventory.coldZoneId } }), expect: 'noWestData' },
  storageReadings: { query: (w) => ({ query: `query($z: ID!) { storageReadings(filter: { or: [{ zoneId: { eq: $z } }, { inRange: { is: false } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} zoneId warehouseId recordedById } } }`, variables: { z: w.inventory.coldZoneId } }), expect: 'noWestData' },
  storageReadingSeries: { query: (w) => ({ query: `query($z: ID!) { storageReadingSeries(zoneId: $z, from: "2020-01-01T00:00:00Z", to: "2020-03-01T00:00:00Z") { readings } }`, variables: { z: w.inventory.coldZoneId } }), expect: 'NOT_FOUND' },
  recordStorageReadings: { query: (w) => ({ query: `mutation($z: ID!) { recordStorageReadings(input: { readings: [{ zoneId: $z, recordedAt: "2026-01-01T00:00:00Z", temperature: 40 }] }) { accepted excursionsOpened { id } } }`, variables: { z: w.inventory.coldZoneId } }), expect: 'NOT_FOUND' },
  releaseStorageZone: { query: (w) => ({ query: `mutation($z: ID!) { releaseStorageZone(input: { id: $z, note: "潜入放行" }) { id onHold } }`, variables: { z: w.inventory.coldZoneId } }), expect: 'NOT_FOUND' },
  nearExpiryStock: { query: (w) => ({ query: `query($w: ID!) { nearExpiryStock(warehouseId: $w, withinDays: 730, includeExpired: true) { nodes { ${ID_FIELDS} batchId } } }`, variables: { w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  stockMinimums: { query: (w) => ({ query: `query($p: ID!) { stockMinimums(filter: { or: [{ productId: { eq: $p } }, { minQuantity: { gte: 0 } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId productId } } }`, variables: { p: w.inventory.productId } }), expect: 'noWestData' },
  setStockMinimum: { query: (w) => ({ query: `mutation($w: ID!, $p: ID!) { setStockMinimum(input: { warehouseId: $w, productId: $p, minQuantity: 1000 }) { ${ID_FIELDS} } }`, variables: { w: w.inventory.warehouseId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  startRecallOutreach: { query: (w) => ({ query: `mutation($id: ID!) { startRecallOutreach(input: { recallId: $id }) { contactsCreated casesOpened recall { ${ID_FIELDS} } } }`, variables: { id: w.inventory.recallId } }), expect: 'NOT_FOUND' },
  recordRecallOutcome: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { recordRecallOutcome(input: { id: $id, version: $v, status: CONTACTED }) { ${ID_FIELDS} } }`, variables: { id: w.inventory.recallContactId, v: w.inventory.recallContactVersion } }), expect: 'NOT_FOUND' },
  recallContacts: { query: (w) => ({ query: `query($id: ID!) { recallContacts(recallId: $id) { nodes { ${ID_FIELDS} customerId } } }`, variables: { id: w.inventory.recallId } }), expect: 'NOT_FOUND' },
  stocktakes: { query: (w) => ({ query: `query($id: ID!) { stocktakes(filter: { or: [{ id: { eq: $id } }, { status: { in: [COUNTING, REVIEW, APPROVED, POSTED, CANCELLED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} warehouseId zoneId openedById movesDuringCount { id } } } }`, variables: { id: w.inventory.stocktakeId } }), expect: 'noWestData' },
  stocktake: { query: (w) => ({ query: `query($id: ID!) { stocktake(id: $id) { ${ID_FIELDS} countNo } }`, variables: { id: w.inventory.stocktakeId } }), expect: 'null' },
  stocktakeLines: { query: (w) => ({ query: `query($id: ID!) { stocktakeLines(stocktakeId: $id) { nodes { id batchId bookQuantity } } }`, variables: { id: w.inventory.stocktakeId } }), expect: 'NOT_FOUND' },
  openStocktake: { query: (w) => ({ query: `mutation($w: ID!) { openStocktake(input: { warehouseId: $w }) { ${ID_FIELDS} } }`, variables: { w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  recordStocktakeCounts: { query: (w) => ({ query: `mutation($s: ID!, $l: ID!) { recordStocktakeCounts(input: { stocktakeId: $s, counts: [{ lineId: $l, quantity: 99 }] }) { lines { id } } }`, variables: { s: w.inventory.stocktakeId, l: w.inventory.stocktakeLineId } }), expect: 'NOT_FOUND' },
  submitStocktake: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { submitStocktake(input: { id: $id, version: $v }) { id } }`, variables: { id: w.inventory.stocktakeId, v: w.inventory.stocktakeVersion } }), expect: 'NOT_FOUND' },
  requestStocktakeRecount: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $l: ID!) { requestStocktakeRecount(input: { id: $id, version: $v, lineIds: [$l], reason: "x" }) { id } }`, variables: { id: w.inventory.stocktakeId, v: w.inventory.stocktakeVersion, l: w.inventory.stocktakeLineId } }), expect: 'NOT_FOUND' },
  approveStocktake: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { approveStocktake(input: { id: $id, version: $v }) { id } }`, variables: { id: w.inventory.stocktakeId, v: w.inventory.stocktakeVersion } }), expect: 'NOT_FOUND' },
  postStocktake: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { postStocktake(input: { id: $id, version: $v }) { id } }`, variables: { id: w.inventory.stocktakeId, v: w.inventory.stocktakeVersion } }), expect: 'NOT_FOUND' },
  cancelStocktake: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { cancelStocktake(input: { id: $id, version: $v, reason: "潜入" }) { id } }`, variables: { id: w.inventory.stocktakeId, v: w.inventory.stocktakeVersion } }), expect: 'NOT_FOUND' },
  issueStockReservation: { query: (w) => ({ query: `mutation($id: ID!) { issueStockReservation(input: { id: $id }) { moves { id } } }`, variables: { id: w.inventory.reservationId } }), expect: 'NOT_FOUND' },

  // --- orders
  orders: { query: (w) => ({ query: `query($id: ID!) { orders(filter: { or: [{ id: { eq: $id } }, { stage: { in: [NEW, REVIEW, CANCELLED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} ${ORDER_REFS} lines { id productId } customer { id } } } }`, variables: { id: w.orders.onlineId } }), expect: 'noWestData' },
  order: { query: (w) => ({ query: `query($id: ID!) { order(id: $id) { ${ID_FIELDS} ${ORDER_REFS} lines { id picks { batchId } } events { id actorId } } }`, variables: { id: w.orders.onlineId } }), expect: 'null' },
  createOneOrder: { query: (w) => ({ query: `mutation($c: ID!, $w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: WECHAT, customerId: $c, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }], deliveryName: "潜入", deliveryPhone: "13800000000", deliveryAddress: "西区某路 1 号" } }) { ${ID_FIELDS} } }`, variables: { c: w.customerId, w: w.inventory.warehouseId, p: w.inventory.productId } }), expect: 'NOT_FOUND' },
  startOrderReview: { query: (w) => ({ query: `mutation($id: ID!) { startOrderReview(input: { id: $id }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  reviewOrder: { query: (w) => ({ query: `mutation($id: ID!) { reviewOrder(input: { id: $id }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  holdOrderForCustomer: { query: (w) => ({ query: `mutation($id: ID!) { holdOrderForCustomer(input: { id: $id, reason: "潜入" }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  resumeOrderReview: { query: (w) => ({ query: `mutation($id: ID!) { resumeOrderReview(input: { id: $id }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  startOrderPicking: { query: (w) => ({ query: `mutation($id: ID!) { startOrderPicking(input: { id: $id }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  shipOrder: { query: (w) => ({ query: `mutation($id: ID!) { shipOrder(input: { id: $id, carrier: "x", trackingNo: "y" }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  deliverOrder: { query: (w) => ({ query: `mutation($id: ID!) { deliverOrder(input: { id: $id }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  confirmOrderReceipt: { query: (w) => ({ query: `mutation($id: ID!) { confirmOrderReceipt(input: { id: $id, condition: GOOD }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  payOrder: { query: (w) => ({ query: `mutation($id: ID!) { payOrder(input: { id: $id }) { id state } }`, variables: { id: w.orders.inStoreId } }), expect: 'NOT_FOUND' },
  handOverOrder: { query: (w) => ({ query: `mutation($id: ID!) { handOverOrder(input: { id: $id }) { id state } }`, variables: { id: w.orders.inStoreId } }), expect: 'NOT_FOUND' },
  cancelOrder: { query: (w) => ({ query: `mutation($id: ID!) { cancelOrder(input: { id: $id, reason: "潜入" }) { id state } }`, variables: { id: w.orders.inStoreId } }), expect: 'NOT_FOUND' },
  recordOrderPayment: { query: (w) => ({ query: `mutation($id: ID!) { recordOrderPayment(input: { id: $id, method: CASH, reference: "潜入", amountCents: 1 }) { id paymentStatus } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  verifyOrderCustomer: { query: (w) => ({ query: `mutation($id: ID!) { verifyOrderCustomer(input: { id: $id, method: CALLBACK_REGISTERED_PHONE }) { id identityVerifiedAt } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  changeOrderDelivery: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { changeOrderDelivery(input: { id: $id, version: $v, deliveryAddress: "潜入者的地址 1 号", reason: "潜入" }) { id deliveryAddress } }`, variables: { id: w.orders.onlineId, v: w.orders.onlineVersion } }), expect: 'NOT_FOUND' },
  recordTrackingEvents: { query: (w) => ({ query: `mutation($e: String!) { recordTrackingEvents(input: { events: [{ eventId: $e, trackingNo: "WEST-SF-0001", status: DELIVERED, occurredAt: "2026-01-01T00:00:00Z" }] }) { accepted duplicates unmatched } }`, variables: { e: w.orders.onlineId } }), expect: 'noWestData' },
  recordOrderError: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { recordOrderError(input: { orderId: $id, kind: WRONG_SHIPMENT, note: "潜入", expectedVersion: $v }) { id errors { id agentId } } }`, variables: { id: w.orders.shippedId, v: w.orders.shippedVersion } }), expect: 'NOT_FOUND' },
  withdrawOrderError: { query: (w) => ({ query: `mutation($e: ID!, $v: Int!) { withdrawOrderError(input: { errorId: $e, reason: "潜入", expectedVersion: $v }) { id errors { id withdrawnAt } } }`, variables: { e: w.orders.errorId, v: w.orders.shippedVersion } }), expect: 'NOT_FOUND' },
  orderKpis: { query: (w) => ({ query: `query($s: ID!) { orderKpis(from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z", storeId: $s) { agents { agentId } } }`, variables: { s: w.franchiseId } }), expect: 'NOT_FOUND' },
  orderSettings: { query: (w) => ({ query: `query($f: ID!) { orderSettings(franchiseId: $f) { franchiseId reviewWithinMinutes } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateOrderSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateOrderSettings(input: { franchiseId: $f, reviewWithinMinutes: 5 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  transitionOrder: { query: (w) => ({ query: `mutation($id: ID!) { transitionOrder(input: { id: $id, action: "cancel", fields: { reason: "潜入" } }) { id state } }`, variables: { id: w.orders.onlineId } }), expect: 'NOT_FOUND' },
  // --- returns
  returns: { query: (w) => ({ query: `query($id: ID!) { returns(filter: { or: [{ id: { eq: $id } }, { stage: { in: [NEW, REVIEW, CANCELLED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} ${RETURN_REFS} lines { id orderLineId batchId } events { id } order { id } } } }`, variables: { id: w.returns.returnId } }), expect: 'noWestData' },
  return: { query: (w) => ({ query: `query($id: ID!) { return(id: $id) { ${ID_FIELDS} ${RETURN_REFS} lines { id } events { id } } }`, variables: { id: w.returns.returnId } }), expect: 'null' },
  returnSettings: { query: (w) => ({ query: `query($f: ID!) { returnSettings(franchiseId: $f) { franchiseId windowDays } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateReturnSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateReturnSettings(input: { franchiseId: $f, windowDays: 365 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  requestReturn: { query: (w) => ({ query: `mutation($o: ID!, $l: ID!) { requestReturn(input: { orderId: $o, kind: REFUND, reason: DAMAGED, source: PHONE, lines: [{ orderLineId: $l, quantity: 1 }] }) { ${ID_FIELDS} } }`, variables: { o: w.returns.orderId, l: w.returns.orderLineId } }), expect: 'NOT_FOUND' },
  startReturnReview: { query: (w) => ({ query: `mutation($id: ID!) { startReturnReview(input: { id: $id }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  approveReturn: { query: (w) => ({ query: `mutation($id: ID!) { approveReturn(input: { id: $id }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  rejectReturn: { query: (w) => ({ query: `mutation($id: ID!) { rejectReturn(input: { id: $id, reason: "潜入" }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  shipReturnBack: { query: (w) => ({ query: `mutation($id: ID!) { shipReturnBack(input: { id: $id, carrier: "x", trackingNo: "y" }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  receiveReturn: { query: (w) => ({ query: `mutation($id: ID!) { receiveReturn(input: { id: $id }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  inspectReturn: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $l: ID!) { inspectReturn(input: { id: $id, version: $v, lines: [{ returnLineId: $l, acceptedQuantity: 1, damagedQuantity: 0, packagingIntact: true }] }) { id state } }`, variables: { id: w.returns.returnId, v: w.returns.returnVersion, l: w.returns.returnLineId } }), expect: 'NOT_FOUND' },
  refundReturn: { query: (w) => ({ query: `mutation($id: ID!) { refundReturn(input: { id: $id }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  exchangeReturn: { query: (w) => ({ query: `mutation($id: ID!) { exchangeReturn(input: { id: $id }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  cancelReturn: { query: (w) => ({ query: `mutation($id: ID!) { cancelReturn(input: { id: $id, reason: "潜入" }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  transitionReturn: { query: (w) => ({ query: `mutation($id: ID!) { transitionReturn(input: { id: $id, action: "cancel", fields: { reason: "潜入" } }) { id state } }`, variables: { id: w.returns.returnId } }), expect: 'NOT_FOUND' },
  // --- appointments
  appointments: { query: (w) => ({ query: `query($id: ID!) { appointments(filter: { or: [{ id: { eq: $id } }, { status: { in: [CONFIRMED, REQUESTED] } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} ${APPOINTMENT_REFS} customer { id } doctor { id } store { id } service { id } } } }`, variables: { id: w.appointments.appointmentId } }), expect: 'noWestData' },
  appointment: { query: (w) => ({ query: `query($id: ID!) { appointment(id: $id) { ${ID_FIELDS} ${APPOINTMENT_REFS} } }`, variables: { id: w.appointments.appointmentId } }), expect: 'null' },
  appointmentStatistics: { query: (w) => ({ query: `query($d: ID!) { appointmentStatistics(by: [STORE, DOCTOR, DATE, HOUR], filter: { or: [{ doctorId: { eq: $d } }, { status: { in: [CONFIRMED, REQUESTED] } }] }) { storeId storeName doctorId doctorName date hour total } }`, variables: { d: w.appointments.doctorId } }), expect: 'noWestData' },
  availableSlots: { query: (w) => ({ query: `query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t) { startsAt } }`, variables: { d: w.appointments.doctorId, s: w.appointments.branchId, v: w.appointments.serviceId, f: new Date().toISOString(), t: new Date(Date.now() + 7 * 86_400_000).toISOString() } }), expect: 'NOT_FOUND' },
  healthServices: { query: () => ({ query: `{ healthServices { ${ID_FIELDS} name } }` }), expect: 'noWestData' },
  createOneHealthService: { query: () => ({ query: `mutation { createOneHealthService(input: { healthService: { kind: FIRST_VISIT, name: "潜入初诊", durationMinutes: 30 } }) { ${ID_FIELDS} } }` }), expect: ['noWestData', 'BAD_USER_INPUT'] },
  updateOneHealthService: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateOneHealthService(input: { id: $id, version: $v, update: { kind: FOLLOW_UP, name: "潜入", durationMinutes: 30 } }) { id } }`, variables: { id: w.appointments.serviceId, v: w.appointments.serviceVersion } }), expect: 'NOT_FOUND' },
  doctorSchedules: { query: (w) => ({ query: `query($d: ID!) { doctorSchedules(doctorId: $d) { ${ID_FIELDS} doctorId storeId } }`, variables: { d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  setDoctorSchedule: { query: (w) => ({ query: `mutation($d: ID!, $s: ID!) { setDoctorSchedule(input: { doctorId: $d, storeId: $s, weeklyHours: [] }) { id } }`, variables: { d: w.appointments.doctorId, s: w.appointments.branchId } }), expect: 'NOT_FOUND' },
  scheduleExceptions: { query: (w) => ({ query: `query($d: ID!) { scheduleExceptions(doctorId: $d) { ${ID_FIELDS} doctorId } }`, variables: { d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  addScheduleException: { query: (w) => ({ query: `mutation($d: ID!) { addScheduleException(input: { doctorId: $d, kind: LEAVE, fromDate: "2030-01-01", toDate: "2030-01-02" }) { id } }`, variables: { d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  removeScheduleException: { query: (w) => ({ query: `mutation($id: ID!) { removeScheduleException(id: $id) { id } }`, variables: { id: w.appointments.exceptionId } }), expect: 'NOT_FOUND' },
  appointmentSettings: { query: (w) => ({ query: `query($f: ID!) { appointmentSettings(franchiseId: $f) { franchiseId noticeDays } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  updateAppointmentSettings: { query: (w) => ({ query: `mutation($f: ID!) { updateAppointmentSettings(input: { franchiseId: $f, noticeDays: 0, verifyWithinMinutes: 60 }) { franchiseId } }`, variables: { f: w.franchiseId } }), expect: 'NOT_FOUND' },
  bookAppointment: { query: (w) => ({ query: `mutation($c: ID!, $d: ID!, $s: ID!, $v: ID!, $t: DateTime!) { bookAppointment(input: { customerId: $c, doctorId: $d, storeId: $s, serviceId: $v, startsAt: $t, channel: PHONE }) { id } }`, variables: { c: w.customerId, d: w.appointments.doctorId, s: w.appointments.branchId, v: w.appointments.serviceId, t: w.appointments.startsAt } }), expect: 'NOT_FOUND' },
  confirmAppointment: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { confirmAppointment(input: { id: $id, version: $v }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion } }), expect: 'NOT_FOUND' },
  checkInAppointment: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { checkInAppointment(input: { id: $id, version: $v }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion } }), expect: 'NOT_FOUND' },
  completeAppointment: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { completeAppointment(input: { id: $id, version: $v }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion } }), expect: 'NOT_FOUND' },
  markAppointmentNoShow: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { markAppointmentNoShow(input: { id: $id, version: $v }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion } }), expect: 'NOT_FOUND' },
  cancelAppointment: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { cancelAppointment(input: { id: $id, version: $v, reason: "潜入" }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion } }), expect: 'NOT_FOUND' },
  rescheduleAppointment: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $t: DateTime!) { rescheduleAppointment(input: { id: $id, version: $v, startsAt: $t }) { id status } }`, variables: { id: w.appointments.appointmentId, v: w.appointments.appointmentVersion, t: w.appointments.startsAt } }), expect: 'NOT_FOUND' },

  practitionerProfile: { query: (w) => ({ query: `query($d: ID!) { practitionerProfile(doctorId: $d) { ${ID_FIELDS} doctorId verificationStatus } }`, variables: { d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  updatePractitionerProfile: { query: (w) => ({ query: `mutation($d: ID!) { updatePractitionerProfile(input: { doctorId: $d, qualifications: [{ name: "潜入" }] }) { id } }`, variables: { d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  verifyPractitioner: { query: (w) => ({ query: `mutation($d: ID!) { verifyPractitioner(input: { doctorId: $d, status: REJECTED }) { id } }`, variables: { d: w.appointments.doctorId } }), expect: 'FORBIDDEN' },

  // --- service journey
  testItems: { query: () => ({ query: `{ testItems(paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} code } } }` }), expect: 'noWestData' },
  createTestItem: { query: () => ({ query: `mutation { createTestItem(input: { code: "MATRIX", name: "潜入", priceCents: 1, turnaroundDays: 1, shared: true }) { ${ID_FIELDS} } }` }), expect: 'FORBIDDEN' },
  updateTestItem: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateTestItem(input: { id: $id, version: $v, update: { priceCents: 1 } }) { id } }`, variables: { id: w.journey.testItemId, v: w.journey.testItemVersion } }), expect: 'NOT_FOUND' },
  testOrders: { query: (w) => ({ query: `query($id: ID!) { testOrders(filter: { or: [{ id: { eq: $id } }, { state: { eq: "PRESCRIBED" } }] }, paging: { limit: 200 }) { totalCount nodes { ${ID_FIELDS} customerId doctorId orgUnitId customer { id } doctor { id } orgUnit { id } lines { id testItemId } steps { id actorId } } } }`, variables: { id: w.journey.testOrderId } }), expect: 'noWestData' },
  testOrder: { query: (w) => ({ query: `query($id: ID!) { testOrder(id: $id) { ${ID_FIELDS} customerId } }`, variables: { id: w.journey.testOrderId } }), expect: 'null' },
  prescribeTests: { query: (w) => ({ query: `mutation($c: ID!, $d: ID!, $t: ID!) { prescribeTests(input: { customerId: $c, doctorId: $d, testItemIds: [$t] }) { id } }`, variables: { c: w.customerId, d: w.appointments.doctorId, t: w.journey.testItemId } }), expect: 'NOT_FOUND' },
  takeTestOrderAction: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { takeTestOrderAction(input: { id: $id, version: $v, action: "cancel", reason: "潜入" }) { id state } }`, variables: { id: w.journey.testOrderId, v: w.journey.testOrderVersion } }), expect: 'NOT_FOUND' },
  postLabReport: { query: (w) => ({ query: `mutation($id: ID!) { postLabReport(input: { testOrderId: $id, labReportId: "MATRIX-1", results: [] }) { id state } }`, variables: { id: w.journey.testOrderId } }), expect: 'NOT_FOUND' },

  consultationRecords: { query: (w) => ({ query: `query($c: ID!) { consultationRecords(customerId: $c) { ${ID_FIELDS} customerId } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  createConsultationRecord: { query: (w) => ({ query: `mutation($c: ID!, $d: ID!) { createConsultationRecord(input: { customerId: $c, doctorId: $d, notes: "潜入" }) { id } }`, variables: { c: w.customerId, d: w.appointments.doctorId } }), expect: 'NOT_FOUND' },
  updateConsultationRecord: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!) { updateConsultationRecord(input: { id: $id, version: $v, notes: "潜入" }) { id } }`, variables: { id: w.journey.recordId, v: w.journey.recordVersion } }), expect: 'NOT_FOUND' },
  prescriptions: { query: (w) => ({ query: `query($c: ID!) { prescriptions(customerId: $c) { ${ID_FIELDS} customerId orderId } }`, variables: { c: w.customerId } }), expect: 'NOT_FOUND' },
  prescribeProducts: { query: (w) => ({ query: `mutation($c: ID!, $d: ID!, $p: ID!) { prescribeProducts(input: { customerId: $c, doctorId: $d, lines: [{ productId: $p, quantity: 1, dailyAmount: 1 }] }) { id } }`, variables: { c: w.customerId, d: w.appointments.doctorId, p: w.journey.productId } }), expect: 'NOT_FOUND' },
  orderPrescription: { query: (w) => ({ query: `mutation($id: ID!, $v: Int!, $w: ID!) { orderPrescription(input: { id: $id, version: $v, channel: IN_STORE, warehouseId: $w }) { id orderId } }`, variables: { id: w.journey.prescriptionId, v: w.journey.prescriptionVersion, w: w.inventory.warehouseId } }), expect: 'NOT_FOUND' },
  rateDoctor: { query: (w) => ({ query: `mutation($a: ID!) { rateDoctor(input: { appointmentId: $a, rating: 1, comment: "潜入" }) { id } }`, variables: { a: w.appointments.appointmentId } }), expect: 'NOT_FOUND' },
  // --- subscriptions
  serverTime: { query: () => ({ query: 'subscription { serverTime { now } }' }), expect: 'noWestData', subscription: 'tick' },
  createdCustomer: { query: () => ({ query: `subscription { createdCustomer { ${ID_FIELDS} name } }` }), expect: 'noWestData', subscription: 'customer' },
  updatedOneCustomer: { query: () => ({ query: `subscription { updatedOneCustomer { ${ID_FIELDS} name } }` }), expect: 'noWestData', subscription: 'customer' },
  createdCase: { query: () => ({ query: `subscription { createdCase { ${ID_FIELDS} subject ${CASE_REFS} } }` }), expect: 'noWestData', subscription: 'case' },
  updatedOneCase: { query: () => ({ query: `subscription { updatedOneCase { ${ID_FIELDS} subject ${CASE_REFS} } }` }), expect: 'noWestData', subscription: 'case' },
  caseQueueChanged: { query: (_w, e) => ({ query: `subscription($v: ID!) { caseQueueChanged(viewId: $v) { change caseId case { ${ID_FIELDS} subject } } }`, variables: { v: e.sharedViewId } }), expect: 'noWestData', subscription: 'case' },
  caseSlaAlerts: { query: () => ({ query: `subscription { caseSlaAlerts { level clock dueAt case { ${ID_FIELDS} subject } } }` }), expect: 'noWestData', subscription: 'sla' },
  agentPresenceChanged: { query: () => ({ query: 'subscription { agentPresenceChanged { staffUserId franchiseId availability staffUser { id email displayName } } }' }), expect: 'noWestData', subscription: 'presence' },
  stockAlertRaised: { query: () => ({ query: `subscription { stockAlertRaised { ${ID_FIELDS} warehouseId zoneId subjectId message } }` }), expect: 'noWestData', subscription: 'stock' },
  myNotificationCountChanged: { query: () => ({ query: 'subscription { myNotificationCountChanged { unread } }' }), expect: 'noWestData', subscription: 'bell' },
  createdOrder: { query: () => ({ query: `subscription { createdOrder { ${ID_FIELDS} ${ORDER_REFS} lines { id productId } } }` }), expect: 'noWestData', subscription: 'order' },
  updatedOneOrder: { query: () => ({ query: `subscription { updatedOneOrder { ${ID_FIELDS} ${ORDER_REFS} state } }` }), expect: 'noWestData', subscription: 'order' },
  createdReturn: { query: () => ({ query: `subscription { createdReturn { ${ID_FIELDS} ${RETURN_REFS} lines { id } } }` }), expect: 'noWestData', subscription: 'return' },
  updatedOneReturn: { query: () => ({ query: `subscription { updatedOneReturn { ${ID_FIELDS} ${RETURN_REFS} state } }` }), expect: 'noWestData', subscription: 'return' },
  lowRatingReceived: { query: () => ({ query: `subscription { lowRatingReceived { ${ID_FIELDS} customerId orgUnitId staffId rating suggestion } }` }), expect: 'noWestData', subscription: 'lowRating' },
  appointmentChanged: { query: () => ({ query: `subscription { appointmentChanged { ${ID_FIELDS} ${APPOINTMENT_REFS} status } }` }), expect: 'noWestData', subscription: 'appointment' },
  callWallChanged: { query: () => ({ query: `subscription { callWallChanged { ${CALL_WALL} } }` }), expect: 'noWestData', subscription: 'callWall' },
  testOrderReportReleased: { query: () => ({ query: `subscription { testOrderReportReleased { ${ID_FIELDS} customerId doctorId orgUnitId customer { id } doctor { id } lines { id testItemId } } }` }), expect: 'noWestData', subscription: 'report' },
};

interface Versioned {
  id: string;
  version: number;
}

/** Runs an operation that must succeed (setup), returning its data. */
async function must<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await caller.graphql<T>(query, variables);
  if (res.body.errors || !res.body.data) throw new Error(`${caller.label}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

describe('franchise isolation matrix', () => {
  let app: TestApp;
  let west: West;
  let east: East;
  let westAgent: Caller;
  let eastCallers: Caller[];
  let schemaFields: { root: string; name: string }[];

  beforeAll(async () => {
    app = await startTestApp();
    const schema = await buildAppSchema(createPubSub());
    schemaFields = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
      const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      return Object.values(type?.getFields() ?? {}).map((f: GraphQLField<unknown, unknown>) => ({ root, name: f.name }));
    });

    // West's records: a custom role, an API key and audit entries made by its owner.
    const westOwner = await signIn(app, 'owner@west.demo');
    // Signed in before west's staff are read: a sign-in changes the staff record (its version).
    westAgent = await signIn(app, 'agent@west.demo');
    const role = await westOwner.graphql<{ createOneRole: { id: string; version: number } }>(`mutation { createOneRole(input: { role: { name: "西区专员", permissions: ["org:read"] } }) { id version } }`);
    const key = await apiKeyCaller(app, westOwner, { permissions: ['org:read'] });
    const units = await westOwner.graphql<{ orgUnits: { nodes: { id: string; kind: string; franchiseId: string }[] } }>('{ orgUnits { nodes { id kind franchiseId } } }');
    const staff = await westOwner.graphql<{ staffUsers: { nodes: { id: string; email: string; version: number }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id email version } } }');
    const westTeams = (await westOwner.graphql<{ teams: { id: string }[] }>('{ teams { id } }')).body.data!.teams;
    const agent = staff.body.data!.staffUsers.nodes.find((s) => s.email === 'agent@west.demo')!;
    const franchiseId = units.body.data!.orgUnits.nodes.find((u) => u.kind === 'FRANCHISE')!.id;
    const customers = await westOwner.graphql<{ customers: { nodes: { id: string; version: number; name: string }[] } }>('{ customers(paging: { limit: 200 }) { nodes { id version name } } }');
    const tasks = await westOwner.graphql<{ careTasks: { nodes: { id: string }[] } }>('{ careTasks(paging: { limit: 200 }) { nodes { id } } }');
    const westCustomer = customers.body.data!.customers.nodes[0]!;
    const article = await westOwner.graphql<{ createOneKnowledgeArticle: { id: string; version: number } }>(`mutation { createOneKnowledgeArticle(input: { knowledgeArticle: { kind: FAQ, title: "西区独有的门店须知", body: "西区独有：仅西区可见。" } }) { id version } }`);
    const articles = await westOwner.graphql<{ knowledgeArticles: { nodes: { id: string; franchiseId: string | null }[] } }>('{ knowledgeArticles(filter: { status: { in: [DRAFT, PUBLISHED, ARCHIVED] } }, paging: { limit: 200 }) { nodes { id franchiseId } } }');

    // West's cases module: a calendar and policy, an open case and a resolved one (with a
    // customer, so a satisfaction request), a shared and a personal queue view, a feedback
    // item to a west department, and agent@west.demo's presence.
    const westStaff = staff.body.data!.staffUsers.nodes;
    const calendar = (await must<{ createOneBusinessCalendar: Versioned }>(westOwner, `mutation($c: BusinessCalendarInput!) { createOneBusinessCalendar(input: { businessCalendar: $c }) { id version } }`, {
      c: { name: '西区工作日历', workingDays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: [{ start: '09:00', end: '18:00' }] })) },
    })).createOneBusinessCalendar;
    const policy = (await must<{ createOneSlaPolicy: Versioned }>(westOwner, `mutation($c: ID!) { createOneSlaPolicy(input: { slaPolicy: { name: "西区 VIP 时限", calendarId: $c, queue: "vip", targets: [{ firstResponseMinutes: 30, resolutionMinutes: 480 }] } }) { id version } }`, { c: calendar.id })).createOneSlaPolicy;
    const openCase = (await must<{ createOneCase: Versioned }>(westOwner, `mutation { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "西区投诉：药盒破损", description: "西区独有：收到的药盒破损" } }) { id version } }`)).createOneCase;
    const resolvedCase = (await must<{ createOneCase: Versioned }>(westOwner, `mutation($c: ID!) { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "西区投诉：送药太慢", description: "西区独有：送药迟到两小时", customerId: $c } }) { id version } }`, { c: westCustomer.id })).createOneCase;
    for (const [mutation, extra] of [
      ['acceptCase', ''],
      ['startCaseInvestigation', ''],
      ['proposeSolution', 'solutionType: APOLOGY, solutionNote: "西区致歉"'],
      ['requestCustomerConfirmation', ''],
      ['resolveCase', 'resolutionNote: "西区已解决"'],
    ] as const) {
      await must(westAgent, `mutation($id: ID!) { ${mutation}(input: { id: $id${extra ? `, ${extra}` : ''} }) { id } }`, { id: resolvedCase.id });
    }
    const sharedView = (await must<{ createOneCaseView: Versioned }>(westOwner, `mutation { createOneCaseView(input: { caseView: { name: "西区共享队列", shared: true, filter: { type: { eq: "COMPLAINT" } } } }) { id version } }`)).createOneCaseView;
    const personalView = (await must<{ createOneCaseView: Versioned }>(westOwner, `mutation { createOneCaseView(input: { caseView: { name: "西区我的队列" } }) { id version } }`)).createOneCaseView;
    const department = units.body.data!.orgUnits.nodes.find((u) => u.kind === 'DEPARTMENT')!;
    const feedback = (await must<{ raiseDepartmentFeedback: Versioned }>(westOwner, `mutation($c: ID!, $d: ID!) { raiseDepartmentFeedback(input: { caseId: $c, departmentId: $d, title: "西区反馈：药盒包装", description: "西区独有：包装太薄" }) { id version } }`, { c: openCase.id, d: department.id })).raiseDepartmentFeedback;
    await must(westAgent, 'mutation { setMyAvailability(input: { availability: ONLINE, capacity: 7 }) { staffUserId } }');
    const westCases = (await must<{ a: Versioned & { state: string }; b: Versioned & { state: string } }>(westOwner, 'query($a: ID!, $b: ID!) { a: case(id: $a) { id version state } b: case(id: $b) { id version state } }', { a: openCase.id, b: resolvedCase.id }));
    expect([westCases.a.state, westCases.b.state]).toEqual(['NEW', 'RESOLVED']);
    const satisfaction = (await must<{ satisfactionRequests: { nodes: { id: string; sourceId: string }[] } }>(westOwner, '{ satisfactionRequests(paging: { limit: 200 }) { nodes { id sourceId } } }')).satisfactionRequests.nodes;
    expect(satisfaction.length).toBeGreaterThan(0);
    const westRule = (await must<{ callbackRules: (Versioned & { code: string })[] }>(westOwner, '{ callbackRules { id version code } }')).callbackRules.find((r) => r.code === 'holiday')!;
    const westTask = (
      await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
        em.execute<{ id: string }[]>(
          `insert into callback_task (id, franchise_id, customer_id, rule_id, kind, purpose_key, title, org_unit_id, due_date, status, attempts, version, created_at, updated_at)
           select gen_random_uuid(), c.franchise_id, c.id, ?, 'HOLIDAY', 'matrix', '西区独有回访', c.org_unit_id, current_date, 'OPEN', 0, 1, now(), now() from customer c where c.id = ? returning id`,
          [westRule.id, westCustomer.id],
        ),
      )
    )[0]!;
    const westCall = (
      await must<{ logCall: Versioned }>(westOwner, 'mutation($c: ID!, $at: DateTime!) { logCall(input: { direction: INBOUND, number: "13700000001", customerId: $c, offeredAt: $at, answeredAt: $at, endedAt: $at, note: "西区独有来电" }) { id version } }', {
        c: westCustomer.id,
        at: new Date(clock.now().getTime() - 3_600_000).toISOString(),
      })
    ).logCall;
    // West's outbound plan: its agent calls its customer.
    const westPlan = (
      await must<{ createOutboundPlan: Versioned }>(westOwner, 'mutation($a: ID!, $c: ID!, $d: DateTime!) { createOutboundPlan(input: { name: "西区独有外呼", purpose: SALES, goal: "西区独有", assigneeIds: [$a], deadline: $d, targets: { customerIds: [$c] } }) { id version } }', {
        a: westStaff.find((s) => s.email === 'agent@west.demo')!.id,
        c: westCustomer.id,
        d: new Date(clock.now().getTime() + 7 * 86_400_000).toISOString(),
      })
    ).createOutboundPlan;
    const westOutboundTask = (await must<{ outboundTasks: { nodes: Versioned[] } }>(westOwner, 'query($p: ID!) { outboundTasks(filter: { planId: { eq: $p } }) { nodes { id version } } }', { p: westPlan.id })).outboundTasks.nodes[0]!;
    const westTemplate = (await must<{ createSurveyTemplate: Versioned & { currentVersionId: string } }>(westOwner, 'mutation { createSurveyTemplate(input: { code: "west-only", name: "西区独有问卷", purpose: CALLBACK, questions: [{ key: "overall", kind: RATING, text: "西区独有", satisfaction: true }] }) { id version currentVersionId } }')).createSurveyTemplate;
    // West's QA: a scorecard of its own, a review of a case west's agent handled, a calibration session on that case.
    const westQaCase = (await must<{ createOneCase: Versioned }>(westAgent, `mutation { createOneCase(input: { case: { type: CONSULTATION, channel: PHONE, subject: "西区咨询：质检", description: "西区独有：质检用" } }) { id version } }`)).createOneCase;
    await must(westAgent, 'mutation($id: ID!, $v: Int) { acceptCase(input: { id: $id, version: $v }) { id } }', { id: westQaCase.id, v: westQaCase.version });
    const westScorecard = (await must<{ createQaScorecard: Versioned }>(westOwner, 'mutation { createQaScorecard(input: { code: "west-only", name: "西区独有评分表", categories: [{ key: "a", name: "态度", weight: 100, criteria: [{ key: "a1", name: "礼貌", scale: FIVE_POINT }] }] }) { id version } }')).createQaScorecard;
    const westReview = (await must<{ submitQaReview: Versioned }>(westOwner, 'mutation($s: ID!, $c: ID!) { submitQaReview(input: { scorecardId: $s, targetKind: CASE, targetId: $c, ratings: [{ criterionKey: "a1", rating: 4 }] }) { id version } }', { s: westScorecard.id, c: westQaCase.id })).submitQaReview;
    const westReviewerIds = await Promise.all([westOwner, westAgent].map(async (c) => (await must<{ me: { user: { id: string } } }>(c, '{ me { user { id } } }')).me.user.id));
    const westSession = (await must<{ createQaCalibrationSession: Versioned }>(westOwner, 'mutation($s: ID!, $c: ID!, $r: [ID!]!) { createQaCalibrationSession(input: { name: "西区校准", scorecardId: $s, targetKind: CASE, targetId: $c, reviewerIds: $r }) { id version } }', { s: westScorecard.id, c: westQaCase.id, r: westReviewerIds })).createQaCalibrationSession;
    const westCalibration = (await must<{ submitQaReview: Versioned }>(westOwner, 'mutation($s: ID!, $c: ID!, $k: ID!) { submitQaReview(input: { scorecardId: $s, targetKind: CASE, targetId: $c, calibrationSessionId: $k, ratings: [{ criterionKey: "a1", rating: 2 }] }) { id version } }', { s: westScorecard.id, c: westQaCase.id, k: westSession.id })).submitQaReview;
    // West's appraisals: a plan of its own, a month opened with it (an appraisal for west's agent).
    const westPlan2 = (await must<{ createAppraisalPlan: Versioned }>(westOwner, 'mutation { createAppraisalPlan(input: { code: "west-only", name: "西区独有考核", kind: MONTHLY, weights: { self: 0, supervisor: 100, customer: 0, qa: 0, data: 0 }, formCategories: [{ key: "a", name: "态度", weight: 100 }], bands: [{ key: "all", name: "全部", minScore: 0, consequence: NONE }] }) { id version } }')).createAppraisalPlan;
    const westCycle = (await must<{ openAppraisalCycle: Versioned }>(westOwner, 'mutation($p: ID!) { openAppraisalCycle(input: { kind: MONTHLY, period: "2030-01", planId: $p }) { id version } }', { p: westPlan2.id })).openAppraisalCycle;
    const westAppraisal = (await must<{ appraisals: { nodes: (Versioned & { agentId: string })[] } }>(westOwner, 'query($c: ID!) { appraisals(filter: { cycleId: $c }) { nodes { id version agentId } } }', { c: westCycle.id })).appraisals.nodes[0]!;
    const westAnalysis = (await must<{ createSatisfactionAnalysis: Versioned }>(westOwner, 'mutation { createSatisfactionAnalysis(input: { title: "西区满意度分析", from: "2020-01-01", to: "2020-12-31" }) { id version } }')).createSatisfactionAnalysis;
    const westDirectorId = westStaff.find((s) => s.email === 'director@west.demo')!.id;
    const westAction = (await must<{ addImprovementAction: Versioned }>(westOwner, 'mutation($a: ID!, $o: ID!) { addImprovementAction(input: { analysisId: $a, title: "西区整改", ownerId: $o, dueDate: "2099-01-01" }) { id version } }', { a: westAnalysis.id, o: westDirectorId })).addImprovementAction;
    // Everything of west's in the cases module (the demo seeds add their own), so no leak goes unseen.
    const { caseSettings } = await must<{ caseSettings: West['caseSettings'] }>(westOwner, '{ caseSettings { assignmentRule feedbackAnswerHours } }');
    const westCaseData = await must<{ cases: { nodes: { id: string }[] }; caseViews: { id: string }[]; slaPolicies: { id: string }[]; businessCalendars: { id: string }[]; departmentFeedbacks: { nodes: { id: string }[] } }>(
      westOwner,
      '{ cases(paging: { limit: 200 }) { nodes { id } } caseViews { id } slaPolicies { id } businessCalendars { id } departmentFeedbacks(paging: { limit: 200 }) { nodes { id } } }',
    );
    // Plugin data of west's own: HQ enables refund-approval for west and a west refund waits for approval.
    const hq = await signIn(app, 'admin@hq.demo');
    await must(hq, 'mutation($f: ID!) { enablePlugin(input: { franchiseId: $f, plugin: "refund-approval", options: { threshold: 100 } }) { id } }', { f: franchiseId });
    // HQ's quarterly rounds of a shared template: the franchises' one answered by west's owner, a partners-only one.
    const quarterlyTemplate = (await must<{ createSurveyTemplate: { id: string } }>(hq, 'mutation { createSurveyTemplate(input: { code: "matrix-quarterly", name: "季度调查", purpose: GENERAL, shared: true, questions: [{ key: "service", kind: RATING, text: "服务质量", required: true }] }) { id } }')).createSurveyTemplate;
    const quarterlyRound = (await must<{ openQuarterlySurveyRound: Versioned }>(hq, 'mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2099-Q1", templateId: $t, audience: [FRANCHISES], closesOn: "2099-03-31" }) { id version } }', { t: quarterlyTemplate.id })).openQuarterlySurveyRound;
    const partnersRound = (await must<{ openQuarterlySurveyRound: Versioned }>(hq, 'mutation($t: ID!) { openQuarterlySurveyRound(input: { quarter: "2099-Q2", templateId: $t, audience: [PARTNERS], closesOn: "2099-06-30" }) { id version } }', { t: quarterlyTemplate.id })).openQuarterlySurveyRound;
    const westQuarterly = (await must<{ answerQuarterlySurvey: { id: string } }>(westOwner, 'mutation($r: ID!) { answerQuarterlySurvey(input: { roundId: $r, answers: [{ questionKey: "service", value: 4 }] }) { id } }', { r: quarterlyRound.id })).answerQuarterlySurvey;
    const refundCase = (await must<{ createOneCase: Versioned }>(westAgent, 'mutation { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "西区退款", description: "西区：药品破损要求退款" } }) { id version } }')).createOneCase;
    for (const step of ['acceptCase(input: { id: $id })', 'startCaseInvestigation(input: { id: $id })', 'proposeSolution(input: { id: $id, solutionType: REFUND, solutionAmount: 300, solutionNote: "西区退款" })'])
      await must(westAgent, `mutation($id: ID!) { ${step} { id } }`, { id: refundCase.id });
    const westPlugins = await must<{ installedPlugins: { enablements: { id: string }[] }[]; refundApprovals: { nodes: { id: string }[] } }>(westOwner, '{ installedPlugins { enablements { id } } refundApprovals { nodes { id } } }');
    const pluginEnablementIds = westPlugins.installedPlugins.flatMap((p) => p.enablements.map((e) => e.id));
    const refundApprovalId = westPlugins.refundApprovals.nodes[0]!.id;
    expect(pluginEnablementIds.length).toBe(2);
    // West's notifications: a template of its own and a message to its customer.
    const template = (await must<{ createOneNotificationTemplate: Versioned }>(westOwner, 'mutation { createOneNotificationTemplate(input: { template: { kind: "customer.care", channel: SMS, body: "西区独有：{{customerName}}，{{message}}" } }) { id version } }')).createOneNotificationTemplate;
    const message = (await must<{ sendCustomerMessage: { id: string } }>(westOwner, 'mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "西区独有的关怀" }) { id } }', { c: westCustomer.id })).sendCustomerMessage;
    // West's stock: its own product and supplier, a warehouse with zones, a lot received and part of it reserved.
    const westProduct = await createProduct(westOwner, { genericName: '西区自营枸杞原浆', category: 'SUPPLEMENT', shared: false, approvalNumber: null });
    const westSupplier = (await must<{ createOneSupplier: Versioned }>(westOwner, 'mutation { createOneSupplier(input: { supplier: { name: "西区独有供应商" } }) { id version } }')).createOneSupplier;
    const westStock = await createWarehouse(westOwner, 'WEST-WH');
    const westLots = await receive(westOwner, westStock.warehouseId, [{ productId: westProduct.id, zoneId: westStock.normalZoneId, lotNo: 'WEST-LOT-1', expiryDate: inDays(500), quantity: 10 }]);
    const westReservation = (await must<{ reserveStock: { id: string }[] }>(westOwner, 'mutation($w: ID!, $p: ID!) { reserveStock(input: { warehouseId: $w, documentId: "00000000-0000-4000-8000-0000000000aa", lines: [{ lineId: "1", productId: $p, quantity: 3 }] }) { id } }', { w: westStock.warehouseId, p: westProduct.id })).reserveStock[0]!;
    await must(westOwner, 'mutation($p: ID!) { setFranchiseProductTerms(input: { productId: $p, priceCents: 999 }) { id } }', { p: westProduct.id });
    await must(westOwner, 'mutation { updateInventorySettings(input: { minRemainingShelfLifeDays: 120 }) { franchiseId } }');
    // A recall of west's own (a lot it never received, so its stock stays as it is).
    const westRecall = (await must<{ recallBatch: { id: string } }>(westOwner, 'mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "WEST-OTHER-LOT", reason: "西区自查" }) { id } }', { p: westProduct.id })).recallBatch;
    // West's stock documents: a purchase request (DRAFT), a requisition from its warehouse to a branch-center one, a destruction of a damaged lot.
    const westPurchase = (await must<{ createPurchaseRequest: Versioned & { lines: { id: string }[] } }>(westOwner, 'mutation($w: ID!, $p: ID!) { createPurchaseRequest(input: { warehouseId: $w, note: "西区独有采购", lines: [{ productId: $p, quantity: 20 }] }) { id version lines { id } } }', { w: westStock.warehouseId, p: westProduct.id })).createPurchaseRequest;
    const westBranchUnit = units.body.data!.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!;
    const westBranch = (await must<{ createOneWarehouse: { id: string } }>(westOwner, 'mutation($u: ID!) { createOneWarehouse(input: { warehouse: { orgUnitId: $u, code: "WEST-BR", name: "西区分中心仓" } }) { id } }', { u: westBranchUnit.id })).createOneWarehouse;
    const westBranchZone = (await must<{ createOneStorageZone: { id: string } }>(westOwner, 'mutation($w: ID!) { createOneStorageZone(input: { storageZone: { warehouseId: $w, code: "A", name: "常温区", storageClass: NORMAL } }) { id } }', { w: westBranch.id })).createOneStorageZone;
    const westRequisition = (await must<{ createRequisition: Versioned & { lines: { id: string }[] } }>(westOwner, 'mutation($f: ID!, $t: ID!, $p: ID!) { createRequisition(input: { fromWarehouseId: $f, toWarehouseId: $t, lines: [{ productId: $p, quantity: 1 }] }) { id version lines { id } } }', { f: westStock.warehouseId, t: westBranch.id, p: westProduct.id })).createRequisition;
    const damagedLots = await receive(westOwner, westStock.warehouseId, [{ productId: westProduct.id, zoneId: westStock.normalZoneId, lotNo: 'WEST-DMG-1', expiryDate: inDays(500), quantity: 2 }]);
    await must(westOwner, 'mutation($id: ID!) { holdBatch(input: { id: $id, status: DAMAGED, reason: "西区破损" }) { id } }', { id: damagedLots['WEST-DMG-1'] });
    const westDestruction = (await must<{ requestDestruction: Versioned & { lines: { id: string }[] } }>(westOwner, 'mutation($w: ID!, $z: ID!, $b: ID!) { requestDestruction(input: { warehouseId: $w, reason: "西区破损销毁", lines: [{ zoneId: $z, batchId: $b, quantity: 2 }] }) { id version lines { id } } }', { w: westStock.warehouseId, z: westStock.normalZoneId, b: damagedLots['WEST-DMG-1'] })).requestDestruction;
    // A west excursion: its cold zone out of limits (on hold since), with its alert.
    const westExcursion = (await must<{ recordStorageReadings: { excursionsOpened: { id: string }[] } }>(westOwner, 'mutation($z: ID!) { recordStorageReadings(input: { readings: [{ zoneId: $z, recordedAt: "2026-01-01T00:00:00Z", temperature: 9.5 }] }) { excursionsOpened { id } } }', { z: westStock.coldZoneId })).recordStorageReadings.excursionsOpened[0]!;
    const westAlert = (await must<{ stockAlerts: { nodes: { id: string }[] } }>(westOwner, '{ stockAlerts { nodes { id } } }')).stockAlerts.nodes[0]!;
    // West handed a lot straight to its customer, recalled it and started the outreach: a contact of its own.
    await receive(westOwner, westStock.warehouseId, [{ productId: westProduct.id, zoneId: westStock.normalZoneId, lotNo: 'WEST-RC-2', expiryDate: inDays(300), quantity: 2 }]);
    const handed = (await must<{ reserveStock: { id: string }[] }>(westOwner, 'mutation($w: ID!, $p: ID!, $c: ID!) { reserveStock(input: { warehouseId: $w, documentType: "CUSTOMER", documentId: $c, lines: [{ productId: $p, quantity: 1 }] }) { id } }', { w: westStock.warehouseId, p: westProduct.id, c: westCustomer.id })).reserveStock[0]!;
    await must(westOwner, 'mutation($id: ID!) { issueStockReservation(input: { id: $id, documentNo: "西区-XS-1" }) { reservation { id } } }', { id: handed.id });
    const westOwnRecall = (await must<{ recallBatch: { id: string } }>(westOwner, 'mutation($p: ID!) { recallBatch(input: { productId: $p, lotNo: "WEST-RC-2", reason: "西区自查召回" }) { id } }', { p: westProduct.id })).recallBatch;
    await must(westOwner, 'mutation($id: ID!) { startRecallOutreach(input: { recallId: $id, openCases: false }) { contactsCreated } }', { id: westOwnRecall.id });
    const westContact = (await must<{ recallContacts: { nodes: Versioned[] } }>(westOwner, 'query($id: ID!) { recallContacts(recallId: $id) { nodes { id version } } }', { id: westOwnRecall.id })).recallContacts.nodes[0]!;
    // A west minimum (met: no alert).
    const westMinimum = (await must<{ setStockMinimum: { id: string } }>(westOwner, 'mutation($w: ID!, $p: ID!) { setStockMinimum(input: { warehouseId: $w, productId: $p, minQuantity: 2 }) { id } }', { w: westStock.warehouseId, p: westProduct.id })).setStockMinimum;
    // West's orders: an online one for its customer (received) and an in-store receipt (not paid).
    const westOnline = (await must<{ createOneOrder: Versioned }>(westOwner, 'mutation($c: ID!, $w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: APP, customerId: $c, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }], deliveryName: "西区客户", deliveryPhone: "13900000000", deliveryAddress: "西区幸福路 8 号 1 单元" } }) { id version } }', { c: westCustomer.id, w: westStock.warehouseId, p: westProduct.id })).createOneOrder;
    const westInStore = (await must<{ createOneOrder: Versioned }>(westOwner, 'mutation($w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: IN_STORE, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }] } }) { id version } }', { w: westStock.warehouseId, p: westProduct.id })).createOneOrder;
    // And one shipped from a lot of its own, with a tracking number an east carrier key might try.
    await receive(westOwner, westStock.warehouseId, [{ productId: westProduct.id, zoneId: westStock.normalZoneId, lotNo: 'WEST-ORD-1', expiryDate: inDays(400), quantity: 5 }]);
    const westShipped = (await must<{ createOneOrder: Versioned }>(westOwner, 'mutation($c: ID!, $w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: APP, customerId: $c, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }], deliveryName: "西区客户", deliveryPhone: "13900000000", deliveryAddress: "西区幸福路 8 号 1 单元" } }) { id version } }', { c: westCustomer.id, w: westStock.warehouseId, p: westProduct.id })).createOneOrder;
    for (const action of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) await must(westOwner, `mutation($id: ID!) { ${action}(input: { id: $id }) { id } }`, { id: westShipped.id });
    await must(westOwner, 'mutation($id: ID!) { shipOrder(input: { id: $id, carrier: "顺丰速运", trackingNo: "WEST-SF-0001" }) { id } }', { id: westShipped.id });
    // An order error recorded on it (counted against its reviewer).
    const westError = (await must<{ recordOrderError: Versioned & { errors: { id: string }[] } }>(westOwner, 'mutation($id: ID!, $v: Int!) { recordOrderError(input: { orderId: $id, kind: WRONG_SHIPMENT, note: "西区独有：发错规格", expectedVersion: $v }) { id version errors { id } } }', { id: westShipped.id, v: (await must<{ order: Versioned }>(westOwner, 'query($id: ID!) { order(id: $id) { id version } }', { id: westShipped.id })).order.version })).recordOrderError;
    // And one delivered, with a return of it requested (under its review clock).
    const westDelivered = (await must<{ createOneOrder: Versioned & { lines: { id: string }[] } }>(westOwner, 'mutation($c: ID!, $w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: APP, customerId: $c, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }], deliveryName: "西区客户", deliveryPhone: "13900000000", deliveryAddress: "西区幸福路 8 号 1 单元" } }) { id version lines { id } } }', { c: westCustomer.id, w: westStock.warehouseId, p: westProduct.id })).createOneOrder;
    for (const action of ['startOrderReview', 'reviewOrder', 'startOrderPicking']) await must(westOwner, `mutation($id: ID!) { ${action}(input: { id: $id }) { id } }`, { id: westDelivered.id });
    await must(westOwner, 'mutation($id: ID!) { shipOrder(input: { id: $id, carrier: "顺丰速运", trackingNo: "WEST-SF-0002" }) { id } }', { id: westDelivered.id });
    await must(westOwner, 'mutation($id: ID!) { deliverOrder(input: { id: $id }) { id } }', { id: westDelivered.id });
    const westReturn = (await must<{ requestReturn: Versioned & { lines: { id: string }[]; events: { id: string }[] } }>(westOwner, 'mutation($o: ID!, $l: ID!) { requestReturn(input: { orderId: $o, kind: REFUND, reason: DAMAGED, source: APP, description: "西区独有：药盒破损", lines: [{ orderLineId: $l, quantity: 1 }] }) { id version lines { id } events { id } } }', { o: westDelivered.id, l: westDelivered.lines[0]!.id })).requestReturn;
    const westOrderRows = await must<{ orders: { nodes: { id: string; lines: { id: string }[]; events: { id: string }[] }[] } }>(westOwner, '{ orders(paging: { limit: 200 }) { nodes { id lines { id } events { id } } } }');
    // A west count sheet of its normal zone, still being counted.
    const westSheet = (await must<{ openStocktake: Versioned }>(westOwner, 'mutation($w: ID!, $z: ID!) { openStocktake(input: { warehouseId: $w, zoneId: $z }) { id version } }', { w: westStock.warehouseId, z: westStock.normalZoneId })).openStocktake;
    const westSheetLine = (await must<{ stocktakeLines: { nodes: { id: string }[] } }>(westOwner, 'query($s: ID!) { stocktakeLines(stocktakeId: $s) { nodes { id } } }', { s: westSheet.id })).stocktakeLines.nodes[0]!;
    const westInventory = await must<{ warehouse: Versioned & { zones: Versioned[] }; stockBalances: { nodes: { id: string }[] }; stockMoves: { nodes: { id: string }[] }; franchiseProducts: { nodes: { id: string }[] } }>(
      westOwner,
      'query($w: ID!) { warehouse(id: $w) { id version zones { id version } } stockBalances { nodes { id } } stockMoves { nodes { id } } franchiseProducts { nodes { id } } }',
      { w: westStock.warehouseId },
    );
    // West's appointments: its doctor at its branch center every day 09–17, a service, a day of leave, a booking at the first free slot.
    const westDoctorId = westStaff.find((s) => s.email === 'doctor@west.demo')!.id;
    const westService = (await must<{ createOneHealthService: Versioned }>(westOwner, 'mutation { createOneHealthService(input: { healthService: { kind: FOLLOW_UP, name: "西区复诊", durationMinutes: 30 } }) { id version } }')).createOneHealthService;
    const everyDay = `[${[0, 1, 2, 3, 4, 5, 6].map((d) => `{ weekday: ${d}, periods: [{ start: "09:00", end: "17:00" }] }`).join(', ')}]`;
    const westSchedule = (await must<{ setDoctorSchedule: Versioned }>(westOwner, `mutation($d: ID!, $s: ID!) { setDoctorSchedule(input: { doctorId: $d, storeId: $s, weeklyHours: ${everyDay} }) { id version } }`, { d: westDoctorId, s: westBranchUnit.id })).setDoctorSchedule;
    const westLeave = (await must<{ addScheduleException: Versioned }>(westOwner, 'mutation($d: ID!) { addScheduleException(input: { doctorId: $d, kind: LEAVE, fromDate: "2031-01-01", toDate: "2031-01-02", reason: "西区独有：休假" }) { id version } }', { d: westDoctorId })).addScheduleException;
    const westFree = (await must<{ availableSlots: { startsAt: string }[] }>(westOwner, 'query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t, limit: 2) { startsAt } }', { d: westDoctorId, s: westBranchUnit.id, v: westService.id, f: new Date().toISOString(), t: new Date(Date.now() + 7 * 86_400_000).toISOString() })).availableSlots;
    const westAppointment = (await must<{ bookAppointment: Versioned }>(westOwner, 'mutation($c: ID!, $d: ID!, $s: ID!, $v: ID!, $t: DateTime!) { bookAppointment(input: { customerId: $c, doctorId: $d, storeId: $s, serviceId: $v, startsAt: $t, channel: ONLINE, note: "西区独有：网上预约" }) { id version } }', { c: westCustomer.id, d: westDoctorId, s: westBranchUnit.id, v: westService.id, t: westFree[0]!.startsAt })).bookAppointment;
    // West's service journey: its own test item, a test order of its customer by its doctor.
    const westTestItem = (await must<{ createTestItem: Versioned }>(westOwner, 'mutation { createTestItem(input: { code: "WEST-GUT", name: "西区独有：肠道菌群", priceCents: 99000, turnaroundDays: 5 }) { id version } }')).createTestItem;
    const westTestOrder = (await must<{ prescribeTests: Versioned & { lines: { id: string }[]; steps: { id: string }[] } }>(westOwner, 'mutation($c: ID!, $d: ID!, $t: ID!) { prescribeTests(input: { customerId: $c, doctorId: $d, testItemIds: [$t], note: "西区独有：检测" }) { id version lines { id } steps { id } } }', { c: westCustomer.id, d: westDoctorId, t: westTestItem.id })).prescribeTests;
    const westRecord = (await must<{ createConsultationRecord: Versioned }>(westOwner, 'mutation($c: ID!, $d: ID!) { createConsultationRecord(input: { customerId: $c, doctorId: $d, answers: [{ question: "主诉", answer: "西区独有：失眠" }] }) { id version } }', { c: westCustomer.id, d: westDoctorId })).createConsultationRecord;
    const westPrescription = (await must<{ prescribeProducts: Versioned }>(westOwner, 'mutation($c: ID!, $d: ID!, $p: ID!) { prescribeProducts(input: { customerId: $c, doctorId: $d, lines: [{ productId: $p, quantity: 30, dailyAmount: 1 }], note: "西区独有：处方" }) { id version } }', { c: westCustomer.id, d: westDoctorId, p: westProduct.id })).prescribeProducts;
    const audit = await westOwner.graphql<{ auditLogs: { nodes: { id: string }[] } }>('{ auditLogs(paging: { limit: 200 }) { nodes { id } } }');
    west = {
      inventory: {
        productId: westProduct.id,
        supplierId: westSupplier.id,
        warehouseId: westStock.warehouseId,
        warehouseVersion: westInventory.warehouse.version,
        zoneId: westStock.normalZoneId,
        zoneVersion: westInventory.warehouse.zones.find((z) => z.id === westStock.normalZoneId)!.version,
        batchId: westLots['WEST-LOT-1']!,
        reservationId: westReservation.id,
        recallId: westRecall.id,
        coldZoneId: westStock.coldZoneId,
        alertId: westAlert.id,
        excursionId: westExcursion.id,
        stocktakeId: westSheet.id,
        stocktakeVersion: westSheet.version,
        stocktakeLineId: westSheetLine.id,
        recallContactId: westContact.id,
        recallContactVersion: westContact.version,
        minimumId: westMinimum.id,
      },
      documents: {
        purchaseId: westPurchase.id,
        purchaseVersion: westPurchase.version,
        purchaseLineId: westPurchase.lines[0]!.id,
        requisitionId: westRequisition.id,
        requisitionVersion: westRequisition.version,
        branchWarehouseId: westBranch.id,
        destructionId: westDestruction.id,
        destructionVersion: westDestruction.version,
        damagedBatchId: damagedLots['WEST-DMG-1']!,
      },
      orders: { onlineId: westOnline.id, onlineVersion: westOnline.version, inStoreId: westInStore.id, inStoreVersion: westInStore.version, shippedId: westShipped.id, shippedVersion: westError.version, errorId: westError.errors[0]!.id },
      appointments: { doctorId: westDoctorId, branchId: westBranchUnit.id, serviceId: westService.id, serviceVersion: westService.version, exceptionId: westLeave.id, appointmentId: westAppointment.id, appointmentVersion: westAppointment.version, startsAt: westFree[1]!.startsAt },
      returns: { orderId: westDelivered.id, orderLineId: westDelivered.lines[0]!.id, returnId: westReturn.id, returnVersion: westReturn.version, returnLineId: westReturn.lines[0]!.id },
      templateId: template.id,
      templateVersion: template.version,
      messageId: message.id,
      pluginEnablementIds,
      refundApprovalId,
      franchiseId,
      storeId: units.body.data!.orgUnits.nodes.find((u) => u.kind === 'STORE')!.id,
      staffId: agent.id,
      staffVersion: agent.version,
      roleId: role.body.data!.createOneRole.id,
      roleVersion: role.body.data!.createOneRole.version,
      apiKeyId: key.apiKey.id,
      refreshToken: westOwner.tokens.refreshToken,
      customerId: westCustomer.id,
      customerVersion: westCustomer.version,
      customerName: westCustomer.name,
      careTaskId: tasks.body.data!.careTasks.nodes[0]?.id ?? '00000000-0000-4000-8000-00000000beef',
      knowledgeArticleId: article.body.data!.createOneKnowledgeArticle.id,
      knowledgeArticleVersion: article.body.data!.createOneKnowledgeArticle.version,
      caseId: westCases.a.id,
      caseVersion: westCases.a.version,
      resolvedCaseId: westCases.b.id,
      resolvedCaseVersion: westCases.b.version,
      analysis: { analysisId: westAnalysis.id, analysisVersion: westAnalysis.version, actionId: westAction.id, actionVersion: westAction.version, ownerId: westDirectorId },
      appraisals: { planId: westPlan2.id, planVersion: westPlan2.version, cycleId: westCycle.id, appraisalId: westAppraisal.id, appraisalVersion: westAppraisal.version },
      quality: { scorecardId: westScorecard.id, scorecardVersion: westScorecard.version, reviewId: westReview.id, reviewVersion: westReview.version, caseId: westQaCase.id, sessionId: westSession.id, sessionVersion: westSession.version },
      surveys: { templateId: westTemplate.id, templateVersion: westTemplate.version, versionId: westTemplate.currentVersionId, requestId: satisfaction.find((r) => r.sourceId === westCases.b.id)!.id, ruleId: westRule.id, ruleVersion: westRule.version, taskId: westTask.id },
      calls: { callId: westCall.id, callVersion: westCall.version },
      outbound: { planId: westPlan.id, taskId: westOutboundTask.id, taskVersion: westOutboundTask.version },
      journey: { testItemId: westTestItem.id, testItemVersion: westTestItem.version, testOrderId: westTestOrder.id, testOrderVersion: westTestOrder.version, recordId: westRecord.id, recordVersion: westRecord.version, prescriptionId: westPrescription.id, prescriptionVersion: westPrescription.version, productId: westProduct.id },
      sharedViewId: sharedView.id,
      sharedViewVersion: sharedView.version,
      personalViewId: personalView.id,
      calendarId: calendar.id,
      calendarVersion: calendar.version,
      slaPolicyId: policy.id,
      slaPolicyVersion: policy.version,
      departmentId: department.id,
      teamId: westTeams[0]!.id,
      feedbackId: feedback.id,
      agentId: westStaff.find((s) => s.email === 'agent2@west.demo')!.id,
      pharmacistId: westStaff.find((s) => s.email === 'pharmacist@west.demo')!.id,
      caseSettings,
      quarterly: { roundId: quarterlyRound.id, roundVersion: quarterlyRound.version, partnersRoundId: partnersRound.id, responseId: westQuarterly.id },
      allIds: [
        westQuarterly.id,
        ...westTeams.map((t) => t.id),
        westService.id,
        westSchedule.id,
        westLeave.id,
        westAppointment.id,
        westError.errors[0]!.id,
        template.id,
        message.id,
        westProduct.id,
        westSupplier.id,
        westStock.warehouseId,
        ...westInventory.warehouse.zones.map((z) => z.id),
        westLots['WEST-LOT-1']!,
        westReservation.id,
        westRecall.id,
        westPurchase.id,
        ...westPurchase.lines.map((l) => l.id),
        westBranch.id,
        westBranchZone.id,
        westRequisition.id,
        ...westRequisition.lines.map((l) => l.id),
        damagedLots['WEST-DMG-1']!,
        westDestruction.id,
        ...westDestruction.lines.map((l) => l.id),
        westAlert.id,
        westExcursion.id,
        westSheet.id,
        westSheetLine.id,
        westOwnRecall.id,
        westMinimum.id,
        westContact.id,
        handed.id,
        ...westOrderRows.orders.nodes.flatMap((o) => [o.id, ...o.lines.map((l) => l.id), ...o.events.map((e) => e.id)]),
        westReturn.id,
        ...westReturn.lines.map((l) => l.id),
        ...westReturn.events.map((e) => e.id),
        ...westInventory.stockBalances.nodes.map((b) => b.id),
        ...westInventory.stockMoves.nodes.map((m) => m.id),
        ...westInventory.franchiseProducts.nodes.map((t) => t.id),
        ...pluginEnablementIds,
        refundApprovalId,
        refundCase.id,
        openCase.id,
        resolvedCase.id,
        sharedView.id,
        personalView.id,
        calendar.id,
        policy.id,
        feedback.id,
        ...satisfaction.map((r) => r.id),
        westTemplate.id,
        westTemplate.currentVersionId,
        westTask.id,
        westCall.id,
        westPlan.id,
        westOutboundTask.id,
        westTestItem.id,
        westTestOrder.id,
        westRecord.id,
        westPrescription.id,
        ...westTestOrder.lines.map((l) => l.id),
        ...westTestOrder.steps.map((x) => x.id),
        westQaCase.id,
        westScorecard.id,
        westReview.id,
        westSession.id,
        westPlan2.id,
        westCycle.id,
        westAppraisal.id,
        westAnalysis.id,
        westAction.id,
        westCalibration.id,
        ...(await must<{ callbackRules: { id: string }[] }>(westOwner, '{ callbackRules { id } }')).callbackRules.map((r) => r.id),
        ...westCaseData.cases.nodes.map((c) => c.id),
        ...westCaseData.caseViews.map((v) => v.id),
        ...westCaseData.slaPolicies.map((p) => p.id),
        ...westCaseData.businessCalendars.map((c) => c.id),
        ...westCaseData.departmentFeedbacks.nodes.map((f) => f.id),
        ...customers.body.data!.customers.nodes.map((c) => c.id),
        ...tasks.body.data!.careTasks.nodes.map((t) => t.id),
        // West's own articles (HQ's shared ones are everyone's).
        ...articles.body.data!.knowledgeArticles.nodes.filter((a) => a.franchiseId !== null).map((a) => a.id),
        franchiseId,
        ...units.body.data!.orgUnits.nodes.map((u) => u.id),
        ...staff.body.data!.staffUsers.nodes.map((s) => s.id),
        role.body.data!.createOneRole.id,
        key.apiKey.id,
        ...audit.body.data!.auditLogs.nodes.map((a) => a.id),
      ],
    };
    expect(west.allIds.length).toBeGreaterThan(15);

    const eastOwner = await signIn(app, 'owner@east.demo');
    eastCallers = [eastOwner, await apiKeyCaller(app, eastOwner)];
    // A shared view (an API key has no personal ones) and an open case of east's own.
    const eastView = (await must<{ createOneCaseView: Versioned }>(eastOwner, 'mutation { createOneCaseView(input: { caseView: { name: "东区共享队列", shared: true } }) { id version } }')).createOneCaseView;
    const eastCase = (await must<{ createOneCase: Versioned }>(eastOwner, 'mutation { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "东区投诉：药盒破损", description: "东区：收到的药盒破损" } }) { id version } }')).createOneCase;
    const eastStock = await createWarehouse(eastOwner, 'EAST-ISO');
    const eastProduct = await createProduct(eastOwner, { genericName: '东区自营养生茶', category: 'SUPPLEMENT', shared: false, approvalNumber: null });
    // An east receipt handed over: east's own returns (for the return subscriptions) come from it.
    await receive(eastOwner, eastStock.warehouseId, [{ productId: eastProduct.id, zoneId: eastStock.normalZoneId, lotNo: 'EAST-RMA-1', expiryDate: inDays(400), quantity: 2 }]);
    const eastSold = (await must<{ createOneOrder: { id: string; lines: { id: string }[] } }>(eastOwner, 'mutation($w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: IN_STORE, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }] } }) { id lines { id } } }', { w: eastStock.warehouseId, p: eastProduct.id })).createOneOrder;
    for (const action of ['payOrder', 'handOverOrder']) await must(eastOwner, `mutation($id: ID!) { ${action}(input: { id: $id }) { id } }`, { id: eastSold.id });
    // An east appointment at the first free slot of east's doctor (its live events are east's own).
    const eastSetup = await must<{ staffUsers: { nodes: { id: string }[] }; orgUnits: { nodes: { id: string; kind: string }[] }; customers: { nodes: { id: string }[] } }>(eastOwner, '{ staffUsers(filter: { email: { eq: "doctor@east.demo" } }) { nodes { id } } orgUnits(paging: { limit: 50 }) { nodes { id kind } } customers(paging: { limit: 1 }) { nodes { id } } }');
    const [eastDoctorId, eastBranchId] = [eastSetup.staffUsers.nodes[0]!.id, eastSetup.orgUnits.nodes.find((u) => u.kind === 'BRANCH_CENTER')!.id];
    const eastService = (await must<{ createOneHealthService: { id: string } }>(eastOwner, 'mutation { createOneHealthService(input: { healthService: { kind: FOLLOW_UP, name: "东区复诊", durationMinutes: 30 } }) { id } }')).createOneHealthService;
    await must(eastOwner, `mutation($d: ID!, $s: ID!) { setDoctorSchedule(input: { doctorId: $d, storeId: $s, weeklyHours: ${everyDay} }) { id } }`, { d: eastDoctorId, s: eastBranchId });
    const eastFree = (await must<{ availableSlots: { startsAt: string }[] }>(eastOwner, 'query($d: ID!, $s: ID!, $v: ID!, $f: DateTime!, $t: DateTime!) { availableSlots(doctorId: $d, storeId: $s, serviceId: $v, from: $f, to: $t, limit: 1) { startsAt } }', { d: eastDoctorId, s: eastBranchId, v: eastService.id, f: new Date().toISOString(), t: new Date(Date.now() + 7 * 86_400_000).toISOString() })).availableSlots;
    const eastAppointment = (await must<{ bookAppointment: { id: string } }>(eastOwner, 'mutation($c: ID!, $d: ID!, $s: ID!, $v: ID!, $t: DateTime!) { bookAppointment(input: { customerId: $c, doctorId: $d, storeId: $s, serviceId: $v, startsAt: $t, channel: PHONE }) { id } }', { c: eastSetup.customers.nodes[0]!.id, d: eastDoctorId, s: eastBranchId, v: eastService.id, t: eastFree[0]!.startsAt })).bookAppointment;
    // An east test order of that customer (its report-released events are east's own).
    const eastTestItem = (await must<{ createTestItem: { id: string } }>(eastOwner, 'mutation { createTestItem(input: { code: "EAST-ISO", name: "东区自营：血常规", priceCents: 5000, turnaroundDays: 2 }) { id } }')).createTestItem;
    const eastTestOrder = (await must<{ prescribeTests: { id: string } }>(eastOwner, 'mutation($c: ID!, $d: ID!, $t: ID!) { prescribeTests(input: { customerId: $c, doctorId: $d, testItemIds: [$t] }) { id } }', { c: eastSetup.customers.nodes[0]!.id, d: eastDoctorId, t: eastTestItem.id })).prescribeTests;
    east = { testOrderId: eastTestOrder.id, caseId: eastCase.id, caseVersion: eastCase.version, sharedViewId: eastView.id, zoneId: eastStock.normalZoneId, warehouseId: eastStock.warehouseId, productId: eastProduct.id, returnOrderId: eastSold.id, returnOrderLineId: eastSold.lines[0]!.id, appointment: { id: eastAppointment.id, doctorId: eastDoctorId, storeId: eastBranchId } };
    // Setting up every module's west records takes a while on a busy machine.
  }, 120_000);
  afterAll(() => app.stop());

  it('has a case for every root query, mutation and subscription', () => {
    const missing = schemaFields.filter((f) => !matrix[f.name]).map((f) => `${f.root}.${f.name}`);
    expect(missing).toEqual([]);
  });

  function checkAnswer(field: string, expected: Expect[], res: Pick<GraphQLResponse, 'body'>, sent = '') {
    const text = JSON.stringify(res.body);
    // Ids the caller sent may be echoed back ("Org unit <id> was not found"): that tells them nothing.
    const leaked = west.allIds.filter((id) => text.includes(id) && !sent.includes(id));
    expect({ field, leaked }).toEqual({ field, leaked: [] });
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
    const outcome: Expect | undefined = codes.length
      ? (codes[0] as Expect)
      : res.body.data && Object.values(res.body.data)[0] === null
        ? 'null'
        : 'noWestData';
    expect({ field, outcome }).toEqual({ field, outcome: expected.includes(outcome!) ? outcome : expected[0] });
  }

  it.each(Object.keys(matrix).filter((f) => !matrix[f]!.subscription && f !== 'logout'))('%s: east user and east API key get nothing of west', async (field) => {
    const testCase = matrix[field]!;
    const expected = ([] as Expect[]).concat(testCase.expect);
    for (const caller of eastCallers) {
      const { query, variables } = testCase.query(west, east);
      checkAnswer(field, expected, await caller.graphql(query, variables), JSON.stringify({ query, variables }));
    }
  });

  /** East's own records pointed at west's: the west reference is NOT_FOUND and the east record stays as it was. */
  const crossReferences: Record<string, (w: West, e: East) => { query: string; variables?: Record<string, unknown> }> = {
    createOneCase: (w) => ({ query: `mutation($u: ID!) { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "潜入", description: "x", orgUnitId: $u } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }),
    updateOneCase: (w, e) => ({ query: `mutation($id: ID!, $v: Int!, $c: ID!) { updateOneCase(input: { id: $id, version: $v, update: { customerId: $c } }) { id ${CASE_REFS} } }`, variables: { id: e.caseId, v: e.caseVersion, c: w.customerId } }),
    assignCase: (w, e) => ({ query: `mutation($id: ID!, $s: ID!) { assignCase(input: { id: $id, staffUserId: $s }) { id ownerId } }`, variables: { id: e.caseId, s: w.agentId } }),
    transferCase: (w, e) => ({ query: `mutation($id: ID!, $s: ID!) { transferCase(input: { id: $id, toStaffUserId: $s, reason: "x" }) { id ownerId } }`, variables: { id: e.caseId, s: w.agentId } }),
    referCaseToExpert: (w, e) => ({ query: `mutation($id: ID!, $x: ID!) { referCaseToExpert(input: { id: $id, expertId: $x, question: "x" }) { id expertId } }`, variables: { id: e.caseId, x: w.pharmacistId } }),
    linkKnowledgeArticle: (w, e) => ({ query: `mutation($c: ID!, $a: ID!) { linkKnowledgeArticle(input: { caseId: $c, articleId: $a }) { ${ID_FIELDS} usageCount } }`, variables: { c: e.caseId, a: w.knowledgeArticleId } }),
    raiseDepartmentFeedback: (w, e) => ({ query: `mutation($c: ID!, $d: ID!) { raiseDepartmentFeedback(input: { caseId: $c, departmentId: $d, title: "潜入", description: "x" }) { ${ID_FIELDS} departmentId } }`, variables: { c: e.caseId, d: w.departmentId } }),
    createOneCaseView: (w) => ({ query: `mutation($u: ID!) { createOneCaseView(input: { caseView: { name: "潜入", shared: true, orgUnitId: $u } }) { ${ID_FIELDS} } }`, variables: { u: w.storeId } }),
  };

  it.each(Object.keys(crossReferences))('%s: an east record cannot be pointed at a west one', async (field) => {
    for (const caller of eastCallers) {
      const { query, variables } = crossReferences[field]!(west, east);
      checkAnswer(field, ['NOT_FOUND'], await caller.graphql(query, variables), JSON.stringify({ query, variables }));
    }
    const after = await must<{ case: { version: number; ownerId: string | null; expertId: string | null; customerId: string | null } }>(eastCallers[0]!, 'query($id: ID!) { case(id: $id) { version ownerId expertId customerId } }', { id: east.caseId });
    expect(after.case).toEqual({ version: east.caseVersion, ownerId: null, expertId: null, customerId: null });
  });

  it('subscriptions: east sockets get nothing of west', async () => {
    const westOwner = await signIn(app, 'owner@west.demo');
    const eastAgent = await signIn(app, 'agent@east.demo');
    const eastFranchiseId = eastAgent.tokens.user.franchiseId;
    for (const caller of eastCallers) {
      const params = caller.headers.authorization ? { authorization: caller.headers.authorization } : { 'x-api-key': caller.headers['x-api-key'] };
      for (const field of Object.keys(matrix).filter((f) => matrix[f]!.subscription)) {
        const { query, variables } = matrix[field]!.query(west, east);
        const kind = matrix[field]!.subscription;
        // An API key has no bell: nothing to wait for (notifications.test.ts shows it hears nothing).
        if (kind === 'bell' && !caller.headers.authorization) continue;
        const first = takeFromSubscription(app.wsClient(params), { query, variables }, 1);
        if (kind !== 'tick') await new Promise((r) => setTimeout(r, 300));
        // West acts first; the first event an east socket sees must be east's own.
        if (kind === 'customer') {
          await changeCustomer(westOwner, 'west');
          await changeCustomer(eastAgent, 'east');
        } else if (kind === 'case') {
          await changeCase(westOwner, 'west');
          await changeCase(eastAgent, 'east');
        } else if (kind === 'presence') {
          await must(westAgent, `mutation { setMyAvailability(input: { availability: ${++serial % 2 ? 'AWAY' : 'ONLINE'} }) { staffUserId } }`);
          await must(eastAgent, `mutation { setMyAvailability(input: { availability: ${serial % 2 ? 'AWAY' : 'ONLINE'} }) { staffUserId } }`);
        } else if (kind === 'sla') {
          // What the SLA job (cases.sla-check, off in tests) publishes; a west case, then one
          // whose payload even claims east's franchise, then east's: only east's may arrive.
          const pubsub = app.server.app.pubsub;
          const alert = { clock: 'FIRST_RESPONSE', level: 'BREACHED', dueAt: new Date().toISOString() };
          pubsub.publish('cases.sla', { ...alert, id: west.caseId, franchiseId: west.franchiseId });
          pubsub.publish('cases.sla', { ...alert, id: west.resolvedCaseId, franchiseId: eastFranchiseId });
          pubsub.publish('cases.sla', { ...alert, id: east.caseId, franchiseId: eastFranchiseId });
        } else if (kind === 'stock') {
          // West's alert id published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own excursion.
          const pubsub = app.server.app.pubsub;
          pubsub.publish('stock.alert', { id: west.inventory.alertId, franchiseId: west.franchiseId, kind: 'EXCURSION', warehouseId: west.inventory.warehouseId });
          pubsub.publish('stock.alert', { id: west.inventory.alertId, franchiseId: eastFranchiseId, kind: 'EXCURSION', warehouseId: west.inventory.warehouseId });
          await must(eastCallers[0]!, 'mutation($z: ID!, $t: DateTime!) { recordStorageReadings(input: { readings: [{ zoneId: $z, recordedAt: $t, temperature: 31 }] }) { accepted } }', { z: east.zoneId, t: new Date(Date.now() - 60_000 * ++serial).toISOString() });
          // Back in range, so the next caller's reading opens a new excursion (and a new alert).
          await must(eastCallers[0]!, 'mutation($z: ID!, $t: DateTime!) { recordStorageReadings(input: { readings: [{ zoneId: $z, recordedAt: $t, temperature: 22 }] }) { accepted } }', { z: east.zoneId, t: new Date(Date.now() - 60_000 * serial + 1_000).toISOString() });
        } else if (kind === 'order') {
          await changeOrder(westOwner, 'west');
          eastOrderIds.push(await changeOrder(eastCallers[0]!, 'east'));
        } else if (kind === 'return') {
          // West's return published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own request and cancellation.
          const pubsub = app.server.app.pubsub;
          for (const change of ['created', 'updated']) {
            pubsub.publish('returns.changed', { id: west.returns.returnId, franchiseId: west.franchiseId, change });
            pubsub.publish('returns.changed', { id: west.returns.returnId, franchiseId: eastFranchiseId, change });
          }
          eastReturnIds.push(await changeReturn(eastCallers[0]!));
        } else if (kind === 'appointment') {
          // West's appointment published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own.
          const pubsub = app.server.app.pubsub;
          const w = { id: west.appointments.appointmentId, doctorId: west.appointments.doctorId, storeId: west.appointments.branchId, change: 'updated' };
          pubsub.publish('appointments.changed', { ...w, franchiseId: west.franchiseId });
          pubsub.publish('appointments.changed', { ...w, franchiseId: eastFranchiseId });
          pubsub.publish('appointments.changed', { ...east.appointment, franchiseId: eastFranchiseId, change: 'updated' });
        } else if (kind === 'report') {
          // West's released report published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own.
          const pubsub = app.server.app.pubsub;
          const w = { id: west.journey.testOrderId, doctorId: west.appointments.doctorId, orgUnitId: west.storeId };
          pubsub.publish('test_orders.report_released', { ...w, franchiseId: west.franchiseId });
          pubsub.publish('test_orders.report_released', { ...w, franchiseId: eastFranchiseId });
          pubsub.publish('test_orders.report_released', { id: east.testOrderId, franchiseId: eastFranchiseId, doctorId: east.appointment.doctorId, orgUnitId: east.appointment.storeId });
        } else if (kind === 'lowRating') {
          // West's low rating published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own answered 1/5.
          const pubsub = app.server.app.pubsub;
          const answered = { type: 'survey.answered', requestId: west.surveys.requestId, customerId: west.customerId, staffId: null, orgUnitId: west.storeId, rating: 1, npsScore: null };
          pubsub.publish('survey.answered', { ...answered, franchiseId: west.franchiseId });
          pubsub.publish('survey.answered', { ...answered, franchiseId: eastFranchiseId });
          eastLowRatingIds.push(await lowRating(eastCallers[0]!));
        } else if (kind === 'callWall') {
          // West's call published as west's, then as if east's (only a reload in the subscriber's scope decides), then east's own ringing call.
          const pubsub = app.server.app.pubsub;
          pubsub.publish('calls.changed', { id: west.calls.callId, franchiseId: west.franchiseId, orgUnitId: west.storeId });
          pubsub.publish('calls.changed', { id: west.calls.callId, franchiseId: eastFranchiseId, orgUnitId: west.storeId });
          eastCallIds.push(await ringEast(eastCallers[0]!));
        } else if (kind === 'bell') {
          // What notifyStaff publishes: west's supervisor's bell, one naming east's franchise with a west id, then the caller's own.
          const pubsub = app.server.app.pubsub;
          const self = (caller as Caller & { tokens: { user: { id: string; franchiseId: string } } }).tokens.user;
          pubsub.publish('notifications.inbox', { id: west.staffId, franchiseId: west.franchiseId });
          pubsub.publish('notifications.inbox', { id: west.staffId, franchiseId: eastFranchiseId });
          pubsub.publish('notifications.inbox', { id: self.id, franchiseId: self.franchiseId });
        }
        const [event] = await first.catch((e: Error) => { throw new Error(`${field} (${caller.label}): ${e.message}`); });
        if (kind === 'case' || kind === 'sla') expect(JSON.stringify(event)).toContain('东区');
        if (kind === 'stock') expect(JSON.stringify(event)).toContain(east.zoneId);
        if (kind === 'order') expect(JSON.stringify(event)).toContain(eastOrderIds.at(-1)!);
        if (kind === 'return') expect(JSON.stringify(event)).toContain(eastReturnIds.at(-1)!);
        if (kind === 'appointment') expect(JSON.stringify(event)).toContain(east.appointment.id);
        if (kind === 'report') expect(JSON.stringify(event)).toContain(east.testOrderId);
        if (kind === 'callWall') expect(JSON.stringify(event)).toContain(eastCallIds.at(-1)!);
        if (kind === 'lowRating') expect(JSON.stringify(event)).toContain(eastLowRatingIds.at(-1)!);
        if (kind === 'presence') expect((event!.data as { agentPresenceChanged: { staffUserId: string } }).agentPresenceChanged.staffUserId).toBe(eastAgent.tokens.user.id);
        checkAnswer(field, ([] as Expect[]).concat(matrix[field]!.expect), { body: event as GraphQLResponse['body'] });
        expect(JSON.stringify(event)).not.toContain('西区');
      }
    }
  }, 120_000); // a socket per subscription per caller: slow on a busy machine

  const eastCallIds: string[] = [];
  /** A call ringing now on east's line, posted by east's telephony partner (what moves east's call wall); its id. */
  async function ringEast(caller: Caller): Promise<string> {
    const at = new Date(clock.now().getTime() - 60_000).toISOString();
    const posted = await must<{ recordCallEvents: { calls: { id: string }[] } }>(caller, 'mutation($c: String!, $at: DateTime!) { recordCallEvents(input: { events: [{ callId: $c, occurredAt: $at, state: RINGING, direction: INBOUND, callerNumber: "13700000002", calleeNumber: "4008000000", offeredAt: $at }] }) { calls { id } } }', { c: `matrix-wall-${++serial}`, at });
    return posted.recordCallEvents.calls[0]!.id;
  }

  const eastLowRatingIds: string[] = [];
  /** An east survey of east's first customer answered 1/5 by phone (what reaches east's supervisors live); its id. */
  async function lowRating(caller: Caller): Promise<string> {
    const customer = (await must<{ customers: { nodes: { id: string; orgUnitId: string }[] } }>(caller, '{ customers(paging: { limit: 1 }) { nodes { id orgUnitId } } }')).customers.nodes[0]!;
    const [survey] = await inScopedTransaction(app.server.app.runtime.orm.em, SYSTEM_SCOPE, (em) =>
      em.execute<{ id: string }[]>(
        `insert into satisfaction_request (id, franchise_id, customer_id, source_kind, source_id, source_ref, org_unit_id, status, template_version_id, version, created_at, updated_at)
         select gen_random_uuid(), c.franchise_id, c.id, 'case', gen_random_uuid(), '东区低分', c.org_unit_id, 'PENDING', '5a7d3c1e-0000-4000-8000-000000000002', 1, now(), now() from customer c where c.id = ? returning id`,
        [customer.id],
      ),
    );
    await must(caller, 'mutation($id: ID!) { recordSurveyAnswers(input: { id: $id, version: 1, channel: PHONE, answers: [{ questionKey: "overall", value: 1 }, { questionKey: "resolved", choices: ["no"] }] }) { id } }', { id: survey!.id });
    return survey!.id;
  }

  let serial = 0;
  const eastOrderIds: string[] = [];
  /** Enters an in-store receipt of the side's own warehouse and then cancels it, so created and updated order events fire; the order's id. */
  async function changeOrder(caller: Caller, side: 'east' | 'west'): Promise<string> {
    const [warehouseId, productId] = side === 'west' ? [west.inventory.warehouseId, west.inventory.productId] : [east.warehouseId, east.productId];
    const made = (await must<{ createOneOrder: { id: string } }>(caller, 'mutation($w: ID!, $p: ID!) { createOneOrder(input: { order: { channel: IN_STORE, warehouseId: $w, lines: [{ productId: $p, quantity: 1 }] } }) { id } }', { w: warehouseId, p: productId })).createOneOrder;
    if (side === 'west') west.allIds.push(made.id);
    await must(caller, 'mutation($id: ID!) { cancelOrder(input: { id: $id, reason: "顾客放弃" }) { id } }', { id: made.id });
    return made.id;
  }

  const eastReturnIds: string[] = [];
  /** East requests a return of its handed-over receipt and cancels it (so the unit is free again): created and updated return events; the return's id. */
  async function changeReturn(caller: Caller): Promise<string> {
    const made = (await must<{ requestReturn: { id: string } }>(caller, 'mutation($o: ID!, $l: ID!) { requestReturn(input: { orderId: $o, kind: REFUND, reason: CUSTOMER_REASON, source: IN_STORE, lines: [{ orderLineId: $l, quantity: 1 }] }) { id } }', { o: east.returnOrderId, l: east.returnOrderLineId })).requestReturn;
    await must(caller, 'mutation($id: ID!) { cancelReturn(input: { id: $id, reason: "顾客改主意" }) { id } }', { id: made.id });
    return made.id;
  }

  /** Creates an archive and then changes it, so both created and updated events fire. */
  async function changeCustomer(caller: Caller, side: 'east' | 'west') {
    const staff = await caller.graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }');
    const scoped = staff.body.data?.staffUsers.nodes ?? [];
    const list = scoped.length ? scoped : (await (await signIn(app, `owner@${side}.demo`)).graphql<{ staffUsers: { nodes: { id: string; jobTitle: string; orgUnitId: string }[] } }>('{ staffUsers(paging: { limit: 100 }) { nodes { id jobTitle orgUnitId } } }')).body.data!.staffUsers.nodes;
    const manager = list.find((s) => s.jobTitle === 'HEALTH_MANAGER')!;
    const doctor = list.find((s) => s.jobTitle === 'DOCTOR' || s.jobTitle === 'PHARMACIST')!;
    serial++;
    const made = await caller.graphql<{ createOneCustomer: { id: string; version: number } }>(
      `mutation($c: CustomerInput!) { createOneCustomer(input: { customer: $c }) { id version } }`,
      { c: { name: side === 'west' ? `西区客户${serial}` : `东区客户${serial}`, age: 50, phone: `1380000${side === 'west' ? 1 : 2}${String(serial).padStart(3, '0')}`, doctorId: doctor.id, healthManagerId: manager.id, orgUnitId: manager.orgUnitId, sourceChannel: 'PHONE' } },
    );
    if (made.body.errors) throw new Error(JSON.stringify(made.body.errors));
    if (side === 'west') west.allIds.push(made.body.data!.createOneCustomer.id);
    await caller.graphql(`mutation($id: ID!, $v: Int!) { updateOneCustomer(input: { id: $id, version: $v, update: { note: "changed" } }) { id } }`, { id: made.body.data!.createOneCustomer.id, v: made.body.data!.createOneCustomer.version });
  }

  /** Opens a case and then edits it, so created, updated and queue events fire. */
  async function changeCase(caller: Caller, side: 'east' | 'west') {
    serial++;
    const label = side === 'west' ? '西区' : '东区';
    const made = (await must<{ createOneCase: Versioned }>(caller, `mutation($s: String!) { createOneCase(input: { case: { type: CONSULTATION, channel: WECHAT, subject: $s, description: $s } }) { id version } }`, { s: `${label}咨询${serial}` })).createOneCase;
    if (side === 'west') west.allIds.push(made.id);
    await must(caller, `mutation($id: ID!, $v: Int!, $s: String!) { updateOneCase(input: { id: $id, version: $v, update: { subject: $s } }) { id } }`, { id: made.id, v: made.version, s: `${label}咨询${serial}（已补充）` });
  }

  it('logout ends only the caller’s own session', async () => {
    const { query } = matrix.logout!.query(west, east);
    for (const caller of eastCallers) checkAnswer('logout', ['noWestData', 'BAD_USER_INPUT'], await caller.graphql(query));
  });

  it('left west untouched', async () => {
    const westOwner = await signIn(app, 'owner@west.demo');
    const res = await westOwner.graphql<{ staffUser: { status: string; displayName: string; version: number }; role: { name: string }; apiKey: { revokedAt: string | null }; orgUnits: { totalCount: number } }>(
      `query($s: ID!, $r: ID!, $k: ID!) { staffUser(id: $s) { status displayName version } role(id: $r) { name } apiKey(id: $k) { revokedAt } orgUnits { totalCount } }`,
      { s: west.staffId, r: west.roleId, k: west.apiKeyId },
    );
    expect(res.body.data).toEqual({
      staffUser: { status: 'ACTIVE', displayName: '杨帆', version: west.staffVersion },
      role: { name: '西区专员' },
      apiKey: { revokedAt: null },
      orgUnits: { totalCount: 5 },
    });
    const stock = await must<{ stockBalances: { nodes: { onHand: number; reserved: number }[] }; stockReservations: { nodes: { status: string }[] }; batch: { status: string }; inventorySettings: { minRemainingShelfLifeDays: number } }>(
      westOwner,
      'query($b: ID!, $r: ID!) { stockBalances(filter: { batchId: { eq: $b } }) { nodes { onHand reserved } } stockReservations(filter: { id: { eq: $r } }) { nodes { status } } batch(id: $b) { status } inventorySettings { minRemainingShelfLifeDays } }',
      { b: west.inventory.batchId, r: west.inventory.reservationId },
    );
    expect(stock).toEqual({ stockBalances: { nodes: [{ onHand: 10, reserved: 3 }] }, stockReservations: { nodes: [{ status: 'ACTIVE' }] }, batch: { status: 'AVAILABLE' }, inventorySettings: { minRemainingShelfLifeDays: 120 } });
    const documents = await must<Record<string, { status: string; version: number }>>(
      westOwner,
      'query($p: ID!, $r: ID!, $d: ID!) { purchaseRequest(id: $p) { status version } stockRequisition(id: $r) { status version } stockDestruction(id: $d) { status version } }',
      { p: west.documents.purchaseId, r: west.documents.requisitionId, d: west.documents.destructionId },
    );
    expect(documents).toEqual({
      purchaseRequest: { status: 'DRAFT', version: west.documents.purchaseVersion },
      stockRequisition: { status: 'SUBMITTED', version: west.documents.requisitionVersion },
      stockDestruction: { status: 'REQUESTED', version: west.documents.destructionVersion },
    });
    const orders = await must<Record<string, unknown>>(westOwner, 'query($a: ID!, $b: ID!, $c: ID!) { online: order(id: $a) { state version } inStore: order(id: $b) { state version } shipped: order(id: $c) { state trackingStatus version errors { withdrawnAt } } orderSettings { reviewWithinMinutes } }', { a: west.orders.onlineId, b: west.orders.inStoreId, c: west.orders.shippedId });
    expect(orders).toEqual({
      online: { state: 'RECEIVED', version: west.orders.onlineVersion },
      inStore: { state: 'RECEIPT_ISSUED', version: west.orders.inStoreVersion },
      shipped: { state: 'SHIPPED', trackingStatus: null, version: west.orders.shippedVersion, errors: [{ withdrawnAt: null }] },
      orderSettings: { reviewWithinMinutes: 120 },
    });
    const westReturn = await must<{ return: { state: string; version: number }; returnSettings: { windowDays: number } }>(westOwner, 'query($id: ID!) { return(id: $id) { state version } returnSettings { windowDays } }', { id: west.returns.returnId });
    expect(westReturn).toEqual({ return: { state: 'REQUESTED', version: west.returns.returnVersion }, returnSettings: { windowDays: 7 } });
    const customer = await westOwner.graphql<{ customer: { version: number; note: string | null } }>(`query($id: ID!) { customer(id: $id) { version note } }`, { id: west.customerId });
    expect(customer.body.data!.customer).toEqual({ version: west.customerVersion, note: null });
    const article = await westOwner.graphql<{ knowledgeArticle: { version: number; title: string; status: string } }>(`query($id: ID!) { knowledgeArticle(id: $id) { version title status } }`, { id: west.knowledgeArticleId });
    expect(article.body.data!.knowledgeArticle).toEqual({ version: west.knowledgeArticleVersion, title: '西区独有的门店须知', status: 'PUBLISHED' });
    const cases = await must<{ caseViews: { id: string }[]; slaPolicies: { id: string }[]; businessCalendars: { id: string }[] } & Record<string, unknown>>(westOwner, `query($a: ID!, $b: ID!, $f: ID!) {
      open: case(id: $a) { version state ownerId escalationLevel expertId subject messages { id } knowledgeArticles { id } }
      resolved: case(id: $b) { version state ownerId }
      caseViews { id version name }
      slaPolicies { id version name }
      businessCalendars { id version name }
      caseSettings { assignmentRule feedbackAnswerHours }
      departmentFeedbacks(filter: { id: { eq: $f } }) { nodes { status answer } }
    }`, { a: west.caseId, b: west.resolvedCaseId, f: west.feedbackId });
    const mine = (list: { id: string }[]) => Object.fromEntries(list.filter((x) => [west.sharedViewId, west.personalViewId, west.slaPolicyId, west.calendarId].includes(x.id)).map((x) => [x.id, x]));
    expect({ ...cases, caseViews: mine(cases.caseViews), slaPolicies: mine(cases.slaPolicies), businessCalendars: mine(cases.businessCalendars) }).toEqual({
      open: { version: west.caseVersion, state: 'NEW', ownerId: null, escalationLevel: 'AGENT', expertId: null, subject: '西区投诉：药盒破损', messages: [], knowledgeArticles: [] },
      resolved: { version: west.resolvedCaseVersion, state: 'RESOLVED', ownerId: west.staffId }, // agent@west.demo
      caseViews: {
        [west.sharedViewId]: { id: west.sharedViewId, version: west.sharedViewVersion, name: '西区共享队列' },
        [west.personalViewId]: expect.objectContaining({ id: west.personalViewId, name: '西区我的队列' }),
      },
      slaPolicies: { [west.slaPolicyId]: { id: west.slaPolicyId, version: west.slaPolicyVersion, name: '西区 VIP 时限' } },
      businessCalendars: { [west.calendarId]: { id: west.calendarId, version: west.calendarVersion, name: '西区工作日历' } },
      caseSettings: west.caseSettings,
      departmentFeedbacks: { nodes: [{ status: 'OPEN', answer: null }] },
    });
  });
});
