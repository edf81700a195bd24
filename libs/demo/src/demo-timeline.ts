import type { Clock } from '#core';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** `date` plus `days` (fractions allowed). */
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** `date` plus `hours`. */
export const addHours = (date: Date, hours: number): Date =>
  new Date(date.getTime() + hours * HOUR_MS);

/** The calendar day of `date` in UTC, `YYYY-MM-DD`. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

interface Step {
  readonly at: Date;
  readonly order: number;
  readonly label: string;
  readonly run: () => Promise<void>;
}

/**
 * The demo's history as steps in time. Each step runs with the application clock set to its
 * moment, oldest first (steps at the same moment in the order they were added), so every
 * service stamps what it does (audit events, due dates, status times) as if it had happened
 * then, and the audit trail reads in order.
 */
export class Timeline {
  private readonly steps: Step[] = [];

  constructor(
    /** The real present: no step may run later. */
    readonly now: Date,
  ) {}

  /** Schedules `run` at `at`; a moment in the future is refused, it would be a bug. */
  add(at: Date, label: string, run: () => Promise<void>): void {
    if (at.getTime() > this.now.getTime()) {
      throw new Error(`The demo step "${label}" is in the future (${at.toISOString()})`);
    }
    this.steps.push({ at, order: this.steps.length, label, run });
  }

  /** The moment of the earliest step. */
  earliest(): Date {
    return new Date(Math.min(...this.steps.map((step) => step.at.getTime())));
  }

  /** Runs every step in time order with `clock` showing the step's moment. */
  async play(clock: MovableClock): Promise<void> {
    const ordered = [...this.steps].sort(
      (a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order,
    );
    for (const step of ordered) {
      clock.set(step.at);
      try {
        await step.run();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Demo step "${step.label}" (${step.at.toISOString()}) failed: ${message}`, {
          cause: error,
        });
      }
    }
  }
}

/**
 * Sets the application clock of the seeding process to a moment in the past, and gives the
 * real clock back afterwards. Only the seed's own application context is affected.
 */
export class MovableClock {
  private readonly own: PropertyDescriptor | undefined;

  constructor(private readonly clock: Clock) {
    this.own = Object.getOwnPropertyDescriptor(clock, 'now');
  }

  set(at: Date): void {
    const time = at.getTime();
    this.clock.now = () => new Date(time);
  }

  restore(): void {
    if (this.own) Object.defineProperty(this.clock, 'now', this.own);
    else delete (this.clock as { now?: unknown }).now;
  }
}
