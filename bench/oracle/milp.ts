// A small sparse MILP builder over HiGHS (npm `highs`, WebAssembly). The runtime is loaded once per
// process; every solve gets a fresh model that is disposed afterwards, with a time limit and a
// fixed seed on the single-threaded WebAssembly build, so the same model gives the same answer.
import * as highsModule from 'highs'
import type { Highs, ModelStatusCode } from 'highs'

type Loader = () => Promise<Highs>

/**
 * The package is CommonJS with an ES-module build: Node's `import` gets the loader as the default
 * export, while TypeScript reads the CommonJS typings (default nested one level down). Unwrap
 * whatever `default`s there are.
 */
function loaderOf(module: unknown): Loader {
  let x = module
  while (typeof x !== 'function' && x !== null && typeof x === 'object' && 'default' in x) x = (x as { default: unknown }).default
  return x as Loader
}

let runtime: Promise<Highs> | undefined

/** The HiGHS runtime, loaded on first use (compiling the WebAssembly takes a fraction of a second). */
export function highs(): Promise<Highs> {
  runtime ??= loaderOf(highsModule)()
  return runtime
}

/**
 * Optimality is proven to within this absolute gap of the objective, unless a solve asks for another.
 * For (a) that is exact: unstaffed hours come in whole minutes (1/60 h), more than the gap apart.
 */
export const ABSOLUTE_GAP = 0.005

export type MilpStatus = 'optimal' | 'infeasible' | 'time-limit' | 'error'

export interface MilpResult {
  status: MilpStatus
  /** Column values of the best solution found, when there is one (optimal, or an incumbent at the limit). */
  values?: Float64Array
  objective?: number
  /** The proven lower bound on the objective (equals `objective` at optimality). */
  bound?: number
}

export interface MilpOptions {
  /** Seconds HiGHS may run before it returns its best solution so far. */
  timeLimitSeconds: number
  /** A feasible starting solution (all columns), e.g. from an earlier solve of a related model. */
  start?: Float64Array
  /** Stop once the best solution is proven within this of the optimum (default {@link ABSOLUTE_GAP}). */
  absoluteGap?: number
}

/** Minimise cᵀx subject to row bounds, column bounds and integrality; rows are added term by term. */
export class Milp {
  private readonly cost: number[] = []
  private readonly lower: number[] = []
  private readonly upper: number[] = []
  private readonly integer: Array<0 | 1> = []
  private readonly starts: number[] = [0]
  private readonly indices: number[] = []
  private readonly coefs: number[] = []
  private readonly rowLower: number[] = []
  private readonly rowUpper: number[] = []

  get columns(): number {
    return this.cost.length
  }

  get rows(): number {
    return this.rowLower.length
  }

  addColumn(lower: number, upper: number, cost: number, integer: boolean): number {
    this.cost.push(cost)
    this.lower.push(lower)
    this.upper.push(upper)
    this.integer.push(integer ? 1 : 0)
    return this.cost.length - 1
  }

  /** Changes a column's objective coefficient. */
  setCost(col: number, cost: number): void {
    this.cost[col] = cost
  }

  binary(cost = 0): number {
    return this.addColumn(0, 1, cost, true)
  }

  /** lower ≤ Σ coef·x ≤ upper; repeated columns are summed (HiGHS refuses duplicates in a row). */
  addRow(lower: number, upper: number, terms: ReadonlyArray<readonly [number, number]>): void {
    const merged = new Map<number, number>()
    for (const [col, coef] of terms) merged.set(col, (merged.get(col) ?? 0) + coef)
    for (const [col, coef] of merged) {
      if (coef === 0) continue
      this.indices.push(col)
      this.coefs.push(coef)
    }
    this.starts.push(this.indices.length)
    this.rowLower.push(lower)
    this.rowUpper.push(upper)
  }

  async solve(options: MilpOptions): Promise<MilpResult> {
    const h = await highs()
    const inf = (x: number): number => (x === Number.POSITIVE_INFINITY ? h.infinity : x === Number.NEGATIVE_INFINITY ? -h.infinity : x)
    const model = h.createModel({
      numCols: this.columns,
      numRows: this.rows,
      colCost: this.cost,
      colLower: this.lower.map(inf),
      colUpper: this.upper.map(inf),
      rowLower: this.rowLower.map(inf),
      rowUpper: this.rowUpper.map(inf),
      matrix: { format: 'csr', numRows: this.rows, numCols: this.columns, starts: this.starts, indices: this.indices, values: this.coefs },
      integrality: this.integer.some((i) => i === 1) ? this.integer : undefined
    })
    try {
      model.options.set({
        output_flag: false,
        time_limit: options.timeLimitSeconds,
        random_seed: 0,
        mip_rel_gap: 0,
        mip_abs_gap: options.absoluteGap ?? ABSOLUTE_GAP
      })
      if (options.start) model.setSolution({ colValue: options.start })
      let status: ModelStatusCode
      try {
        status = model.run().modelStatus
      } catch (error) {
        // HiGHS can fail on a model (a HighsError, status -1): that solve has no answer, the
        // benchmark goes on with the next plan
        if (error instanceof Error && error.name === 'HighsError') return { status: 'error' }
        throw error
      }
      return readResult(status, model)
    } finally {
      model.dispose()
    }
  }
}

const optional = (bound: number | undefined): { bound?: number } => (bound === undefined ? {} : { bound })

function readResult(status: ModelStatusCode, model: { info: { get(name: string): number | bigint }; getSolution(): { colValue: Float64Array }; getObjectiveValue(): number }): MilpResult {
  const hasSolution = Number(model.info.get('primal_solution_status')) === 2
  const solution = hasSolution ? { values: model.getSolution().colValue, objective: model.getObjectiveValue() } : {}
  const bound = (): number | undefined => {
    const b = Number(model.info.get('mip_dual_bound'))
    return Number.isFinite(b) ? b : undefined
  }
  // 7 optimal, 8 infeasible, 13 time limit (see ModelStatusCode in highs' types.d.ts)
  if (status === 7) return { status: 'optimal', ...solution, ...optional(bound()) }
  if (status === 8) return { status: 'infeasible' }
  if (status === 13) return { status: 'time-limit', ...solution, ...optional(bound()) }
  return { status: 'error', ...solution }
}
