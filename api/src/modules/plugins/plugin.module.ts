import { defineModule } from '../../core/modules/module';
import { PluginResolver } from './plugin.resolver';

/** Administering plugins per franchise (the host itself is core). */
export const pluginsModule = defineModule({
  name: 'plugins',
  resolvers: [PluginResolver],
});
