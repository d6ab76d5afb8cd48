export {
  defaultWorkingTimeConfig,
  resolveWorkingTimeConfig,
  parseHhmm,
  type IsoWeekday,
  type LiberationDayRule,
  type OfficeHours,
  type WorkingTimeConfig,
  type WorkingTimeConfigInput,
} from './config';
export { WorkingCalendar, type LocalDay } from './calendar';
export { addCalendarDays, calendarDaysBetween, isLocalDay, isoWeekdayOf } from './localDay';
export {
  FULL_ANSWER_WORKING_DAYS,
  callbackDeadline,
  deadlineState,
  promiseTerms,
  withinWorkingDays,
  type DeadlineState,
  type PromiseKind,
  type PromiseTerms,
} from './deadlines';
export { formatDay, formatDeadline, formatMoment, formatTime, formatTimeLeft } from './wording';
