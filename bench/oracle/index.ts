// The exact oracle for the opsplan scheduler (README.md beside this file): (a) piece-level
// feasibility, (b) the holder-level fairness optimum, (c) an exact checker of a given schedule.
export { exactFeasible, type FeasibilityResult, type InfeasibleSpan, type OracleOptions } from './feasibility.js'
export { optimalFairness, type FairnessOptimum, type FairnessSolve } from './fairness.js'
export {
  checkSchedule, VIOLATION_KINDS, type CheckOptions, type CheckedSchedule, type HolidayStretch, type ScheduleCheck, type Violation,
  type ViolationKind
} from './check.js'
export type { OracleSchedule, Gap } from './assignment.js'
