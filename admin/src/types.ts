/** Shapes of what the panel's operations return (schema/operations). */
export interface BoardCase {
  id: string;
  caseNo: string;
  subject: string;
  type: string;
  channel: string;
  priority: string;
  isVip: boolean;
  stage: string;
  state: string;
  stateLabel: string;
  queue: string;
  workflow: string;
  slaStatus: string;
  slaDueAt: string | null;
  ownerId: string | null;
  owner: { id: string; displayName: string } | null;
  customer: { id: string; name: string } | null;
  createdAt: string;
  lastActivityAt: string;
  version: number;
}

export interface CaseView {
  id: string;
  name: string;
  ownerId: string | null;
  filter: Record<string, unknown>;
  sorting: unknown[];
  version: number;
}

export interface Presence {
  staffUserId: string;
  availability: string;
  openCases: number;
  capacity: number;
  lastSeenAt: string;
  staffUser: { id: string; displayName: string } | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
}
