// escalation.levels: a page always has somewhere further to go, later, to someone who exists.
import type { Plan, Role } from '../types.js'
import type { Finding, RuleDefinition } from './rule.js'

const MIN_LEVELS = 3
const ROLE_CONTACTS = ['oncall:primary', 'oncall:secondary', 'owner:primary', 'owner:secondary']

function levels(plan: Plan): Finding[] {
  const findings: Finding[] = []
  const known = new Set([...plan.team.map((m) => m.id), ...plan.stakeholders.map((s) => s.id), ...ROLE_CONTACTS])
  if (plan.escalation.length < MIN_LEVELS) {
    findings.push({
      message:
        `escalation has ${plan.escalation.length} level${plan.escalation.length === 1 ? '' : 's'}, fewer than ${MIN_LEVELS}: ` +
        `add levels so a page that is not resolved reaches an owner, then a lead or stakeholder`,
      path: ['escalation']
    })
  }
  plan.escalation.forEach((level, i) => {
    const previous = plan.escalation[i - 1]
    if (previous && level.level <= previous.level) {
      findings.push({
        message: `escalation[${i}] '${level.name}': level ${level.level} does not come after level ${previous.level}; number the levels in increasing order`,
        path: ['escalation', i, 'level']
      })
    }
    if (previous && level.after.minutes <= previous.after.minutes) {
      findings.push({
        message:
          `escalation[${i}] '${level.name}': after ${level.after.text} is not later than ${previous.after.text} of '${previous.name}'; ` +
          `give each level a longer wait than the one before`,
        path: ['escalation', i, 'after']
      })
    }
    if (level.contacts.length === 0) {
      findings.push({
        message: `escalation[${i}] '${level.name}' has no contacts; name a member, a stakeholder, oncall:primary|secondary or owner:primary|secondary`,
        path: ['escalation', i, 'contacts']
      })
    }
    level.contacts.forEach((contact, j) => {
      const path = ['escalation', i, 'contacts', j]
      if (!known.has(contact)) {
        findings.push({
          message:
            `escalation[${i}] '${level.name}': contact '${contact}' is neither a team member, a stakeholder nor one of ${ROLE_CONTACTS.join(', ')}; ` +
            `fix the name or add it to team or stakeholders`,
          path
        })
        return
      }
      const nobody = reachesNobody(plan, contact)
      if (nobody) findings.push({ message: `escalation[${i}] '${level.name}': contact '${contact}' ${nobody}`, path })
    })
  })
  return findings
}

/**
 * Why a role contact reaches nobody, and what to write instead; undefined when it reaches someone.
 * `oncall:<role>` needs a rotation that staffs the role; `owner:<role>` needs a pipeline (every
 * pipeline names both owners).
 */
function reachesNobody(plan: Plan, contact: string): string | undefined {
  const [kind, role] = contact.split(':') as [string, string | undefined]
  if (kind === 'oncall' && role !== undefined) {
    const staffed = [...new Set(plan.oncall.rotations.flatMap((r) => r.roles))]
    if (staffed.includes(role as Role)) return undefined
    const instead = staffed.length > 0 ? `page ${staffed.map((r) => `oncall:${r}`).join(' or ')} instead` : 'name a member instead'
    return `reaches nobody: no rotation has the role ${role} (roles: ${staffed.join(', ') || 'none'}); ` +
      `add ${role} to a rotation's roles or ${instead}`
  }
  if (kind === 'owner' && plan.pipelines.length === 0) {
    return 'reaches nobody: the plan has no pipelines, so no one is an owner; add the pipelines with their owners or name a member instead'
  }
  return undefined
}

export const escalationRules: RuleDefinition[] = [{ id: 'escalation.levels', check: (ctx) => levels(ctx.plan) }]
