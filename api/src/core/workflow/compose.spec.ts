import { composeWorkflow, type WorkflowExtension } from './compose';
import type { WorkflowDefinition } from './workflow';

const base: WorkflowDefinition<{ n: number }> = {
  name: 'w',
  label: 'w',
  initial: 'A',
  states: [
    { name: 'A', label: 'A', stage: 'OPEN' },
    { name: 'B', label: 'B', stage: 'OPEN' },
  ],
  transitions: [{ action: 'go', label: 'go', from: ['A'], to: 'B' }],
};

describe('composing workflow extensions', () => {
  it('adds states and transitions and binds each plugin’s options to its guards', async () => {
    const ext: WorkflowExtension<{ n: number }, { max: number }> = {
      extends: 'w',
      states: [{ name: 'C', label: 'C', stage: 'OPEN' }],
      transitions: [{ action: 'detour', label: 'detour', from: ['A'], to: 'C' }],
      amend: [{ action: 'go', guards: [(run, o) => (run.record.n > o.max ? 'too big' : null)], branches: [{ to: 'C', when: (run) => run.record.n === 0 }] }],
    };
    const { definition, conflicts } = composeWorkflow(base, [{ plugin: 'p', extension: ext, options: { max: 3 } }]);
    expect(conflicts).toEqual([]);
    expect(definition.states.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    const go = definition.transitions.find((t) => t.action === 'go')!;
    expect(await go.guards![0]!({ record: { n: 5 } } as never)).toBe('too big');
    expect(base.transitions[0]!.guards).toBeUndefined(); // the base is never changed
  });

  it('reports collisions between plugins instead of picking one', () => {
    const one: WorkflowExtension = { extends: 'w', states: [{ name: 'C', label: 'C', stage: 'OPEN' }], amend: [{ action: 'go', branches: [{ to: 'C', when: () => true }] }] };
    const two: WorkflowExtension = { extends: 'w', states: [{ name: 'C', label: 'C2', stage: 'OPEN' }], amend: [{ action: 'go', branches: [{ to: 'B', when: () => true }] }], transitions: [{ action: 'go', label: 'again', from: ['A'], to: 'B' }] };
    const { conflicts } = composeWorkflow(base, [{ plugin: 'one', extension: one, options: {} }, { plugin: 'two', extension: two, options: {} }]);
    expect(conflicts).toEqual([
      'two adds state C to workflow w, which one already defines',
      'two adds the go transition to workflow w, which core already defines from A',
      'two and one both change where go of workflow w ends',
    ]);
  });
});
