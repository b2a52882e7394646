import { defineModule } from '../../core/modules/module';
import { SatisfactionRequest } from './satisfaction-request.entity';

export const surveysModule = defineModule({
  name: 'surveys',
  entities: [SatisfactionRequest],
});
