/**
 * Every MikroORM entity of the API, in one list (explicit, so discovery never scans folders).
 * Modules add their entities here.
 */
export const entities: Function[] = [];
