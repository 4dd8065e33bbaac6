/**
 * Type tests (checked by `tsc --noEmit`, never run): the controller machine's types know its own
 * states, events, guards and actions, so a wrong name does not compile (issue 10: the config no
 * longer ends with `as never`, which switched that checking off). Each `@ts-expect-error` line
 * must be an error; if one stops being an error, tsc reports the directive as unused.
 */
import { createActor } from 'xstate';
import { controllerMachine, type ControllerSnapshot } from '../../engine/machine/controller.ts';

declare const snapshot: ControllerSnapshot;

// States: the config's structure reaches the snapshot's type. With the config cast `as never`
// the state value type is `never` and the first, valid line stops compiling; so these lines also
// guard against the cast coming back.
snapshot.matches('idle');
snapshot.matches({ reconciling: 'nextIsvc' });
// @ts-expect-error a state the machine does not have
snapshot.matches('idel');
// @ts-expect-error a child state under the wrong parent
snapshot.matches({ settling: 'nextIsvc' });

// Events: only ControllerEvent shapes can be sent.
const actor = createActor(controllerMachine, { input: { tag: 'v0.15.2', options: { apiServerDefaulting: true, defaultDeploymentMode: 'Serverless' } } });
actor.send({ type: 'pod.created', isvc: null });
actor.send({ type: 'controller.upgraded', tag: null });
// @ts-expect-error an event type the machine does not take
actor.send({ type: 'pod.create', isvc: null });
// @ts-expect-error a targeted event needs its target (null for "the only one")
actor.send({ type: 'pod.created' });

// Input: the release and options are required.
// @ts-expect-error input without options
createActor(controllerMachine, { input: { tag: 'v0.15.2' } });

// Implementations: provide() accepts only the guard and action names the machine was set up with.
controllerMachine.provide({ guards: { queued: () => true }, actions: { beginStep: () => {} } });
// @ts-expect-error a guard name the machine does not have
controllerMachine.provide({ guards: { queueed: () => true } });
// @ts-expect-error an action name the machine does not have
controllerMachine.provide({ actions: { beginStepp: () => {} } });
