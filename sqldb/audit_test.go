package sqldb_test

import (
	"testing"
	"time"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestAuditLog(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		actor := shebao.Actor{AccountID: 3, Username: "zhang", Role: shebao.RoleOperator, UnitID: 10,
			Channel: shebao.SelfService, Terminal: "HALL-01"}
		mk := func(min int, action string, person int64) shebao.AuditEntry {
			e := shebao.AuditFor(actor, t0.Add(time.Duration(min)*time.Minute), action)
			e.PersonID, e.ItemID, e.Detail = person, int64(min), `{"wage":800000}`
			return e
		}
		entries := []shebao.AuditEntry{mk(0, "login.ok", 0), mk(1, "item.enroll", 20), mk(2, "item.stop", 21), mk(3, "itemx", 0)}
		entries[3].AccountID, entries[3].UnitID = 4, 11
		update(t, db, func(tx shebao.Tx) error {
			for _, e := range entries {
				if err := tx.Audit(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		// IDs are assigned in insertion order from 1 in a fresh database.
		for i := range entries {
			entries[i].ID = int64(i + 1)
		}
		at := func(idx ...int) []shebao.AuditEntry {
			var out []shebao.AuditEntry
			for _, i := range idx {
				out = append(out, entries[i])
			}
			return out
		}
		tests := []struct {
			name  string
			f     shebao.AuditFilter
			want  []shebao.AuditEntry
			total int
		}{
			{"all", shebao.AuditFilter{}, at(3, 2, 1, 0), 4},
			{"unit", shebao.AuditFilter{UnitID: 10}, at(2, 1, 0), 3},
			{"person", shebao.AuditFilter{PersonID: 21}, at(2), 1},
			{"account", shebao.AuditFilter{AccountID: 4}, at(3), 1},
			{"action prefix", shebao.AuditFilter{Action: "item."}, at(2, 1), 2},
			{"from-to", shebao.AuditFilter{From: t0.Add(time.Minute), To: t0.Add(3 * time.Minute)}, at(2, 1), 2},
			{"paged", shebao.AuditFilter{Limit: 1, Offset: 1}, at(2), 4},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				view(t, db, func(tx shebao.Tx) error {
					got, total, err := sqldbtest.AuditLog(ctx, tx, tt.f)
					diff(t, "AuditLog", got, tt.want)
					if total != tt.total {
						t.Errorf("total = %d, want %d", total, tt.total)
					}
					return err
				})
			})
		}
	})
}

// TestAuditSnapshotAfterInsertItem: an entry made right after its item's
// INSERT keeps the names that statement read; after another statement (here
// the unit renamed) the entry reads them again, as they are then.
func TestAuditSnapshotAfterInsertItem(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := t.Context()
		u := newUnit(t, db, "91110000AAAAAAAAA1", "甲公司")
		p := newPerson(t, db, idNumber(1), "张三")
		other := newPerson(t, db, idNumber(2), "李四")
		entry := func(it shebao.Item, person int64) shebao.AuditEntry {
			e := shebao.AuditFor(shebao.Actor{AccountID: 1, Role: shebao.RoleOperator, UnitID: u.ID}, t0, "item.enroll")
			e.UnitID, e.PersonID, e.ItemID = u.ID, person, it.ID
			return e
		}
		update(t, db, func(tx shebao.Tx) error {
			it := newItem(u, p, t0)
			if err := tx.InsertItem(ctx, &it); err != nil {
				return err
			}
			if err := tx.Audit(ctx, entry(it, p.ID)); err != nil { // the INSERT's names
				return err
			}
			if err := tx.Audit(ctx, entry(it, other.ID)); err != nil { // another person: read
				return err
			}
			renamed := u
			renamed.Name = "甲公司（新）"
			if err := tx.UpdateUnit(ctx, renamed); err != nil {
				return err
			}
			return tx.Audit(ctx, entry(it, p.ID)) // after the rename: read again
		})
		view(t, db, func(tx shebao.Tx) error {
			rows, _, err := tx.AuditRows(ctx, shebao.AuditFilter{})
			var got [][2]string
			for _, r := range rows {
				got = append(got, [2]string{r.UnitName, r.PersonName})
			}
			diff(t, "entries' names, newest first", got, [][2]string{{"甲公司（新）", "张三"}, {"甲公司", "李四"}, {"甲公司", "张三"}})
			return err
		})
		wantChain(t, db, 3)
	})
}
