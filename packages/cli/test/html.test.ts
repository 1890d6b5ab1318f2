import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFixture } from './fixture.js'
import { runCli } from './run-cli.js'

const CHROMIUM = process.env.QUERYCOST_CHROMIUM ?? '/usr/bin/chromium'
// The flags this machine needs: no sandbox as root, and no background connections to a closed network.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium) {
  const message = `Chromium not found at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set QUERYCOST_CHROMIUM`
  if (process.env.CI) throw new Error(message)
  console.warn(`SKIPPED the HTML page test: ${message}`)
}

const dir = mkdtempSync(join(tmpdir(), 'querycost-html-'))
const file = join(dir, 'cost.jsonl')
writeFixture(file)
let browser: Browser

beforeAll(async () => {
  if (haveChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
})
afterAll(async () => {
  await browser?.close()
})

/** Opens a page file in Chromium, failing on any request that is not the file itself. */
async function open(path: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(pathToFileURL(path).href)
  return { page, requests }
}

describe.runIf(haveChromium)('report --html in Chromium', () => {
  it('shows the totals, the charts, the breakdowns, repeated statements and violations, with nothing fetched', async () => {
    const out = join(dir, 'report.html')
    const { code, stdout } = await runCli(['report', file, '--html', out])
    expect([code, stdout]).toEqual([0, `wrote ${out}: 100 requests, 5 routes and 6 tables shown\n`])
    const { page, requests } = await open(out)
    expect(requests).toEqual([pathToFileURL(out).href])
    expect(await page.locator('h1').textContent()).toBe('querycost report')
    const cards = await page.locator('[data-testid=summary] .card').allInnerTexts()
    expect(cards.map((t) => t.replace(/\s+/g, ' '))).toEqual([
      '100 requests',
      '5 routes',
      '1,880 operations',
      '900.0 ms database time',
      '1,005,260 rows read',
      '100 rows written',
      '2 errors',
    ])
    const bars = (id: string) =>
      page.locator(`[data-testid=${id}] g[data-bar]`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-bar')))
    expect(await bars('routes-chart')).toEqual(['job:nightly', 'GET /orders', 'POST /orders', 'GET /users/:id', 'GET /health'])
    expect(await bars('tables-chart')).toEqual([
      'mysql:analytics.events',
      'pg:orders',
      'pg:order_items',
      'pg:users',
      'redis:cart',
      'redis:session',
    ])
    // The longest bar is the costliest route, and the chart's widths follow the figures.
    const widths = await page.locator('[data-testid=routes-chart] rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))))
    expect(widths[1]! / widths[0]!).toBeCloseTo(255 / 500, 2)
    const rows = (id: string) =>
      page
        .locator(`[data-testid="${id}"] tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))
    expect((await rows('routes-table'))[0]).toEqual([
      'job:nightly',
      '2',
      '1,000',
      '500.0 ms',
      '1,000,000',
      '0',
      '0',
      '500',
      '250.0 ms',
      '252.0 ms',
      '1.00 ms',
    ])
    expect(await rows('breakdown:POST /orders')).toEqual([
      ['pg:orders', '20', '40.0 ms', '0', '20', '2'],
      ['pg:order_items', '20', '20.0 ms', '0', '60', '0'],
      ['redis:cart', '20', '15.0 ms', '0', '20', '0'],
    ])
    expect(await page.locator('[data-testid="breakdown:GET /health"]').textContent()).toBe('No database work.')
    expect((await rows('repeated-table')).map((r) => r[r.length - 1])).toEqual([
      'select * from analytics.events where id > ? limit ?',
      'select * from order_items where order_id = ?',
    ])
    expect(await rows('violations-table')).toEqual([
      ['GET /orders', 'maxCount', '', '30', '22', '20'],
      ['job:nightly', 'maxRows', '', '2', '500,000', '100,000'],
    ])
    expect(await page.locator('[data-testid=compare]').count()).toBe(0)
  })

  it('with two windows, shows before and after per route and table', async () => {
    const out = join(dir, 'compare.html')
    const screenshotDir = fileURLToPath(new URL('../../../docs/', import.meta.url))
    expect(
      (await runCli(['report', file, '--html', out, '--before', '2026-11-01..2026-11-02', '--after', '2026-11-02..2026-11-03'])).code,
    ).toBe(0)
    const { page } = await open(out)
    const first = await page.locator('[data-testid=compare-routes-table] tbody tr').first().locator('td').allTextContents()
    expect(first).toEqual(['GET /orders', '10', '20', '85.0 ms', '170.0 ms', '+85.0 ms', '×2.00', '220', '440', '×2.00'])
    const tables = await page.locator('[data-testid=compare-tables-chart] g[data-bar]').count()
    expect(tables).toBe(6)
    expect(readFileSync(out, 'utf8')).not.toMatch(/<script|https?:\/\//)
    // The docs' screenshot is this page: QUERYCOST_UPDATE_SCREENSHOT=1 rewrites it.
    if (process.env.QUERYCOST_UPDATE_SCREENSHOT) await page.screenshot({ path: join(screenshotDir, 'cli-report.png'), fullPage: true })
  })
})
