import { performance } from 'node:perf_hooks'
import { buildSchedule } from '../src/core/schedule/index.js'
import { syntheticPlan } from '../bench/synthetic.js'
const kind = (process.argv[2] ?? 'steady') as 'steady' | 'moves'
const c = syntheticPlan(200, 'daily', undefined, kind)
for (let i = 0; i < 7; i++) {
  const t0 = performance.now()
  buildSchedule(c.plan, { today: c.today })
  console.log(kind, i, (performance.now() - t0).toFixed(0))
}
