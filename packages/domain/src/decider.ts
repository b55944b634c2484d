/**
 * The shape of every workflow (functional event sourcing): pure, total, no I/O, no clock.
 * A service runs a command as: load stream → fold → decide → append with the expected version.
 */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** The state after `events`, starting from the decider's initial state. */
export const fold = <Command, State, Event>(
  decider: Pick<Decider<Command, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState);
