import type { RecordValue } from '@tradeoff/shared'
import { describe, expect, it } from 'vitest'
import { PAGE_ID, page, rectangle } from '../../../tests/support/records'
import { fitCamera, shapeIdsOnPage } from './boardPreview'

describe('fitCamera', () => {
  it("centres the bounds at the zoom that fits them inside tldraw's padding", () => {
    const camera = fitCamera({ x: 0, y: 0, w: 2000, h: 1000 }, { width: 1128, height: 700 })
    expect(camera.z).toBeCloseTo(0.5)
    // The bounds' centre lands on the view's centre: (page + camera) * zoom.
    expect((1000 + camera.x) * camera.z).toBeCloseTo(564)
    expect((500 + camera.y) * camera.z).toBeCloseTo(350)
  })

  it('never zooms past 100% on a small board, nor below 10% on a huge one', () => {
    expect(fitCamera({ x: 10, y: 10, w: 50, h: 50 }, { width: 1000, height: 800 }).z).toBe(1)
    expect(fitCamera({ x: 0, y: 0, w: 1e6, h: 1e6 }, { width: 1000, height: 800 }).z).toBe(0.1)
  })
})

describe('shapeIdsOnPage', () => {
  it('finds the shapes of a page through their parent shapes, and no others', () => {
    const frame = { ...rectangle('frame'), type: 'frame' }
    const child = { ...rectangle('child'), parentId: 'shape:frame' }
    const elsewhere = { ...rectangle('other'), parentId: 'page:second' }
    const orphan = { ...rectangle('orphan'), parentId: 'shape:missing' }
    const all: RecordValue[] = [page(), frame, child, elsewhere, orphan, rectangle('top')]
    const records = new Map(all.map((r) => [String(r.id), r]))
    expect(shapeIdsOnPage(records, PAGE_ID).sort()).toEqual(['shape:child', 'shape:frame', 'shape:top'])
    expect(shapeIdsOnPage(records, 'page:second')).toEqual(['shape:other'])
    expect(shapeIdsOnPage(records, null)).toEqual([])
  })
})
