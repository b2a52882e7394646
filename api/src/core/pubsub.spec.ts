import { createPubSub, MAX_PENDING_EVENTS } from './pubsub';

describe('the in-process event bus', () => {
  it('holds a burst published before the subscriber runs (the relay catch-up after an outage), in order', async () => {
    const bus = createPubSub();
    const events = bus.subscribe('cases.changed');
    bus.deliver(Array.from({ length: 5_000 }, (_, i) => ({ position: i + 1, topic: 'cases.changed', payload: { n: i } })));
    const seen: number[] = [];
    for (let i = 0; i < 5_000; i++) seen.push(((await events.next()).value as { n: number }).n);
    expect(seen).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    await events.return?.();
  });

  it('ends a subscriber that falls too far behind with an error, after what it already had; others are unaffected', async () => {
    const bus = createPubSub();
    const slow = bus.subscribe('cases.changed');
    const other = bus.subscribe('customers.changed');
    for (let i = 0; i <= MAX_PENDING_EVENTS; i++) bus.publish('cases.changed', { n: i });
    bus.publish('customers.changed', { id: 'c1', franchiseId: 'f1', change: 'created' });
    let read = 0;
    await expect(
      (async () => {
        for (;;) if ((await slow.next()).done) return;
        else read++;
      })(),
    ).rejects.toThrow(/fell more than 20000 events behind/);
    expect(read).toBe(MAX_PENDING_EVENTS);
    expect((await other.next()).value).toEqual({ id: 'c1', franchiseId: 'f1', change: 'created' });
    await other.return?.();
  });

  it('stops delivering once the subscriber returns, and a waiting read ends', async () => {
    const bus = createPubSub();
    const events = bus.subscribe('cases.changed');
    const pending = events.next();
    await events.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    bus.publish('cases.changed', { n: 1 });
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });
});
