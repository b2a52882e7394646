import { SystemResolver } from './modules/system/system.resolver';

/** Every resolver class of the API. Modules add theirs here. */
export const resolvers = [SystemResolver] as const;
