import { defineModule } from '../../core/modules/module';
import { Team } from './team.entity';
import { TeamResolver } from './team.resolver';

/**
 * Teams (班组) of agents under a store or the call center: reports and call KPIs group by them
 * (a team's figures are its members'); managed with the org permissions.
 */
export const teamsModule = defineModule({
  name: 'teams',
  entities: [Team],
  resolvers: [TeamResolver],
});
