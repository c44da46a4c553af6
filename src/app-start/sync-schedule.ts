/** The cron schedule of the server's own sync: its time zone and the check of a pattern (no timers). */
import { Cron } from 'croner';

/** Kolada is Swedish and so are its users: "03:17" means Swedish time, wherever the server's clock is set. */
export const SCHEDULE_TIMEZONE = 'Europe/Stockholm';

/** A paused schedule (it never fires): for next/previous slots. `null` for "off". */
export function parseSchedule(schedule: string): Cron | null {
  return schedule === 'off' ? null : new Cron(schedule, { timezone: SCHEDULE_TIMEZONE, paused: true });
}

/** Throws croner's readable error for a pattern it does not accept. */
export function checkSchedule(schedule: string): void {
  parseSchedule(schedule)?.stop();
}
