import type { AuditScenario } from './index';

/** HQ opens vip-care to east's owner, who changes its options, turns it off and on again. */
export const pluginsAuditScenario: AuditScenario = async ({ hq, owner, run }) => {
  const me = await owner.graphql<{ me: { user: { franchiseId: string } } }>('{ me { user { franchiseId } } }');
  const franchiseId = me.body.data!.me.user.franchiseId;
  const access = await run(hq, 'setPluginOwnerAccess', `mutation($f: ID!) { setPluginOwnerAccess(input: { franchiseId: $f, plugin: "vip-care", ownerMayManage: true }) { version } }`, { f: franchiseId });
  await run(owner, 'updatePluginOptions', `mutation($f: ID!, $v: Int!) { updatePluginOptions(input: { franchiseId: $f, plugin: "vip-care", options: { firstResponseMinutes: 8 }, version: $v }) { version } }`, { f: franchiseId, v: access.version });
  await run(owner, 'disablePlugin', `mutation($f: ID!) { disablePlugin(input: { franchiseId: $f, plugin: "vip-care" }) { enabled } }`, { f: franchiseId });
  await run(owner, 'enablePlugin', `mutation($f: ID!) { enablePlugin(input: { franchiseId: $f, plugin: "vip-care" }) { enabled } }`, { f: franchiseId });
};
