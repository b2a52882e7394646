import { defineModule } from '../../core/modules/module';
import { CaseArticleLink, KnowledgeArticle } from './knowledge.entity';
import { KnowledgePermission } from './knowledge.permissions';
import { KnowledgeResolver } from './knowledge.resolver';

export const knowledgeModule = defineModule({
  name: 'knowledge',
  entities: [KnowledgeArticle, CaseArticleLink],
  resolvers: [KnowledgeResolver],
  permissions: [KnowledgePermission],
});
