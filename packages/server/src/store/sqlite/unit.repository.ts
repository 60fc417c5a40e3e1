/**
 * Units in the embedded store: the unit (with its latest position) as JSON, and its recent
 * positions keyed by (unit, source, fix time), so a resent position is recognised and the track
 * stays bounded.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Unit, UnitPosition } from '@openrtcc/domain';
import { UNIT_TRACK_MAX, type TimeWindow, type UnitPositionInput, type UnitStatusUpdate, type UnitStore } from '../store.types.ts';
import { outsideWindows, windowsParam } from './retention-sql.ts';
import { applyPosition, applyStatus } from '../unit-rules.ts';
import { transaction } from './database.ts';

export class SqliteUnitStore implements UnitStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  private load(id: string): Unit | undefined {
    const r = this.db.prepare('SELECT body FROM units WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  private save(unit: Unit): void {
    this.db.prepare('INSERT INTO units (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body').run(unit.id, JSON.stringify(unit));
  }

  async recordPositions(positions: UnitPositionInput[]): Promise<{ moved: Unit[]; duplicates: number; stale: number }> {
    return transaction(this.db, () => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO unit_positions (unit_id, source_system, at, body) VALUES (?, ?, ?, ?)');
      const moved = new Map<string, Unit>();
      let duplicates = 0;
      let stale = 0;
      for (const { unitId, ...position } of positions) {
        if (Number(insert.run(unitId, position.sourceSystem, position.at, JSON.stringify(position)).changes) === 0) {
          duplicates++;
          continue;
        }
        const next = applyPosition(moved.get(unitId) ?? this.load(unitId), unitId, position);
        if (!next) {
          stale++;
          continue;
        }
        this.save(next);
        moved.delete(unitId);
        moved.set(unitId, next);
      }
      const prune = this.db.prepare(
        'DELETE FROM unit_positions WHERE unit_id = ? AND at < (SELECT at FROM unit_positions WHERE unit_id = ? ORDER BY at DESC LIMIT 1 OFFSET ?)',
      );
      for (const id of new Set(positions.map((p) => p.unitId))) prune.run(id, id, UNIT_TRACK_MAX - 1);
      return { moved: [...moved.values()], duplicates, stale };
    });
  }

  async updateStatus(updates: UnitStatusUpdate[]): Promise<Unit[]> {
    return transaction(this.db, () => {
      const changed = new Map<string, Unit>();
      for (const u of updates) {
        const next = applyStatus(changed.get(u.unitId) ?? this.load(u.unitId), u);
        if (!next) continue;
        this.save(next);
        changed.set(u.unitId, next);
      }
      return [...changed.values()];
    });
  }

  async get(id: string): Promise<Unit | undefined> {
    return this.load(id);
  }

  async list(): Promise<Unit[]> {
    return (this.db.prepare('SELECT body FROM units ORDER BY id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }

  async track(id: string, limit: number): Promise<UnitPosition[]> {
    const rows = this.db.prepare('SELECT body FROM unit_positions WHERE unit_id = ? ORDER BY at DESC LIMIT ?').all(id, limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body));
  }

  async deletePositionsBefore(before: number, windows: TimeWindow[]): Promise<number> {
    const r = this.db.prepare(`DELETE FROM unit_positions WHERE at < ? AND ${outsideWindows('at')}`).run(before, windowsParam(windows));
    return Number(r.changes);
  }
}
