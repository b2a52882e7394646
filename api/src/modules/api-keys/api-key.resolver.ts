import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { selectionOf } from '../../core/read/selection';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { ApiKey } from './api-key.entity';
import { ApiKeyPermission } from './api-key.permissions';
import * as keys from './api-key.service';
import { ApiKeyConnection, ApiKeyFilter, ApiKeySort, CreateApiKeyInput, IssuedApiKey, RotateApiKeyInput } from './api-key.types';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(ApiKeyPermission['apikey:manage'])
  @Query(() => ApiKeyConnection)
  apiKeys(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ApiKeyFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [ApiKeySort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return keys.listApiKeys(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(ApiKeyPermission['apikey:manage'])
  @Query(() => ApiKey, { nullable: true })
  apiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return keys.findApiKey(ctx, id);
  }

  @Authorized(ApiKeyPermission['apikey:manage'])
  @Mutation(() => IssuedApiKey, { description: 'A partner API key with a subset of your permissions; the secret is shown once.' })
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: CreateApiKeyInput) {
    return keys.createApiKey(ctx, input);
  }

  @Authorized(ApiKeyPermission['apikey:manage'])
  @Mutation(() => IssuedApiKey, { description: 'A new secret for the key; the old secret stops working (after the grace period, if any).' })
  rotateApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: RotateApiKeyInput) {
    return keys.rotateApiKey(ctx, input);
  }

  @Authorized(ApiKeyPermission['apikey:manage'])
  @Mutation(() => ApiKey, { description: 'Stop the key working from the next request.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return keys.revokeApiKey(ctx, id);
  }
}
