declare module 'virtual:pharmadesk-operations' {
  /** Named operations of schema/operations: the text sent (with its fragments) and the operation kind. */
  const operations: Record<string, { text: string; kind: 'query' | 'mutation' | 'subscription' }>;
  export default operations;
}
