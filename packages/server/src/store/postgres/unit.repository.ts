/**
 * Units and their recent positions. A write takes a transaction-scoped advisory lock per unit it
 * touches, in id order (so two writers never deadlock, and two nodes seeing a unit's first
 * positions at once cannot both create it from nothing), records positions with
 * `ON CONFLICT DO NOTHING` (a resent position is a duplicate) and keeps the newest
 * UNIT_TRACK_MAX positions per unit.
 */
import type { Unit, UnitPosition } from '@openrtcc/domain';
import { UNIT_TRACK_MAX, type TimeWindow, type UnitPositionInput, type UnitStatusUpdate, type UnitStore } from '../store.types.ts';
import { outsideWindows, windowParams } from './retention-sql.ts';
import { applyPosition, applyStatus } from '../unit-rules.ts';
import type { Sql, Db } from './pg.client.ts';

/** Locks the units (existing or not yet) in id order for the transaction; returns those that exist. */
async function lockUnits(sql: Sql, ids: string[]): Promise<Map<string, Unit>> {
  const sorted = [...new Set(ids)].sort();
  for (const id of sorted) await sql.rows("SELECT pg_advisory_xact_lock(hashtextextended('rtcc.unit:' || $1, 0))", [id]);
  const rows = await sql.rows<{ id: string; body: Unit }>('SELECT id, body FROM units WHERE id = ANY($1::text[])', [sorted]);
  return new Map(rows.map((r) => [r.id, r.body]));
}

async function saveUnit(sql: Sql, unit: Unit): Promise<void> {
  await sql.exec('INSERT INTO units (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body', [unit.id, JSON.stringify(unit)]);
}

/** The UnitStore over a migrated schema. */
export function unitRepository(db: Db): UnitStore {
  return {
    async recordPositions(positions: UnitPositionInput[]) {
      return db.tx(async (sql) => {
        const units = await lockUnits(sql, positions.map((p) => p.unitId));
        const moved = new Map<string, Unit>();
        let duplicates = 0;
        let stale = 0;
        for (const { unitId, ...position } of positions) {
          const inserted = await sql.exec('INSERT INTO unit_positions (unit_id, source_system, at, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
            unitId,
            position.sourceSystem,
            position.at,
            JSON.stringify(position),
          ]);
          if (inserted === 0) {
            duplicates++;
            continue;
          }
          const next = applyPosition(units.get(unitId), unitId, position);
          if (!next) {
            stale++;
            continue;
          }
          await saveUnit(sql, next);
          units.set(unitId, next);
          moved.delete(unitId);
          moved.set(unitId, next);
        }
        for (const id of new Set(positions.map((p) => p.unitId))) {
          await sql.exec(
            'DELETE FROM unit_positions WHERE unit_id = $1 AND at < (SELECT at FROM unit_positions WHERE unit_id = $1 ORDER BY at DESC LIMIT 1 OFFSET $2)',
            [id, UNIT_TRACK_MAX - 1],
          );
        }
        return { moved: [...moved.values()], duplicates, stale };
      });
    },

    async updateStatus(updates: UnitStatusUpdate[]) {
      return db.tx(async (sql) => {
        const units = await lockUnits(sql, updates.map((u) => u.unitId));
        const changed = new Map<string, Unit>();
        for (const u of updates) {
          const next = applyStatus(units.get(u.unitId), u);
          if (!next) continue;
          await saveUnit(sql, next);
          units.set(u.unitId, next);
          changed.set(u.unitId, next);
        }
        return [...changed.values()];
      });
    },

    async get(id) {
      const rows = await db.rows<{ body: Unit }>('SELECT body FROM units WHERE id = $1', [id]);
      return rows[0]?.body;
    },

    async list() {
      return (await db.rows<{ body: Unit }>('SELECT body FROM units ORDER BY id')).map((r) => r.body);
    },

    async track(id, limit): Promise<UnitPosition[]> {
      return (await db.rows<{ body: UnitPosition }>('SELECT body FROM unit_positions WHERE unit_id = $1 ORDER BY at DESC LIMIT $2', [id, limit])).map((r) => r.body);
    },

    async deletePositionsBefore(before: number, windows: TimeWindow[]) {
      return db.exec(`DELETE FROM unit_positions WHERE at < $1 AND ${outsideWindows('at', 2)}`, [before, ...windowParams(windows)]);
    },
  };
}
