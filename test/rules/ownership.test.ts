import { describe, expect, it } from '@jest/globals'
import { makePlan, pipeline } from '../support/plan.js'
import { check } from './support.js'

const [profit, growth, engagement, executive, experiment] = makePlan().pipelines as [
  ReturnType<typeof pipeline>, ReturnType<typeof pipeline>, ReturnType<typeof pipeline>, ReturnType<typeof pipeline>, ReturnType<typeof pipeline>
]

describe('ownership.distinct', () => {
  it('holds when every pipeline has two different owners from the team', () => {
    expect(check('ownership.distinct')).toEqual([])
  })

  it('points at the owners of a pipeline whose primary is also its secondary', () => {
    const plan = makePlan({ pipelines: [profit, { ...growth, owners: { primary: 'ben', secondary: 'ben' } }, engagement, executive, experiment] })
    const [problem] = check('ownership.distinct', { plan })
    expect(problem).toMatchObject({
      severity: 'error',
      message: "pipelines[1] growth: primary and secondary owner are both 'ben'; pick a different secondary owner",
      path: 'pipelines.1.owners'
    })
  })

  it('names the team when an owner is not a member', () => {
    const plan = makePlan({ pipelines: [profit, growth, { ...engagement, owners: { primary: 'chen', secondary: 'zoe' } }, executive, experiment] })
    const problems = check('ownership.distinct', { plan })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toBe("pipelines[2] engagement: secondary owner 'zoe' is not a team member; name one of ana, ben, chen and dee")
    expect(problems[0]?.path).toBe('pipelines.2.owners.secondary')
  })
})

describe('ownership.balance', () => {
  it('allows ceil(5/4) = 2 pipelines per primary owner', () => {
    expect(check('ownership.balance')).toEqual([])
  })

  it('warns when ana owns three and suggests dee, who owns none', () => {
    const plan = makePlan({
      pipelines: [profit, { ...growth, owners: { primary: 'ana', secondary: 'chen' } }, { ...engagement, owners: { primary: 'ana', secondary: 'dee' } }, { ...executive, owners: { primary: 'ben', secondary: 'ana' } }, { ...experiment, owners: { primary: 'chen', secondary: 'ben' } }]
    })
    const problems = check('ownership.balance', { plan })
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'ana is primary owner of 3 pipelines (profit, growth, engagement), more than ceil(5/4) = 2: hand one to a member who owns fewer (dee owns none)',
        path: 'pipelines.2.owners.primary'
      })
    ])
  })
})

describe('ownership.backup', () => {
  it('holds when everyone backs up at least one pipeline', () => {
    expect(check('ownership.backup')).toEqual([])
  })

  it('warns about a member who backs up nothing and suggests whom to relieve', () => {
    const plan = makePlan({ pipelines: [profit, growth, { ...engagement, owners: { primary: 'chen', secondary: 'ben' } }, executive, experiment] })
    const [problem, ...rest] = check('ownership.backup', { plan })
    expect(rest).toEqual([])
    expect(problem?.severity).toBe('warning')
    expect(problem?.path).toBe('team.3')
    expect(problem?.message).toMatch(/^dee is secondary owner of no pipeline; with 5 pipelines and 4 members/)
    expect(problem?.message).toContain('make dee secondary owner of one (e.g. profit, from ben, who backs up 2)')
  })

  it('does not ask for backups when there are fewer pipelines than members', () => {
    const plan = makePlan({ pipelines: [profit, growth, engagement] })
    expect(check('ownership.backup', { plan })).toEqual([])
  })
})
