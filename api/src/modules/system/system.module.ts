import { defineModule } from '../../core/modules/module';
import { SystemResolver } from './system.resolver';

export const systemModule = defineModule({
  name: 'system',
  resolvers: [SystemResolver],
});
