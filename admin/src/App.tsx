import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import { ThemedLayout, ThemedSider, ThemedTitle, useNotificationProvider } from '@refinedev/antd';
import routerProvider, { CatchAllNavigate } from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import { lazy, Suspense, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useSearchParams } from 'react-router';
import '@refinedev/antd/dist/reset.css';
import './panel.css';
import { accessControlProvider } from './auth/access-control';
import { authProvider } from './auth/auth-provider';
import { PanelHeader } from './components/header';
import { SessionWatcher } from './components/session-watcher';
import { createPanelDataProvider } from './data/data-provider';
import { createPanelLiveProvider } from './data/live-provider';
import { activeExtensions, extensionResources, useEnabledPlugins } from './extensions/use-extensions';
import { antdLocale, createI18nProvider, storedLocale, translate, type Locale } from './i18n';
import { coreResources, AppIcon } from './resources';
import { LoginPage } from './pages/login';

/** Where the panel is opening: the page itself, or the page sign-in will go on to (/login?to=…). */
const openingPath = window.location.pathname === '/login' ? (new URLSearchParams(window.location.search).get('to') ?? '/') : window.location.pathname;

/**
 * Pages load with their route (the sign-in page and the shell come first; each page's code when it is opened).
 * The page the panel opens on (`opensAt`) starts downloading at once, beside the sign-in check, not after the frame has rendered.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K, opensAt?: RegExp) { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (opensAt?.test(openingPath)) void load();
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
// The error pages' pictures (antd Result) are large: they load when one is shown.
const Forbidden = page(() => import('./components/forbidden'), 'Forbidden');
const NotFound = page(() => import('./components/forbidden'), 'NotFound');
const ApiKeyList = page(() => import('./pages/api-keys/list'), 'ApiKeyList');
const AuditLogList = page(() => import('./pages/audit-logs/list'), 'AuditLogList');
const DeadLetterList = page(() => import('./pages/events/dead-letters'), 'DeadLetterList');
const NotificationMessageList = page(() => import('./pages/notifications/messages'), 'NotificationMessageList');
const NotificationTemplatePage = page(() => import('./pages/notifications/templates'), 'NotificationTemplatePage');
const BoardPage = page(() => import('./pages/board/list'), 'BoardPage', /^\/board/);
const BatchList = page(() => import('./pages/inventory/lots'), 'BatchList');
const ProductList = page(() => import('./pages/inventory/products'), 'ProductList');
const StockList = page(() => import('./pages/inventory/stock'), 'StockList', /^\/stock\/?$/);
const StockMoveList = page(() => import('./pages/inventory/moves'), 'StockMoveList');
const WarehouseList = page(() => import('./pages/inventory/warehouses'), 'WarehouseList');
const CaseCreate = page(() => import('./pages/cases/create'), 'CaseCreate');
const CaseList = page(() => import('./pages/cases/list'), 'CaseList', /^\/cases\/?$/);
const CaseShow = page(() => import('./pages/cases/show'), 'CaseShow', /^\/cases\/show\//);
const CustomerCreate = page(() => import('./pages/customers/create'), 'CustomerCreate');
const CustomerEdit = page(() => import('./pages/customers/edit'), 'CustomerEdit');
const CustomerList = page(() => import('./pages/customers/list'), 'CustomerList', /^\/customers\/?$/);
const CustomerShow = page(() => import('./pages/customers/show'), 'CustomerShow', /^\/customers\/show\//);
const DashboardPage = page(() => import('./pages/dashboard'), 'DashboardPage', /^\/$/);
const FranchiseCreate = page(() => import('./pages/franchises/create'), 'FranchiseCreate');
const FranchiseEdit = page(() => import('./pages/franchises/edit'), 'FranchiseEdit');
const FranchiseList = page(() => import('./pages/franchises/list'), 'FranchiseList');
const OrgUnitCreate = page(() => import('./pages/org-units/create'), 'OrgUnitCreate');
const OrgUnitEdit = page(() => import('./pages/org-units/edit'), 'OrgUnitEdit');
const OrgUnitList = page(() => import('./pages/org-units/list'), 'OrgUnitList');
const PluginList = page(() => import('./pages/plugins/list'), 'PluginList');
const PurchaseRequestList = page(() => import('./pages/purchase-requests/list'), 'PurchaseRequestList');
const PurchaseRequestShow = page(() => import('./pages/purchase-requests/show'), 'PurchaseRequestShow');
const RoleCreate = page(() => import('./pages/roles/create'), 'RoleCreate');
const RoleEdit = page(() => import('./pages/roles/edit'), 'RoleEdit');
const RoleList = page(() => import('./pages/roles/list'), 'RoleList');
const SlaPage = page(() => import('./pages/sla/list'), 'SlaPage');
const StocktakeCount = page(() => import('./pages/stocktakes/count'), 'StocktakeCount', /^\/stocktakes\/count\//);
const StocktakeList = page(() => import('./pages/stocktakes/list'), 'StocktakeList');
const StocktakeReview = page(() => import('./pages/stocktakes/review'), 'StocktakeReview');
const RequisitionList = page(() => import('./pages/requisitions/list'), 'RequisitionList');
const RequisitionShow = page(() => import('./pages/requisitions/show'), 'RequisitionShow');
const DestructionList = page(() => import('./pages/destructions/list'), 'DestructionList');
const DestructionShow = page(() => import('./pages/destructions/show'), 'DestructionShow');
const ReturnList = page(() => import('./pages/returns/list'), 'ReturnList', /^\/returns\/?$/);
const ReturnShow = page(() => import('./pages/returns/show'), 'ReturnShow', /^\/returns\/show\//);
const ReturnCreate = page(() => import('./pages/returns/create'), 'ReturnCreate');
const StorageConditions = page(() => import('./pages/storage/list'), 'StorageConditions');
const RecallShow = page(() => import('./pages/recalls/show'), 'RecallShow');
const OrderList = page(() => import('./pages/orders/list'), 'OrderList', /^\/orders\/?$/);
const OrderShow = page(() => import('./pages/orders/show'), 'OrderShow', /^\/orders\/show\//);
const OrderReviewQueue = page(() => import('./pages/orders/queues'), 'OrderReviewQueue');
const ShippingDesk = page(() => import('./pages/orders/queues'), 'ShippingDesk');
const QuickOrder = page(() => import('./pages/orders/quick'), 'QuickOrder');
const OrderKpis = page(() => import('./pages/orders/kpis'), 'OrderKpis');
const AppointmentCalendar = page(() => import('./pages/appointments/calendar'), 'AppointmentCalendar');
const AppointmentList = page(() => import('./pages/appointments/list'), 'AppointmentList', /^\/appointments\/?$/);
const NextDayList = page(() => import('./pages/appointments/list'), 'NextDayList');
const DoctorDirectory = page(() => import('./pages/appointments/doctors'), 'DoctorDirectory');
const CallbackDesk = page(() => import('./pages/callbacks/desk'), 'CallbackDesk', /^\/callbacks\/?$/);
const CallbackRules = page(() => import('./pages/callbacks/rules'), 'CallbackRules');
const JourneyBoard = page(() => import('./pages/journey/board'), 'JourneyBoard');
const PrescribeTestsPage = page(() => import('./pages/journey/prescribe'), 'PrescribeTestsPage');
const TestOrderSheet = page(() => import('./pages/journey/sheet'), 'TestOrderSheet');
const ReportReview = page(() => import('./pages/journey/review'), 'ReportReview');
const SurveyTemplates = page(() => import('./pages/surveys/templates'), 'SurveyTemplates');
const SatisfactionFiguresPage = page(() => import('./pages/surveys/figures'), 'SatisfactionFiguresPage');
const SatisfactionAnalysisList = page(() => import('./pages/surveys/analyses'), 'SatisfactionAnalysisList');
const SatisfactionAnalysisShow = page(() => import('./pages/surveys/analyses'), 'SatisfactionAnalysisShow', /^\/surveys\/analyses\/./);
const ImprovementTracker = page(() => import('./pages/surveys/improvements'), 'ImprovementTracker', /^\/surveys\/improvements/);
const QuarterlyRounds = page(() => import('./pages/surveys/quarterly'), 'QuarterlyRounds', /^\/surveys\/quarterly\/?$/);
const QuarterlyResults = page(() => import('./pages/surveys/quarterly'), 'QuarterlyResults', /^\/surveys\/quarterly\/[^/]+/);
const MyQuarterlySurveys = page(() => import('./pages/surveys/quarterly'), 'MyQuarterlySurveys');
const ThirdPartyProjects = page(() => import('./pages/surveys/third-party'), 'ThirdPartyProjects', /^\/surveys\/third-party\/?$/);
const ThirdPartyReport = page(() => import('./pages/surveys/third-party'), 'ThirdPartyReport', /^\/surveys\/third-party\/[^/]+/);
const QaWorkspace = page(() => import('./pages/quality/workspace'), 'QaWorkspace', /^\/quality\/?$/);
const QaReviewForm = page(() => import('./pages/quality/review-form'), 'QaReviewForm');
const MyQaReviews = page(() => import('./pages/quality/mine'), 'MyQaReviews');
const AppraisalPlans = page(() => import('./pages/quality/appraisals'), 'AppraisalPlans');
const AppraisalCycles = page(() => import('./pages/quality/appraisals'), 'AppraisalCycles');
const MyAppraisals = page(() => import('./pages/quality/appraisals'), 'MyAppraisals');
const CallList = page(() => import('./pages/calls/list'), 'CallList', /^\/calls\/?$/);
const CallKpiBoard = page(() => import('./pages/calls/kpis'), 'CallKpiBoard');
const CallWallPage = page(() => import('./pages/calls/wall'), 'CallWallPage');
const OutboundPlanList = page(() => import('./pages/calls/outbound'), 'OutboundPlanList');
const OutboundPlanShow = page(() => import('./pages/calls/outbound'), 'OutboundPlanShow');
const MyOutboundTasks = page(() => import('./pages/calls/outbound'), 'MyOutboundTasks');
const ReportCenter = page(() => import('./pages/reports/trends'), 'ReportCenter');
const CommonQuestionsPage = page(() => import('./pages/reports/common-questions'), 'CommonQuestionsPage');
const StaffCreate = page(() => import('./pages/staff/create'), 'StaffCreate');
const StaffEdit = page(() => import('./pages/staff/edit'), 'StaffEdit');
const StaffList = page(() => import('./pages/staff/list'), 'StaffList');
const TeamList = page(() => import('./pages/teams/list'), 'TeamList');

const dataProvider = createPanelDataProvider();
const liveProvider = createPanelLiveProvider();

/** A route only for users allowed the resource action; others get the 403 page (the API refuses them anyway). */
function Guard({ resource, action, children }: { resource: string; action: string; children: ReactNode }) {
  return (
    <CanAccess resource={resource} action={action} fallback={<Forbidden />}>
      {children}
    </CanAccess>
  );
}

/** Signed in on the sign-in page: on to the page the sign-in link asked for (`?to=`), else home. */
function SignedIn() {
  const to = useSearchParams()[0].get('to');
  return <Navigate to={to && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/login') ? to : '/'} replace />;
}

export function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const i18nProvider = useMemo(() => createI18nProvider(locale, setLocale), [locale]);
  const t = (key: string) => translate(locale, key);
  const enabledPlugins = useEnabledPlugins();
  const extensions = useMemo(() => activeExtensions(enabledPlugins), [enabledPlugins]);
  const resources = useMemo(
    () => [...coreResources(t), ...extensionResources(extensions).map((r) => ({ ...r, meta: { ...r.meta, label: typeof r.meta?.label === 'string' ? t(r.meta.label) : r.meta?.label } }))],
    [locale, extensions], // eslint-disable-line react-hooks/exhaustive-deps
  );

  return (
    <BrowserRouter>
      <ConfigProvider locale={antdLocale(locale)} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntdApp>
          <Refine
            dataProvider={dataProvider}
            liveProvider={liveProvider}
            routerProvider={routerProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            notificationProvider={useNotificationProvider}
            options={{ liveMode: 'auto', disableTelemetry: true, syncWithLocation: true, warnWhenUnsavedChanges: true, title: { text: 'PharmaDesk', icon: <AppIcon /> } }}
            resources={resources}
          >
            <SessionWatcher />
            <Routes>
              <Route
                element={
                  <Authenticated key="panel" fallback={<CatchAllNavigate to="/login" />}>
                    <ThemedLayout Header={PanelHeader} Sider={(props) => <ThemedSider {...props} fixed />} Title={({ collapsed }) => <ThemedTitle collapsed={collapsed} text="PharmaDesk" icon={<AppIcon />} />}>
                      <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} />}>
                        <Outlet />
                      </Suspense>
                    </ThemedLayout>
                  </Authenticated>
                }
              >
                <Route index element={<DashboardPage extensions={extensions} />} />
                <Route path="/board" element={<Guard resource="board" action="list"><BoardPage /></Guard>} />
                <Route path="/cases">
                  <Route index element={<Guard resource="cases" action="list"><CaseList /></Guard>} />
                  <Route path="create" element={<Guard resource="cases" action="create"><CaseCreate /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="cases" action="show"><CaseShow /></Guard>} />
                </Route>
                <Route path="/orders">
                  <Route index element={<Guard resource="orders" action="list"><OrderList /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="orders" action="show"><OrderShow /></Guard>} />
                  <Route path=":id" element={<Guard resource="orders" action="show"><OrderShow /></Guard>} />
                  <Route path="review" element={<Guard resource="orderReview" action="list"><OrderReviewQueue /></Guard>} />
                  <Route path="shipping" element={<Guard resource="orderShipping" action="list"><ShippingDesk /></Guard>} />
                  <Route path="quick" element={<Guard resource="quickOrder" action="list"><QuickOrder /></Guard>} />
                  <Route path="kpis" element={<Guard resource="orderKpis" action="list"><OrderKpis /></Guard>} />
                </Route>
                <Route path="/appointments">
                  <Route index element={<Guard resource="appointments" action="list"><AppointmentList /></Guard>} />
                  <Route path="calendar" element={<Guard resource="appointmentCalendar" action="list"><AppointmentCalendar /></Guard>} />
                  <Route path="next-day" element={<Guard resource="appointmentNextDay" action="list"><NextDayList /></Guard>} />
                  <Route path="doctors" element={<Guard resource="doctors" action="list"><DoctorDirectory /></Guard>} />
                </Route>
                <Route path="/callbacks">
                  <Route index element={<Guard resource="callbackDesk" action="list"><CallbackDesk /></Guard>} />
                  <Route path="rules" element={<Guard resource="callbackRules" action="list"><CallbackRules /></Guard>} />
                </Route>
                <Route path="/journey">
                  <Route index element={<Guard resource="journeyBoard" action="list"><JourneyBoard /></Guard>} />
                  <Route path="new" element={<Guard resource="journeyBoard" action="create"><PrescribeTestsPage /></Guard>} />
                  <Route path="orders/:id/sheet" element={<Guard resource="journeyBoard" action="list"><TestOrderSheet /></Guard>} />
                  <Route path="review" element={<Guard resource="journeyReview" action="list"><ReportReview /></Guard>} />
                </Route>
                <Route path="/surveys">
                  <Route path="templates" element={<Guard resource="surveyTemplates" action="list"><SurveyTemplates /></Guard>} />
                  <Route path="figures" element={<Guard resource="satisfactionFigures" action="list"><SatisfactionFiguresPage /></Guard>} />
                  <Route path="analyses" element={<Guard resource="satisfactionAnalyses" action="list"><SatisfactionAnalysisList /></Guard>} />
                  <Route path="analyses/:id" element={<Guard resource="satisfactionAnalyses" action="show"><SatisfactionAnalysisShow /></Guard>} />
                  <Route path="improvements" element={<Guard resource="improvementActions" action="list"><ImprovementTracker /></Guard>} />
                  <Route path="quarterly" element={<Guard resource="quarterlyRounds" action="list"><QuarterlyRounds /></Guard>} />
                  <Route path="quarterly/:id" element={<Guard resource="quarterlyRounds" action="list"><QuarterlyResults /></Guard>} />
                  <Route path="my-quarterly" element={<Guard resource="myQuarterly" action="list"><MyQuarterlySurveys /></Guard>} />
                  <Route path="third-party" element={<Guard resource="thirdPartyProjects" action="list"><ThirdPartyProjects /></Guard>} />
                  <Route path="third-party/:id" element={<Guard resource="thirdPartyProjects" action="list"><ThirdPartyReport /></Guard>} />
                </Route>
                <Route path="/quality">
                  <Route index element={<Guard resource="qaWorkspace" action="list"><QaWorkspace /></Guard>} />
                  <Route path="review/:kind/:id" element={<Guard resource="qaWorkspace" action="list"><QaReviewForm /></Guard>} />
                  <Route path="mine" element={<Guard resource="qaMine" action="list"><MyQaReviews /></Guard>} />
                  <Route path="appraisals" element={<Guard resource="appraisalCycles" action="list"><AppraisalCycles /></Guard>} />
                  <Route path="my-appraisals" element={<Guard resource="myAppraisals" action="list"><MyAppraisals /></Guard>} />
                  <Route path="appraisal-plans" element={<Guard resource="appraisalPlans" action="list"><AppraisalPlans /></Guard>} />
                </Route>
                <Route path="/reports">
                  <Route index element={<Guard resource="reports" action="list"><ReportCenter /></Guard>} />
                  <Route path="common-questions" element={<Guard resource="commonQuestions" action="list"><CommonQuestionsPage /></Guard>} />
                </Route>
                <Route path="/calls">
                  <Route index element={<Guard resource="calls" action="list"><CallList /></Guard>} />
                  <Route path="kpis" element={<Guard resource="callKpis" action="list"><CallKpiBoard /></Guard>} />
                  <Route path="wall" element={<Guard resource="callWall" action="list"><CallWallPage /></Guard>} />
                  <Route path="outbound" element={<Guard resource="outboundPlans" action="list"><OutboundPlanList /></Guard>} />
                  <Route path="outbound/mine" element={<Guard resource="outboundMine" action="list"><MyOutboundTasks /></Guard>} />
                  <Route path="outbound/:id" element={<Guard resource="outboundPlans" action="list"><OutboundPlanShow /></Guard>} />
                </Route>
                <Route path="/customers">
                  <Route index element={<Guard resource="customers" action="list"><CustomerList /></Guard>} />
                  <Route path="create" element={<Guard resource="customers" action="create"><CustomerCreate /></Guard>} />
                  <Route path="edit/:id" element={<Guard resource="customers" action="edit"><CustomerEdit /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="customers" action="show"><CustomerShow /></Guard>} />
                </Route>
                <Route path="/franchises">
                  <Route index element={<Guard resource="franchises" action="list"><FranchiseList /></Guard>} />
                  <Route path="create" element={<Guard resource="franchises" action="create"><FranchiseCreate /></Guard>} />
                  <Route path="edit/:id" element={<Guard resource="franchises" action="edit"><FranchiseEdit /></Guard>} />
                </Route>
                <Route path="/org-units">
                  <Route index element={<Guard resource="orgUnits" action="list"><OrgUnitList /></Guard>} />
                  <Route path="create" element={<Guard resource="orgUnits" action="create"><OrgUnitCreate /></Guard>} />
                  <Route path="edit/:id" element={<Guard resource="orgUnits" action="edit"><OrgUnitEdit /></Guard>} />
                </Route>
                <Route path="/teams" element={<Guard resource="teams" action="list"><TeamList /></Guard>} />
                <Route path="/staff">
                  <Route index element={<Guard resource="staffUsers" action="list"><StaffList /></Guard>} />
                  <Route path="create" element={<Guard resource="staffUsers" action="create"><StaffCreate /></Guard>} />
                  <Route path="edit/:id" element={<Guard resource="staffUsers" action="edit"><StaffEdit /></Guard>} />
                </Route>
                <Route path="/roles">
                  <Route index element={<Guard resource="roles" action="list"><RoleList /></Guard>} />
                  <Route path="create" element={<Guard resource="roles" action="create"><RoleCreate /></Guard>} />
                  <Route path="edit/:id" element={<Guard resource="roles" action="edit"><RoleEdit /></Guard>} />
                </Route>
                <Route path="/purchase-requests">
                  <Route index element={<Guard resource="purchaseRequests" action="list"><PurchaseRequestList /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="purchaseRequests" action="show"><PurchaseRequestShow /></Guard>} />
                </Route>
                <Route path="/stocktakes">
                  <Route index element={<Guard resource="stocktakes" action="list"><StocktakeList /></Guard>} />
                  <Route path="count/:id" element={<Guard resource="stocktakes" action="list"><StocktakeCount /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="stocktakes" action="manage"><StocktakeReview /></Guard>} />
                </Route>
                <Route path="/requisitions">
                  <Route index element={<Guard resource="requisitions" action="list"><RequisitionList /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="requisitions" action="show"><RequisitionShow /></Guard>} />
                </Route>
                <Route path="/returns">
                  <Route index element={<Guard resource="returns" action="list"><ReturnList /></Guard>} />
                  <Route path="create" element={<Guard resource="returns" action="create"><ReturnCreate /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="returns" action="show"><ReturnShow /></Guard>} />
                </Route>
                <Route path="/destructions">
                  <Route index element={<Guard resource="destructions" action="list"><DestructionList /></Guard>} />
                  <Route path="show/:id" element={<Guard resource="destructions" action="show"><DestructionShow /></Guard>} />
                </Route>
                <Route path="/storage" element={<Guard resource="storage" action="list"><StorageConditions /></Guard>} />
                <Route path="/recalls/show/:id" element={<Guard resource="recalls" action="show"><RecallShow /></Guard>} />
                <Route path="/api-keys" element={<Guard resource="apiKeys" action="list"><ApiKeyList /></Guard>} />
                <Route path="/audit-logs" element={<Guard resource="auditLogs" action="list"><AuditLogList /></Guard>} />
                <Route path="/sla" element={<Guard resource="sla" action="list"><SlaPage /></Guard>} />
                <Route path="/dead-letters" element={<Guard resource="deadLetters" action="list"><DeadLetterList /></Guard>} />
                <Route path="/notifications/messages" element={<Guard resource="notificationMessages" action="list"><NotificationMessageList /></Guard>} />
                <Route path="/notifications/templates" element={<Guard resource="notificationTemplates" action="list"><NotificationTemplatePage /></Guard>} />
                <Route path="/stock" element={<Guard resource="stockBalances" action="list"><StockList /></Guard>} />
                <Route path="/stock-moves" element={<Guard resource="stockMoves" action="list"><StockMoveList /></Guard>} />
                <Route path="/batches" element={<Guard resource="batches" action="list"><BatchList /></Guard>} />
                <Route path="/products" element={<Guard resource="products" action="list"><ProductList /></Guard>} />
                <Route path="/warehouses" element={<Guard resource="warehouses" action="list"><WarehouseList /></Guard>} />
                <Route path="/plugins" element={<Guard resource="plugins" action="list"><PluginList /></Guard>} />
                {extensions.flatMap((extension) =>
                  (extension.routes ?? []).map((route) => (
                    <Route key={`${extension.plugin}${route.path}`} path={route.path} element={route.permission ? <CanAccess resource={extension.plugin} action="list" params={{ resource: { name: extension.plugin, meta: { permission: route.permission } } }} fallback={<Forbidden />}>{route.element}</CanAccess> : route.element} />
                  )),
                )}
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route
                element={
                  <Authenticated key="auth-pages" fallback={<Outlet />}>
                    <SignedIn />
                  </Authenticated>
                }
              >
                <Route path="/login" element={<LoginPage />} />
              </Route>
            </Routes>
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
