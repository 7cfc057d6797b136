import { type Compilable, type CompiledQuery, type RawBuilder, sql } from 'kysely';

/** Stands for a value taken from each run's arguments; compiles to an ordinary bind parameter. */
class Slot<Values> {
  constructor(readonly read: (values: Values) => unknown) {}
}

export type SlotFn<Values> = <K extends keyof Values>(name: K) => RawBuilder<Values[K]>;

/**
 * Builds and compiles a query once, then runs it with new values each time. On the hot paths,
 * building and compiling a Kysely query costs several times what SQLite needs to run it. The SQL
 * is still the dialect's own, so this is as portable as building the query afresh.
 */
export function prepare<Values, Row>(
  build: (slot: SlotFn<Values>) => Compilable<Row>,
): (values: Values) => CompiledQuery<Row> {
  const compiled = build((name) => sql`${new Slot<Values>((values) => values[name])}`).compile();
  return (values) => ({
    ...compiled,
    parameters: compiled.parameters.map((parameter) => (parameter instanceof Slot ? parameter.read(values) : parameter)),
  });
}
