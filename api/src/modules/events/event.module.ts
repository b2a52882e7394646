import { defineModule } from '../../core/modules/module';
import { pruneOutboxJob } from '../../core/events/prune';
import { EventPermission } from './event.permissions';
import { EventReactionResolver } from './event.resolver';

/** The platform's event plumbing as people see it: the dead-letter list and outbox pruning. */
export const eventsModule = defineModule({
  name: 'events',
  resolvers: [EventReactionResolver],
  permissions: [EventPermission],
  jobs: [pruneOutboxJob],
});
