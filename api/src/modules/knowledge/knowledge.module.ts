import { defineModule } from '../../core/modules/module';
import { CaseArticleLink, KnowledgeArticle } from './knowledge.entity';
import { knowledgeEventTypes } from './knowledge.events';
import { KnowledgePermission } from './knowledge.permissions';
import { KnowledgeResolver } from './knowledge.resolver';

export const knowledgeModule = defineModule({
  name: 'knowledge',
  entities: [KnowledgeArticle, CaseArticleLink],
  resolvers: [KnowledgeResolver],
  permissions: [KnowledgePermission],
  events: knowledgeEventTypes,
});
