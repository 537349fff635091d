import { createHash } from 'node:crypto'
import { buildSchedule } from '../src/core/schedule/index.js'
import { updateLock } from '../src/core/schedule/lock.js'
import { syntheticCases } from './synthetic.js'
import { addDays } from '../src/core/schedule/calendar.js'
const only = process.argv[2]
for (const c of syntheticCases()) {
  if (only && !c.name.includes(only)) continue
  const s = buildSchedule(c.plan, { today: c.today })
  const later = addDays(c.today, 63)
  const leave = { member: c.plan.oncall.rotations[0]!.members[0]!, from: addDays(c.today, 90), to: addDays(c.today, 96), reason: 'x' }
  const s2 = buildSchedule({ ...c.plan, leave: [...c.plan.leave, leave] }, { today: later, lock: updateLock(s, undefined, later) })
  const h = createHash('sha256').update(JSON.stringify(s)).update(JSON.stringify(s2)).digest('hex').slice(0, 16)
  console.log(c.name.padEnd(50), h)
}
