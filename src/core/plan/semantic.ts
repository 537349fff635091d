// Checks the schema cannot express: ids are unique and every reference resolves. Runs on the
// plain data even when the schema found problems, so a plan's mistakes are all reported at once.
import type { Locator, PlanPath, Problem } from '../types.js'
import { didYouMean, pathLabel } from './problem.js'
import { field, Findings, isRaw, list, listing, text } from './raw.js'
import { checkValues } from './values.js'

export const CONTACT_ROLES = ['oncall:primary', 'oncall:secondary', 'owner:primary', 'owner:secondary'] as const
const ROLES = ['primary', 'secondary']

interface Known {
  team: Set<string>
  stakeholders: Set<string>
  pipelines: Set<string>
  /** Rotation id → its members and roles, with the defaults of SPEC section 2 applied. */
  rotations: Map<string, { members: string[]; roles: string[] }>
}

export function semanticProblems(data: unknown, locate: Locator): Problem[] {
  const findings = new Findings(locate)
  const known = collectIds(data, findings)
  checkPipelines(data, known, findings)
  checkRotationsAndSwaps(data, known, findings)
  for (const [i, entry] of list(field(data, 'leave')).entries()) {
    checkRef(field(entry, 'member'), ['leave', i, 'member'], known.team, 'a team member', 'team', findings)
  }
  checkContacts(data, known, findings)
  checkRenames(data, ['team'], known.team, 'member', findings)
  checkRenames(data, ['oncall', 'rotations'], new Set(known.rotations.keys()), 'rotation', findings)
  checkValues(data, findings)
  return findings.problems
}

/** Ids of each kind; a repeated id is reported where it repeats. */
function collectIds(data: unknown, findings: Findings): Known {
  const ids = (path: PlanPath, noun: string): Set<string> => {
    const seen = new Map<string, number>()
    let items: unknown = data
    for (const segment of path) items = field(items, String(segment))
    for (const [i, item] of list(items).entries()) {
      const id = text(field(item, 'id'))
      if (id === undefined) continue
      const first = seen.get(id)
      if (first === undefined) seen.set(id, i)
      else findings.add('plan.reference', `${pathLabel([...path, i, 'id'])} '${id}' is already the id of ` +
        `${pathLabel([...path, first])}: give each ${noun} its own id`, [...path, i, 'id'])
    }
    return new Set(seen.keys())
  }
  const team = ids(['team'], 'member')
  for (const [i, item] of list(field(data, 'team')).entries()) {
    // Member ids name calendar files, and `team.ics` is the whole team's feed.
    if (text(field(item, 'id')) === 'team') {
      findings.add('plan.value', `team[${i}].id 'team' is reserved: calendars/team.ics is the whole team's ` +
        'feed, so give this member another id', ['team', i, 'id'])
    }
  }
  const stakeholders = ids(['stakeholders'], 'stakeholder')
  const pipelines = ids(['pipelines'], 'pipeline')
  const rotationIds = ids(['oncall', 'rotations'], 'rotation')
  for (const [i, item] of list(field(data, 'stakeholders')).entries()) {
    const id = text(field(item, 'id'))
    if (id !== undefined && team.has(id)) {
      findings.add('plan.reference', `stakeholders[${i}].id '${id}' is also a team member's id: ` +
        'references could not tell them apart, so rename one of them', ['stakeholders', i, 'id'])
    }
  }
  const rotations = new Map<string, { members: string[]; roles: string[] }>()
  const given = field(field(data, 'oncall'), 'rotations')
  if (given === undefined) rotations.set('main', { members: [...team], roles: ROLES })
  for (const item of list(given)) {
    const id = text(field(item, 'id'))
    if (id === undefined || !rotationIds.has(id) || rotations.has(id)) continue
    const members = field(item, 'members')
    const roles = field(item, 'roles')
    rotations.set(id, {
      members: Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : [...team],
      roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : ROLES
    })
  }
  return { team, stakeholders, pipelines, rotations }
}

function checkRef(value: unknown, path: PlanPath, ids: Set<string>, noun: string, kind: string, findings: Findings): boolean {
  if (typeof value !== 'string' || ids.has(value)) return true
  findings.add('plan.reference',
    `${pathLabel(path)} '${value}' is not ${noun} (${kind}: ${listing(ids)})${didYouMean(value, ids)}`, path)
  return false
}

function checkPipelines(data: unknown, known: Known, findings: Findings): void {
  const graph = new Map<string, string[]>()
  const firstIndex = new Map<string, number>()
  for (const [i, pipeline] of list(field(data, 'pipelines')).entries()) {
    const owners = field(pipeline, 'owners')
    for (const role of ROLES) {
      checkRef(field(owners, role), ['pipelines', i, 'owners', role], known.team, 'a team member', 'team', findings)
    }
    for (const [j, s] of list(field(pipeline, 'stakeholders')).entries()) {
      checkRef(s, ['pipelines', i, 'stakeholders', j], known.stakeholders, 'a stakeholder', 'stakeholders', findings)
    }
    const id = text(field(pipeline, 'id'))
    const edges: string[] = []
    for (const [j, dep] of list(field(pipeline, 'depends-on')).entries()) {
      const path = ['pipelines', i, 'depends-on', j]
      if (!checkRef(dep, path, known.pipelines, 'a pipeline', 'pipelines', findings)) continue
      if (dep === id) findings.add('plan.reference', `${pathLabel(path)}: pipeline '${id}' cannot depend on itself`, path)
      else if (typeof dep === 'string') edges.push(dep)
    }
    if (id !== undefined && !graph.has(id)) {
      graph.set(id, edges)
      firstIndex.set(id, i)
    }
  }
  for (const cycle of dependencyCycles(graph)) {
    const start = cycle[0] as string
    findings.add('plan.reference', `pipelines ${[...cycle, start].join(' → ')} depend on each other in a cycle: ` +
      'remove one of these depends-on entries', ['pipelines', firstIndex.get(start) ?? 0, 'depends-on'])
  }
}

/** Each dependency cycle once, starting from its first pipeline in plan order. */
function dependencyCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next)
      if (s === 'open') cycles.push(stack.slice(stack.indexOf(next)))
      else if (s === undefined && graph.has(next)) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of graph.keys()) if (!state.has(node)) visit(node)
  return cycles
}

function checkRotationsAndSwaps(data: unknown, known: Known, findings: Findings): void {
  for (const [i, rotation] of list(field(field(data, 'oncall'), 'rotations')).entries()) {
    for (const [j, m] of list(field(rotation, 'members')).entries()) {
      checkRef(m, ['oncall', 'rotations', i, 'members', j], known.team, 'a team member', 'team', findings)
    }
    for (const [j, p] of list(field(rotation, 'pipelines')).entries()) {
      checkRef(p, ['oncall', 'rotations', i, 'pipelines', j], known.pipelines, 'a pipeline', 'pipelines', findings)
    }
  }
  const rotationIds = new Set(known.rotations.keys())
  for (const [i, swap] of list(field(data, 'swaps')).entries()) {
    if (!isRaw(swap)) continue
    const memberOk = checkRef(swap.member, ['swaps', i, 'member'], known.team, 'a team member', 'team', findings)
    let rotationId = text(swap.rotation)
    if (swap.rotation === undefined) {
      if (known.rotations.size > 1) {
        findings.add('plan.reference', `swaps[${i}] must name its rotation: the plan has ${known.rotations.size} ` +
          `(${listing(rotationIds)})`, ['swaps', i])
      } else rotationId = [...rotationIds][0]
    } else if (!checkRef(swap.rotation, ['swaps', i, 'rotation'], rotationIds, 'a rotation', 'rotations', findings)) continue
    const rotation = rotationId === undefined ? undefined : known.rotations.get(rotationId)
    if (!rotation) continue
    const role = text(swap.role)
    if (role !== undefined && ROLES.includes(role) && !rotation.roles.includes(role)) {
      findings.add('plan.reference', `swaps[${i}].role '${role}' is not a role of rotation '${rotationId}' ` +
        `(roles: ${listing(rotation.roles)})`, ['swaps', i, 'role'])
    }
    const member = text(swap.member)
    if (memberOk && member !== undefined && !rotation.members.includes(member)) {
      findings.add('plan.reference', `swaps[${i}].member '${member}' is not in rotation '${rotationId}' ` +
        `(members: ${listing(rotation.members)}): add them to the rotation or pick one of its members`, ['swaps', i, 'member'])
    }
  }
}

function checkContacts(data: unknown, known: Known, findings: Findings): void {
  const valid = new Set<string>([...known.team, ...known.stakeholders, ...CONTACT_ROLES])
  const check = (value: unknown, path: PlanPath): void => {
    if (typeof value !== 'string' || valid.has(value)) return
    findings.add('plan.reference', `${pathLabel(path)} '${value}' is not a member id, a stakeholder id or one of ` +
      `${CONTACT_ROLES.join(', ')}${didYouMean(value, valid)}`, path)
  }
  for (const [i, level] of list(field(data, 'escalation')).entries()) {
    for (const [j, c] of list(field(level, 'contacts')).entries()) check(c, ['escalation', i, 'contacts', j])
  }
  for (const [i, entry] of list(field(data, 'communication')).entries()) {
    for (const [j, c] of list(field(entry, 'who')).entries()) check(c, ['communication', i, 'who', j])
  }
}

/**
 * `renamed-from` names an id the plan no longer has: were the old id still in use, the record's past
 * under it would belong to two entries at once. Each old id is claimed by one entry only.
 */
function checkRenames(data: unknown, path: PlanPath, current: Set<string>, noun: string, findings: Findings): void {
  let items: unknown = data
  for (const segment of path) items = field(items, String(segment))
  const claimed = new Map<string, number>()
  for (const [i, item] of list(items).entries()) {
    const old = text(field(item, 'renamed-from'))
    if (old === undefined) continue
    const at = [...path, i, 'renamed-from']
    const id = text(field(item, 'id'))
    if (old === id) {
      findings.add('plan.reference', `${pathLabel(at)} '${old}' is this ${noun}'s own id: name the id it had before, ` +
        'or remove renamed-from', at)
      continue
    }
    if (current.has(old)) {
      findings.add('plan.reference', `${pathLabel(at)} '${old}' is still the id of a ${noun} in the plan: renamed-from ` +
        `names an old id the plan no longer uses, so rename that ${noun} too or remove renamed-from`, at)
      continue
    }
    const first = claimed.get(old)
    if (first !== undefined) {
      findings.add('plan.reference', `${pathLabel(at)} '${old}' is already claimed by ${pathLabel([...path, first])}: ` +
        `one old id carries its history to one ${noun}`, at)
      continue
    }
    claimed.set(old, i)
  }
}
