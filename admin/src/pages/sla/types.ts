/** Shapes of schema/operations/sla.graphql. */
export interface SlaTarget {
  types: string[] | null;
  priorities: string[] | null;
  channels: string[] | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  resolutionWorkingDays: number | null;
  verificationWorkingDays: number | null;
  calendarHours: boolean;
}

export interface SlaPolicy {
  id: string;
  name: string;
  isDefault: boolean;
  queue: string | null;
  calendarId: string;
  warningThreshold: number;
  autoEscalateOnBreach: boolean;
  targets: SlaTarget[];
  version: number;
}

export interface Period {
  start: string;
  end: string;
}

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  holidays: string[];
  workingDays: { weekday: number; periods: Period[] }[];
  extraWorkdays: { date: string }[];
  version: number;
}

export type ExtraWorkday = { date: string; periods: Period[] | null };

export const CASE_TYPES = ['CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'AFTER_SALES', 'ORDER_INQUIRY', 'SUGGESTION', 'PRAISE'];
export const CASE_PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
export const CASE_CHANNELS = ['PHONE', 'ONLINE_CHAT', 'EMAIL', 'IN_STORE', 'APP', 'WECHAT', 'SMS'];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
