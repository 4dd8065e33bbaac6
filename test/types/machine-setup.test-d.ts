/**
 * Type tests for the controller's `setup()` (issue 10): a machine config built with it must name
 * existing guards and actions with the right params, or it does not compile. This needs
 * `export const machineSetup` in engine/machine/controller.ts (requested from the engine's owner).
 * Each `@ts-expect-error` line must be an error; tsc reports the directive if one stops being one.
 */
import { machineSetup, type ControllerContext } from '../../engine/machine/controller.ts';

const context = {} as ControllerContext;

// The real names, with their params, compile.
machineSetup.createMachine({
  context,
  initial: 'a',
  states: {
    a: { always: [{ guard: 'queued', target: 'b', actions: 'takeIsvc' }, { target: 'b' }] },
    b: { always: { guard: { type: 'outcomeIs', params: { value: 'true' } }, target: 'a', actions: { type: 'runCheck', params: { node: 'lookup' } } } },
  },
});

machineSetup.createMachine({
  context,
  initial: 'a',
  // @ts-expect-error a guard name setup() does not define
  states: { a: { always: { guard: 'queud', target: 'a' } } },
});

machineSetup.createMachine({
  context,
  initial: 'a',
  // @ts-expect-error an action name setup() does not define
  states: { a: { entry: 'takeIsv' } },
});

machineSetup.createMachine({
  context,
  initial: 'a',
  // @ts-expect-error outcomeIs takes { value: string }
  states: { a: { always: { guard: { type: 'outcomeIs', params: { value: 1 } }, target: 'a' } } },
});

machineSetup.createMachine({
  context,
  initial: 'a',
  // @ts-expect-error runCheck takes a node of the decision graph
  states: { a: { entry: { type: 'runCheck', params: { node: 'nowhere' } } } },
});
