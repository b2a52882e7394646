import { defineModule } from '../../core/modules/module';
import { ApiKey, ApiKeyUsage } from './api-key.entity';
import { ApiKeyPermission } from './api-key.permissions';
import { ApiKeyResolver } from './api-key.resolver';

export const apiKeysModule = defineModule({
  name: 'api-keys',
  entities: [ApiKey, ApiKeyUsage],
  resolvers: [ApiKeyResolver],
  permissions: [ApiKeyPermission],
});
