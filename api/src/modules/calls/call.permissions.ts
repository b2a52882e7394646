import { definePermissions } from '../../core/auth/permissions';

export const CallPermission = definePermissions([
  {
    name: 'call:read',
    group: 'Calls',
    description: 'See the call log of one’s part of the organisation (numbers, agents, times, recordings).',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:log',
    group: 'Calls',
    description: 'Log calls by hand and edit a call’s customer, disposition, note and links.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:ingest',
    group: 'Calls',
    description: 'Post call events from a telephony system (for partner API keys).',
    grantedTo: ['franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:review',
    group: 'Calls',
    description: 'Mark a call for a quality review (supervisors, the quality team).',
    grantedTo: ['supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:monitor',
    group: 'Calls',
    description: 'Watch the live call wall of one’s part of the organisation: calls waiting and in progress, each agent’s state and day.',
    grantedTo: ['supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:report',
    group: 'Calls',
    description: 'See the call-center KPIs (answer rate, talk and handle time) of one’s part of the organisation.',
    grantedTo: ['supervisor', 'store_director', 'qa_analyst', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'call:settings',
    group: 'Calls',
    description: 'Set the franchise’s call-center KPI targets and short-abandon threshold.',
    grantedTo: ['supervisor', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'outbound:manage',
    group: 'Calls',
    description: 'Make outbound call plans (surveys, sales, relationship care) for agents and follow their progress.',
    grantedTo: ['supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
  {
    name: 'outbound:work',
    group: 'Calls',
    description: 'See and work one’s outbound call tasks: call, record the outcome, set a follow-up.',
    grantedTo: ['agent', 'health_manager', 'supervisor', 'store_director', 'franchise_owner', 'hq_admin'],
  },
] as const);
