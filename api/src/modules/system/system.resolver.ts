import { Args, Ctx, Extensions, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import { getServerInfo, serverClock } from './system.service';
import { ServerInfo, ServerTime, ServerTimeArgs } from './system.types';

@Resolver()
export class SystemResolver {
  @Query(() => ServerInfo)
  serverInfo(@Ctx() ctx: RequestContext): Promise<ServerInfo> {
    return getServerInfo(ctx);
  }

  @Extensions({ anonymous: true }) // carries nothing private: open to sockets without credentials
  @Subscription(() => ServerTime, {
    description: 'Server time every intervalSeconds; lets live views keep SLA clocks in step with the server.',
    subscribe: ({ args }) => serverClock((args as ServerTimeArgs).intervalSeconds),
  })
  serverTime(@Root() tick: ServerTime, @Args() _args: ServerTimeArgs): ServerTime {
    return tick;
  }
}
