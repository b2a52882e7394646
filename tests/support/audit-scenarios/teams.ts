import type { AuditScenario } from './index';

/** Teams: the owner forms a team in their service center and renames it. */
export const teamsAuditScenario: AuditScenario = async ({ owner, run }) => {
  const units = await owner.graphql<{ orgUnits: { nodes: { id: string; kind: string }[] } }>('{ orgUnits(paging: { limit: 100 }) { nodes { id kind } } }');
  const department = units.body.data!.orgUnits.nodes.find((u) => u.kind === 'DEPARTMENT')!;
  const made = (await run(owner, 'createOneTeam', 'mutation($u: ID!) { createOneTeam(team: { orgUnitId: $u, name: "审计组" }) { id version } }', { u: department.id })) as { id: string; version: number };
  await run(owner, 'updateOneTeam', 'mutation($i: UpdateOneTeamInput!) { updateOneTeam(input: $i) { id } }', { i: { id: made.id, version: made.version, update: { name: '审计二组' } } });
};
