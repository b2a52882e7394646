import type { AuditScenario } from './index';

/** Writes, edits and archives one of the franchise owner's knowledge articles. */
export const knowledgeAuditScenario: AuditScenario = async ({ owner, run }) => {
  const article = await run(owner, 'createOneKnowledgeArticle', `mutation { createOneKnowledgeArticle(input: { knowledgeArticle: { kind: FAQ, title: "审计用文章", body: "门店营业时间说明", tags: ["门店"] } }) { id version } }`);
  await run(owner, 'updateOneKnowledgeArticle', `mutation($id: ID!, $v: Int!) { updateOneKnowledgeArticle(input: { id: $id, version: $v, update: { body: "门店营业时间：8:00–22:00" } }) { id } }`, { id: article.id, v: article.version });
  await run(owner, 'deleteOneKnowledgeArticle', `mutation($id: ID!) { deleteOneKnowledgeArticle(input: { id: $id }) { id status } }`, { id: article.id });
};
